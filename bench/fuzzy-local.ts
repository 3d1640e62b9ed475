/**
 * Fuzzy lookups in the local curated database over 100 000 generated films: p50 and p95, and how
 * many found the film the typo came from, found another (wrong) or refused (not found or
 * ambiguous). The films are written straight into the store's tables in one transaction (the
 * bench measures lookups, not imports); every query is a misspelt title, so each lookup runs the
 * exact, IMDb and normalised steps and then the trigram index and the re-ranking. The candidate
 * search alone is timed too, and a second round asks for titles with two typos.
 */
import { FilmQuery, filmKey, fuzzyFilmCandidates, keyTrigrams, Store, StoreLayer, titleSimilarity } from "@liner/core"
import SqliteDatabase from "better-sqlite3"
import { curatedTier } from "@liner/providers"
import { makeTempDir } from "@liner/testkit"
import { Effect, Schema } from "effect"
import { join } from "node:path"
import { figure, heading, isMain, ms, percentile, seededRandom } from "./stats.js"

const films = Number(process.env["BENCH_FILMS"] ?? 100_000)
const lookups = Number(process.env["BENCH_LOOKUPS"] ?? 300)

const words = ["dil", "pyaar", "ishq", "mohabbat", "zindagi", "kabhi", "jaane", "tu", "ya", "na", "hum", "tum", "sapne", "raat", "din", "mera", "tera", "naam", "gully", "boy", "raja", "rani", "dosti", "yaari", "safar", "khwab", "baarish", "chand", "suraj", "dhoop", "kahani", "pehli", "nazar", "aakhri", "waqt", "jung", "dilwale", "deewane", "mastani", "saathiya"]
// A fixed seed: the same data on every run.
const random = seededRandom(20261121)
const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(random() * xs.length)]!
const capital = (w: string) => w[0]!.toUpperCase() + w.slice(1)
const makeTitle = () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => capital(pick(words))).join(" ") + ` ${Math.floor(random() * 1000)}`

/**
 * Bulk insert with prepared statements in one transaction: the store's own save is per film. Each
 * film is indexed as the store indexes it: its key in films_fts, and its trigrams counted.
 */
const seedFilms = (path: string, titles: ReadonlyArray<{ title: string; year: number }>) => {
  const sqlite = new SqliteDatabase(path)
  const now = new Date().toISOString()
  const film = sqlite.prepare("insert into films (title, year, imdb_id, norm_key, created_at) values (?, ?, null, ?, ?)")
  const fts = sqlite.prepare("insert into films_fts (rowid, norm_key) values (?, ?)")
  const trigram = sqlite.prepare("insert into film_trigrams (trigram, films) values (?, ?)")
  const soundtrack = sqlite.prepare("insert into soundtracks (film_id, origin, album_title, alternatives, fetched_at) values (?, 'imported', ?, '[]', ?)")
  const track = sqlite.prepare("insert into tracks (soundtrack_id, position, title, duration_ms) values (?, 1, 'Title Song', 240000)")
  const filmsHolding = new Map<string, number>()
  sqlite.transaction(() => {
    for (const { title, year } of titles) {
      const key = filmKey(title)
      const id = film.run(title, year, key, now).lastInsertRowid
      fts.run(id, key)
      for (const t of keyTrigrams(key)) filmsHolding.set(t, (filmsHolding.get(t) ?? 0) + 1)
      track.run(soundtrack.run(id, title, now).lastInsertRowid)
    }
    for (const [t, films] of filmsHolding) trigram.run(t, films)
  })()
  sqlite.close()
}

/** Deletes `count` letters at random places (never the first or last). */
const misspell = (title: string, count: number): string => {
  let out = title
  for (let n = 0; n < count; n++) {
    const i = 1 + Math.floor(random() * (out.length - 2))
    out = out.slice(0, i) + out.slice(i + 1)
  }
  return out
}

export const benchFuzzyLocal = async (): Promise<void> => {
  heading(`Local curated database: fuzzy lookups over ${films.toLocaleString("en")} films`)
  const dir = makeTempDir("liner-bench-")
  try {
    const titles = Array.from({ length: films }, () => ({ title: makeTitle(), year: 1950 + Math.floor(random() * 75) }))
    const tier = curatedTier()
    const path = join(dir.path, "bench.db")
    // Opening the store once creates the tables.
    await Effect.runPromise(Effect.scoped(Effect.flatMap(Store, () => Effect.void).pipe(Effect.provide(StoreLayer.at(path)))))
    const seedStart = performance.now()
    seedFilms(path, titles)
    const debug = process.env["BENCH_DEBUG"] === "1"
    /** `lookups` lookups of titles with `typos` letters missing, timed one by one. */
    const round = (typos: number) =>
      Effect.gen(function* () {
        const timings: Array<number> = []
        const asked: Array<string> = []
        const outcomes = { found: 0, wrong: 0, notFound: 0, ambiguous: 0, failed: 0 }
        for (let i = 0; i < lookups; i++) {
          const film = titles[Math.floor(random() * titles.length)]!
          const title = misspell(film.title, typos)
          const query = Schema.decodeUnknownSync(FilmQuery)({ title, year: film.year })
          asked.push(title)
          const start = performance.now()
          const answer = yield* Effect.either(tier.lookup(query))
          timings.push(performance.now() - start)
          const found = answer._tag === "Right" && answer.right._tag === "Found" ? answer.right.value.soundtrack.album.title : undefined
          // A fuzzy answer is only a success when it is the film the typo came from.
          const outcome =
            answer._tag === "Left" ? "failed" : found !== undefined ? (found === film.title ? "found" : "wrong") : answer.right._tag === "Ambiguous" ? "ambiguous" : "notFound"
          outcomes[outcome]++
          if (debug && outcome !== "found") {
            const candidates = yield* fuzzyFilmCandidates(filmKey(title), 50)
            const rank = candidates.findIndex((c) => c.title === film.title)
            console.log(outcome, JSON.stringify(title), "→", JSON.stringify(film.title), found === undefined ? "" : `found ${JSON.stringify(found)}`, "rank", rank, "sim", titleSimilarity(title, film.title).toFixed(3), answer._tag === "Right" && answer.right._tag === "Ambiguous" ? JSON.stringify(answer.right.candidates.slice(0, 3)) : "")
          }
        }
        // The candidate search alone, for the same titles.
        const searches: Array<number> = []
        for (const misspelt of asked) {
          const start = performance.now()
          yield* fuzzyFilmCandidates(filmKey(misspelt), 50)
          searches.push(performance.now() - start)
        }
        const what = typos === 1 ? "misspelt titles (a letter missing)" : `titles with ${typos} letters missing`
        const refused = outcomes.notFound + outcomes.ambiguous
        figure(
          "lookups",
          `${lookups} ${what}: found ${outcomes.found}, wrong ${outcomes.wrong}, refused ${refused} (not found ${outcomes.notFound}, ambiguous ${outcomes.ambiguous})${outcomes.failed > 0 ? `, failed ${outcomes.failed}` : ""}`
        )
        figure("p50", ms(percentile(timings, 50)))
        figure("p95", ms(percentile(timings, 95)))
        figure("max", ms(Math.max(...timings)))
        figure("candidate search p50 / p95", `${ms(percentile(searches, 50))} / ${ms(percentile(searches, 95))}`)
      })
    const program = Effect.gen(function* () {
      figure("films written", `${films.toLocaleString("en")} in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`)
      yield* round(1)
      yield* round(2)
    })
    await Effect.runPromise(program.pipe(Effect.provide(StoreLayer.at(path))))
  } finally {
    dir.remove()
  }
}

if (isMain(import.meta.url)) await benchFuzzyLocal()
