import { describe, expect, it } from "@effect/vitest"
import { makeTempDir } from "@liner/testkit"
import SqliteDatabase from "better-sqlite3"
import { Effect } from "effect"
import { Kysely, Migrator, SqliteDialect } from "kysely"
import { afterEach } from "vitest"
import type { Soundtrack } from "../src/domain/soundtrack.js"
import type { Database } from "../src/store/database.js"
import { filmKey } from "../src/store/film-key.js"
import { fuzzyFilmCandidates, indexFilmKey, keyTrigrams, typoProofTerms } from "../src/store/fuzzy-films.js"
import { migrationProvider } from "../src/store/migrations.js"
import { saveSoundtrack } from "../src/store/soundtracks.js"
import { Store, StoreLayer } from "../src/store/store.js"
import { freshStoreLocation, itOnSqlite } from "./support/test-store.js"

const dirs: Array<{ remove: () => void }> = []
const tempDb = () => {
  const dir = makeTempDir()
  dirs.push(dir)
  return freshStoreLocation(dir.path)
}
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

const album = (title: string): Soundtrack => ({
  album: { title, releaseDate: null, label: null, musicbrainz: null, spotify: null },
  tracks: [],
  alternatives: []
})
const save = (title: string, year: number | null = 2001) =>
  saveSoundtrack({ film: { title, year, imdbId: null }, origin: "imported", soundtrack: album(title), matchedBy: null, confidence: null, fetchedAt: "2026-11-21T10:00:00.000Z", expiresAt: null })

/** Many films at once, indexed as the store indexes a new film (saving them one by one is slow). */
const addFilms = (titles: ReadonlyArray<string>) =>
  Effect.flatMap(Store, ({ db }) =>
    Effect.promise(() =>
      db.transaction().execute(async (trx) => {
        for (const title of titles) {
          const key = filmKey(title)
          const { id } = await trx
            .insertInto("films")
            .values({ title, year: 2001, imdb_id: null, norm_key: key, created_at: "2026-11-21T10:00:00.000Z" })
            .returning("id")
            .executeTakeFirstOrThrow()
          await indexFilmKey(trx, id, key)
        }
      })
    )
  )

/** The counts as kept, and as FTS5 counts them by reading every film of each trigram. */
const trigramCounts = (path: string) => {
  const raw = new SqliteDatabase(path, { readonly: true })
  try {
    const kept = raw.prepare("select trigram, films from film_trigrams order by trigram").all()
    const read = raw.prepare("select term as trigram, doc as films from films_fts_vocab order by term").all()
    return { kept, read }
  } finally {
    raw.close()
  }
}

const words = ["dil", "pyaar", "ishq", "zindagi", "kabhi", "jaane", "sapne", "raat", "mera", "tera", "raja", "rani", "dosti", "safar", "khwab", "chand"]
/**
 * Titles made of the same few words as the films looked for, numbered below 100 (theirs are
 * not): thousands of films that share trigrams with them. The same titles on every run.
 */
const lookalikes = (count: number): Array<string> => {
  let seed = 7
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return Math.floor((seed / 2147483648) * n)
  }
  return Array.from({ length: count }, () => `${words[next(words.length)]} ${words[next(words.length)]} ${words[next(words.length)]} ${next(100)}`)
}

describe("fuzzy film search", () => {
  it("asks for terms of which any one typo leaves one whole, trigrams or halves of the key", () => {
    const key = "kabhi khushi kabhie gham"
    const own = new Set(keyTrigrams(key))
    /** Every title one typo away: a letter missing, replaced, added, or two neighbours swapped. */
    const typos = (s: string): Array<string> =>
      Array.from({ length: s.length }, (_, i) => [
        s.slice(0, i) + s.slice(i + 1),
        s.slice(0, i) + "x" + s.slice(i + 1),
        s.slice(0, i) + "x" + s.slice(i),
        s.slice(0, i) + (s[i + 1] ?? "") + s[i] + s.slice(i + 2)
      ]).flat()
    // Few films hold the key's trigrams: two trigrams are asked for; many: two halves.
    for (const [filmsPerTrigram, termLength] of [[20, 3], [5000, undefined]] as const) {
      for (const asked of typos(key)) {
        const terms = typoProofTerms(asked, (t) => (own.has(t) ? filmsPerTrigram : 0))
        expect(terms, asked).toHaveLength(2)
        if (termLength !== undefined) expect(terms.map((t) => t.length)).toEqual([termLength, termLength])
        expect(terms.some((term) => key.includes(term)), `${asked} → ${terms.join(" | ")}`).toBe(true)
      }
    }
    // Too short to split: every trigram is asked for instead.
    expect(typoProofTerms("dil se", () => 1)).toEqual([])
  })

  it("puts the typo, where no film holds a trigram, in one half and keeps the other whole", () => {
    const held = new Set(keyTrigrams("rang de basanti"))
    expect(typoProofTerms("rang de bsanti", (t) => (held.has(t) ? 5000 : 0))).toEqual(["rang de", "bsanti"])
    // Fewer films: the rarest trigram of the whole half and one of the spoilt half, which costs nothing.
    const few = typoProofTerms("rang de bsanti", (t) => (held.has(t) ? (t === "ng " ? 3 : 10) : 0))
    expect(few[0]).toBe("ng ")
    expect(held.has(few[1] ?? "")).toBe(false)
  })

  itOnSqlite.effect("keeps each trigram's count of films with the index, by character", () => {
    const path = tempDb()
    return Effect.gen(function* () {
      for (const title of ["Dil Se", "Dil Chahta Hai", "Dil Se", "दिल से", "𠜎𠜱𠝹𠱓 Se", "Se"]) yield* save(title)
    }).pipe(
      Effect.provide(StoreLayer.at(path)),
      Effect.map(() => {
        const { kept, read } = trigramCounts(path)
        expect(kept).toEqual(read)
        expect(kept).toContainEqual({ trigram: "dil", films: 2 })
        expect(kept).toContainEqual({ trigram: "दिल", films: 1 })
      })
    )
  })

  itOnSqlite.effect("counts the films stored before the counts existed", () => {
    const path = tempDb()
    return Effect.gen(function* () {
      // A store as the previous release left it: migrated up to 0005, films indexed in FTS5 only.
      yield* Effect.promise(async () => {
        const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SqliteDatabase(path) }) })
        const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo("0005_fuzzy_and_exact_lookups")
        if (error !== undefined) throw error
        for (const [id, title] of ["Rang De Basanti", "Dil Se", "Dil Chahta Hai", "दिल से"].entries()) {
          await db.insertInto("films").values({ id: id + 1, title, year: 2001, norm_key: filmKey(title), created_at: "2026-11-21T10:00:00.000Z" }).execute()
          await db.insertInto("films_fts").values({ rowid: id + 1, norm_key: filmKey(title) }).execute()
        }
        await db.destroy()
      })
      const found = yield* fuzzyFilmCandidates(filmKey("Rang De Basnti"), 5).pipe(Effect.provide(StoreLayer.at(path)))
      expect(found[0]?.title).toBe("Rang De Basanti")
      const { kept, read } = trigramCounts(path)
      expect(kept.length).toBeGreaterThan(0)
      expect(kept).toEqual(read)
    })
  })

  it.effect("returns at most `limit` candidates, the closest first, when thousands of films hold the key's trigrams", () =>
    Effect.gen(function* () {
      yield* addFilms([...lookalikes(3000), "Sapne Raat"])
      for (const asked of ["Sapn Raat", "Sapne Rat", "Sapne Raa"]) {
        const found = yield* fuzzyFilmCandidates(filmKey(asked), 10)
        expect(found, asked).toHaveLength(10)
        expect(found[0]?.title, asked).toBe("Sapne Raat")
        expect(found[0]?.normKey).toBe(filmKey("Sapne Raat"))
      }
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("finds a title with one typo first among thousands of lookalikes, whichever word the typo is in", () =>
    Effect.gen(function* () {
      const title = "Kabhi Sapne Dosti Chand 142"
      yield* addFilms([...lookalikes(3000), title])
      for (const asked of ["Kabhi Sapne Dosti Chnd 142", "Kabi Sapne Dosti Chand 142", "Kabhi Sapne Dsti Chand 142", "Kabhi SapneDosti Chand 142", "Kabhi Sapne Dosti Chand 14"]) {
        const found = yield* fuzzyFilmCandidates(filmKey(asked), 10)
        expect(found.length, asked).toBeLessThanOrEqual(10)
        expect(found[0]?.title, asked).toBe(title)
      }
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("finds a title with two typos or its words in another order through its rarest trigrams", () =>
    Effect.gen(function* () {
      yield* addFilms([...lookalikes(3000), "Khwab Raja Safar 120", "Mera Tera Jaane 130"])
      const twoTypos = yield* fuzzyFilmCandidates(filmKey("Khwb Raja Safr 120"), 10)
      expect(twoTypos[0]?.title).toBe("Khwab Raja Safar 120")
      const reordered = yield* fuzzyFilmCandidates(filmKey("Jaane Mera Tera 130"), 10)
      expect(reordered.map((c) => c.title)).toContain("Mera Tera Jaane 130")
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("finds a misspelt title that other titles spell the way the typo does", () =>
    Effect.gen(function* () {
      // "Zindgi" is how 60 other titles spell it: the typo's trigrams are rarer than the film's own.
      const others = ["Kahani", "Safar", "Raja", "Rani", "Dosti", "Khwab", "Chand", "Sapne"]
      yield* addFilms([
        ...others.flatMap((w) => Array.from({ length: 40 }, (_, n) => `Mohabbat ${w} ${n}`)),
        ...others.flatMap((w) => Array.from({ length: 40 }, (_, n) => `${w} Zindagi ${n}`)),
        ...others.flatMap((w) => Array.from({ length: 20 }, (_, n) => `Mohabbat Zeher ${w} ${n}`)),
        ...Array.from({ length: 60 }, (_, n) => `Zindgi ${others[n % others.length]} ${n}`),
        "Mohabbat Zindagi"
      ])
      const found = yield* fuzzyFilmCandidates(filmKey("Mohabbat Zindgi"), 10)
      expect(found[0]?.title).toBe("Mohabbat Zindagi")
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("finds nothing for a key without a trigram any film holds", () =>
    Effect.gen(function* () {
      yield* addFilms(["Dil Se"])
      expect(yield* fuzzyFilmCandidates(filmKey("Xyz Qwv"), 10)).toEqual([])
      expect(yield* fuzzyFilmCandidates(filmKey("Di"), 10)).toEqual([])
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )
})
