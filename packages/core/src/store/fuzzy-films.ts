/**
 * Fuzzy film search over the store's trigram index: candidates for a misspelt title, few and
 * best first, for the matcher to re-rank.
 *
 * Two tables serve it: a trigram index of `films.norm_key` (SQLite's FTS5 `films_fts`, or
 * PostgreSQL's pg_trgm index on the column: the per-dialect seams fuzzy-films-sqlite.ts and
 * fuzzy-films-postgres.ts), and `film_trigrams`, how many films hold each trigram (written by
 * `indexFilmKey`). Both dialects find and rank the same films in the same order. What a
 * search costs is mostly the films it scores, so it scores only films where a misspelt title can
 * be: those holding one of two parts of the key that one typo cannot both spoil, and those
 * holding the key's rarest trigram. Common trigrams ("an ", "dil"), held by tens of thousands of
 * films, only rank the films found.
 */
import { Effect } from "effect"
import { type Kysely, sql, type Transaction } from "kysely"
import type { Database } from "./database.js"
import { dialectOf } from "./dialect.js"
import { postgresFilmsMatching } from "./fuzzy-films-postgres.js"
import { sqliteFilmsMatching, sqliteIndexFilmKey } from "./fuzzy-films-sqlite.js"
import type { StoredFilm } from "./soundtracks.js"
import { type Store, type StoreError, withDb } from "./store.js"

/** How many films hold each trigram of the film keys (migration 0006). */
export interface FilmTrigramTable {
  trigram: string
  films: number
}

type Db = Kysely<Database> | Transaction<Database>

/** What a dialect's seam is asked for: the films holding any of `terms`, ranked by `score`, at most `limit`. */
export interface FilmsMatching {
  readonly terms: ReadonlyArray<string>
  /** Each trigram of the key that films hold, and its weight (rarer, heavier). */
  readonly weights: ReadonlyArray<{ readonly trigram: string; readonly weight: number }>
  /** The key's length in characters, for the tie-break on the closest length. */
  readonly keyLength: number
  readonly limit: number
}

/** A film row as the seams return it. */
export interface FilmRow {
  readonly id: number
  readonly title: string
  readonly year: number | null
  readonly imdb_id: string | null
  readonly norm_key: string
}

/** A fuzzy candidate: the film and the key it was found by. */
export type FuzzyFilmCandidate = StoredFilm & { readonly normKey: string }

/** The distinct trigrams of a key, by code point, as FTS5's trigram tokenizer and SQLite's `substr` count. */
export const keyTrigrams = (key: string): ReadonlyArray<string> => {
  const chars = [...key]
  const out = new Set<string>()
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(""))
  return [...out]
}

/** Indexes a new film's key for fuzzy search, in the transaction that creates the film. */
export const indexFilmKey = async (db: Db, filmId: number, normKey: string): Promise<void> => {
  // PostgreSQL's trigram index is on films.norm_key itself: nothing to add.
  if (dialectOf(db) === "sqlite") await sqliteIndexFilmKey(db, filmId, normKey)
  const trigrams = keyTrigrams(normKey)
  if (trigrams.length === 0) return
  await db
    .withTables<{ film_trigrams: FilmTrigramTable }>()
    .insertInto("film_trigrams")
    .values(trigrams.map((trigram) => ({ trigram, films: 1 })))
    .onConflict((oc) => oc.column("trigram").doUpdateSet({ films: sql<number>`film_trigrams.films + 1` }))
    .execute()
}

/** Two parts with a letter between them need 3 + 1 + 3 letters. */
const shortestSplitKey = 7
/**
 * Above this many films, the two trigrams are replaced by the two halves of the key around them:
 * FTS5 then reads the lists of every trigram of the halves (cheap, about 50 times cheaper per film
 * than scoring one) to return only the films holding a whole half (few).
 */
const halvesAbove = 1000

/**
 * What to ask FTS5 for so that every film one typo away from `key` (a letter missing, added or
 * replaced, two neighbours swapped) holds at least one of the terms: two trigrams with at least a
 * letter between them, which one typo cannot both touch, the pair held by the fewest films; or,
 * when those are many, the two halves of the key around that letter. A trigram no film holds
 * costs nothing: the typo is there, and the other term is whole. A key too short to split gives
 * no terms (its every trigram is then asked for).
 */
export const typoProofTerms = (key: string, filmsHolding: (trigram: string) => number): ReadonlyArray<string> => {
  const chars = [...key]
  const n = chars.length
  if (n < shortestSplitKey) return []
  const trigramAt = (i: number) => chars.slice(i, i + 3).join("")
  const held = Array.from({ length: n - 2 }, (_, i) => filmsHolding(trigramAt(i)))
  const films = (i: number) => held[i] ?? Infinity
  const rarer = (a: number, b: number) => (films(b) < films(a) ? b : a)
  // rarestBefore[k]: the rarest trigram starting before k; rarestFrom[k]: starting at k or later.
  const rarestBefore = [-1]
  held.forEach((_, i) => rarestBefore.push(i === 0 ? 0 : rarer(rarestBefore[i] ?? i, i)))
  const rarestFrom = held.map((_, i) => i)
  for (let k = held.length - 2; k >= 0; k--) rarestFrom[k] = rarer(k, rarestFrom[k + 1] ?? k)
  // The letter at `gap` separates the halves. Of equally cheap splits, the one whose halves that
  // can match are longest (so held by fewer films), then the most even.
  let best = { gap: -1, first: -1, second: -1, cost: Infinity, matching: 0, shorter: 0 }
  for (let gap = 3; gap + 4 <= n; gap++) {
    const first = rarestBefore[gap - 2] ?? 0
    const second = rarestFrom[gap + 1] ?? 0
    const split = {
      gap,
      first,
      second,
      cost: films(first) + films(second),
      matching: (films(first) > 0 ? gap : 0) + (films(second) > 0 ? n - gap - 1 : 0),
      shorter: Math.min(gap, n - gap - 1)
    }
    const better =
      split.cost !== best.cost ? split.cost < best.cost : split.matching !== best.matching ? split.matching > best.matching : split.shorter > best.shorter
    if (better) best = split
  }
  return best.cost <= halvesAbove
    ? [trigramAt(best.first), trigramAt(best.second)]
    : [chars.slice(0, best.gap).join(""), chars.slice(best.gap + 1).join("")]
}

/**
 * 300 films: beyond the typo-proof terms, the key's rarest trigrams are asked for while together
 * held by no more films than this (the rarest one always). They find titles with two typos or
 * with words in another order, which may spoil both terms.
 */
const rarestBudget = 300

/**
 * Films whose key is like `normKey`, at most `limit`, best first: those holding the most of the
 * key's trigrams, a rare trigram counting more (inverse document frequency), then those of the
 * closest length. Every film one typo away from the key is among the films scored, however many
 * films share its words.
 */
export const fuzzyFilmCandidates = (normKey: string, limit: number): Effect.Effect<ReadonlyArray<FuzzyFilmCandidate>, StoreError, Store> =>
  withDb("cannot search films", async (store) => {
    const trigrams = keyTrigrams(normKey)
    if (trigrams.length === 0 || limit <= 0) return []
    const db = store.withTables<{ film_trigrams: FilmTrigramTable }>()
    const held = await db
      .selectFrom("film_trigrams")
      // Films are never deleted: the largest id is how many there are.
      .select(["trigram", "films", sql<number | null>`(select max(id) from films)`.as("total")])
      .where("trigram", "in", trigrams)
      .where("films", ">", 0)
      .orderBy("films")
      // By code point on both (PostgreSQL's default collation may order otherwise), so both pick the same terms.
      .orderBy(dialectOf(store) === "postgres" ? sql`trigram collate "C"` : sql`trigram`)
      .execute()
    if (held.length === 0) return []
    const total = held[0]?.total ?? 0
    const filmsHolding = new Map(held.map((h) => [h.trigram, h.films]))

    const typoProof = typoProofTerms(normKey, (t) => filmsHolding.get(t) ?? 0)
    const terms = new Set(typoProof.length > 0 ? typoProof : held.map((h) => h.trigram))
    let looked = 0
    for (const { trigram, films } of held) {
      if (looked > 0 && looked + films > rarestBudget) break
      terms.add(trigram)
      looked += films
    }

    const matching: FilmsMatching = {
      terms: [...terms],
      weights: held.map(({ trigram, films }) => ({ trigram, weight: Math.log(1 + total / films) })),
      keyLength: [...normKey].length,
      limit
    }
    const rows = await (dialectOf(store) === "postgres" ? postgresFilmsMatching(store, matching) : sqliteFilmsMatching(store, matching))
    return rows.map((r) => ({ id: r.id, title: r.title, year: r.year, imdbId: r.imdb_id, normKey: r.norm_key }))
  })
