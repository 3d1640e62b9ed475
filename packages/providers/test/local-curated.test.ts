import { describe, expect, it } from "@effect/vitest"
import { type FilmQuery, StoreLayer, findSoundtracks, FilmQuery as FilmQuerySchema } from "@liner/core"
import { makeTempDir, readPipelineFixtureText } from "@liner/testkit"
import { Effect, Schema } from "effect"
import { join } from "node:path"
import { afterEach } from "vitest"
import { curatedTier } from "../src/local/curated-tier.js"
import { exportSoundtracks, importSoundtracks } from "../src/local/import-export.js"

const dirs: Array<{ remove: () => void }> = []
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))
const store = () => {
  const dir = makeTempDir()
  dirs.push(dir)
  return StoreLayer.at(join(dir.path, "liner.db"))
}
const now = "2026-11-21T10:00:00.000Z"
const hostFile = () => JSON.parse(readPipelineFixtureText("localDatabase")) as unknown
const q = (query: Record<string, unknown>): FilmQuery => Schema.decodeUnknownSync(FilmQuerySchema)(query)
const lookup = (query: Record<string, unknown>) => curatedTier().lookup(q(query))

describe("host soundtrack database import", () => {
  it.effect("imports every film and skips the _template entry", () =>
    Effect.gen(function* () {
      const report = yield* importSoundtracks(hostFile(), { now })
      expect(report).toEqual({ imported: 1, skipped: [] })
      const [stored] = yield* findSoundtracks({ origins: ["imported"] })
      expect(stored?.film).toMatchObject({ title: "Jaane Tu... Ya Jaane Na", year: 2008, imdbId: "tt1093370" })
      expect(stored?.soundtrack.tracks.map((t) => t.title)).toEqual([
        "Pappu Can't Dance Saala",
        "Kabhi Kabhi Aditi",
        "Kahin To Hogi Woh",
        "Tu Bole Main Boloon",
        "Nazrein Milaana Nazrein Churaana",
        "Jaane Tu Ya Jaane Na"
      ])
      expect(stored?.soundtrack.tracks[2]).toMatchObject({ artists: ["Rashid Ali", "Madhushree"], composers: ["A. R. Rahman"], lyricists: [], durationMs: null })
      const none = yield* findSoundtracks({ origins: ["imported"], exactTitle: "Movie Title" })
      expect(none).toEqual([])
    }).pipe(Effect.provide(store()))
  )

  it.effect("reports bad entries and still imports the good ones", () =>
    Effect.gen(function* () {
      const report = yield* importSoundtracks(
        {
          "Good (2001)": { title: "Good", year: 2001, tracks: [{ title: "Song", artist: "A, B", composer: "C" }] },
          "Bad year (3000)": { title: "Bad year", year: 3000, tracks: [] },
          "No tracks": { title: "No tracks", year: 2001 },
          "Bad imdb (2002)": { title: "Bad imdb", year: 2002, imdb_id: "tt12", tracks: [] }
        },
        { now }
      )
      expect(report.imported).toBe(1)
      expect(report.skipped.map((s) => s.key)).toEqual(["Bad year (3000)", "No tracks", "Bad imdb (2002)"])
      expect(report.skipped[2]?.reason).toContain('"tt12" is not an IMDb id')
    }).pipe(Effect.provide(store()))
  )

  it.effect("round-trips Liner's own export, origins included", () =>
    Effect.gen(function* () {
      yield* importSoundtracks(hostFile(), { now })
      yield* importSoundtracks({ "Pinned (1999)": { title: "Pinned", year: 1999, tracks: [{ title: "X" }] } }, { now, pin: true })
      const exported = yield* exportSoundtracks(now)
      const copy = yield* importSoundtracks(JSON.parse(JSON.stringify(exported)), { now }).pipe(Effect.andThen(() => exportSoundtracks(now)), Effect.provide(store()))
      expect(copy.soundtracks).toEqual(exported.soundtracks)
      expect(exported.soundtracks.map((s) => s.origin).sort()).toEqual(["imported", "pinned"])
    }).pipe(Effect.provide(store()))
  )

  it.effect("refuses something that is neither format", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(importSoundtracks([1, 2, 3], { now }))
      expect(error.message).toMatch(/expected a JSON object keyed "Title \(Year\)"/)
    }).pipe(Effect.provide(store()))
  )
})

describe("local curated tier", () => {
  const withFilms = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.gen(function* () {
      yield* importSoundtracks(hostFile(), { now })
      yield* importSoundtracks(
        {
          "Dil Se (1998)": { title: "Dil Se", year: 1998, tracks: [{ title: "Chaiyya Chaiyya" }] },
          "Devdas (1955)": { title: "Devdas", year: 1955, tracks: [{ title: "Old" }] },
          "Devdas (2002)": { title: "Devdas", year: 2002, tracks: [{ title: "Dola Re Dola" }] },
          "Kaho Naa... Pyaar Hai (2000)": { title: "Kaho Naa... Pyaar Hai", year: 2000, tracks: [{ title: "A" }] },
          "Kaho Na Pyar Hai (2001)": { title: "Kaho Na Pyar Hai", year: 2001, tracks: [{ title: "B" }] }
        },
        { now }
      )
      return yield* effect
    }).pipe(Effect.provide(store()))

  it.effect("finds the exact `Title (Year)` key", () =>
    withFilms(lookup({ title: "Jaane Tu... Ya Jaane Na", year: 2008 })).pipe(
      Effect.map((answer) => {
        expect(answer).toMatchObject({ _tag: "Found", matchedBy: "key", confidence: 1 })
      })
    )
  )

  const withDon = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.gen(function* () {
      yield* importSoundtracks(
        {
          "Don (1978)": { title: "Don", year: 1978, tracks: [{ title: "Khaike Paan Banaraswala" }] },
          "Don: The Chase Begins Again (2006)": { title: "Don: The Chase Begins Again", year: 2006, tracks: [{ title: "Aaj Ki Raat" }] },
          "Lagaan: Once Upon a Time in India (2001)": { title: "Lagaan: Once Upon a Time in India", year: 2001, tracks: [{ title: "Mitwa" }] }
        },
        { now }
      )
      return yield* effect
    }).pipe(Effect.provide(store()))

  it.effect("finds a film known by its short title under its full name when the years agree", () =>
    Effect.gen(function* () {
      const don = yield* withDon(lookup({ title: "Don", year: 2006 }))
      expect(don).toMatchObject({ _tag: "Found" })
      if (don._tag === "Found") expect(don.value.soundtrack.tracks.map((t) => t.title)).toEqual(["Aaj Ki Raat"])
      const lagaan = yield* withDon(lookup({ title: "Lagaan", year: 2001 }))
      expect(lagaan).toMatchObject({ _tag: "Found", matchedBy: "fuzzy" })
      // The 1978 "Don" is its own film; a year that fits neither finds neither.
      const old = yield* withDon(lookup({ title: "Don", year: 1978 }))
      if (old._tag === "Found") expect(old.value.soundtrack.tracks.map((t) => t.title)).toEqual(["Khaike Paan Banaraswala"])
      else expect.fail(`expected the 1978 Don, got ${old._tag}`)
      expect((yield* withDon(lookup({ title: "Don", year: 2015 })))._tag).not.toBe("Found")
    })
  )

  it.effect("finds by IMDb id", () =>
    withFilms(lookup({ imdbId: "tt1093370" })).pipe(Effect.map((answer) => expect(answer).toMatchObject({ _tag: "Found", matchedBy: "imdb" })))
  )

  it.effect("finds the normalised title: punctuation, case and romanisation", () =>
    withFilms(lookup({ title: "jane tu ya jaane naa", year: 2008, imdbId: "tt0473367" })).pipe(
      Effect.map((answer) => {
        expect(answer).toMatchObject({ _tag: "Found", matchedBy: "title" })
        if (answer._tag === "Found") expect(answer.value.soundtrack.tracks).toHaveLength(6)
      })
    )
  )

  it.effect("finds a misspelt title by fuzzy match", () =>
    withFilms(lookup({ title: "Jaane Tu Ya Jaan Na", year: 2008 })).pipe(
      Effect.map((answer) => {
        expect(answer).toMatchObject({ _tag: "Found", matchedBy: "fuzzy" })
        if (answer._tag === "Found") expect(answer.value.soundtrack.album.title).toBe("Jaane Tu... Ya Jaane Na")
      })
    )
  )

  it.effect("uses the year to tell a remake apart, and refuses to guess without one", () =>
    Effect.gen(function* () {
      const withYear = yield* lookup({ title: "Devdas", year: 2002 })
      expect(withYear._tag === "Found" ? withYear.value.soundtrack.tracks[0]?.title : withYear._tag).toBe("Dola Re Dola")
      const withoutYear = yield* lookup({ title: "Devdas" })
      expect(withoutYear._tag).toBe("Ambiguous")
    }).pipe(withFilms)
  )

  it.effect("ignores soundtrack noise words in the asked title", () =>
    withFilms(lookup({ title: "Dil Se (Original Motion Picture Soundtrack)", year: 1998 })).pipe(
      Effect.map((answer) => expect(answer).toMatchObject({ _tag: "Found", matchedBy: "title" }))
    )
  )

  it.effect("answers ambiguous when two fuzzy candidates are too close", () =>
    withFilms(lookup({ title: "Kaho Pyaar Hai" })).pipe(
      Effect.map((answer) => {
        expect(answer._tag).toBe("Ambiguous")
        if (answer._tag === "Ambiguous") expect(answer.candidates.map((c) => c.label).sort()).toEqual(["Kaho Na Pyar Hai (2001)", "Kaho Naa... Pyaar Hai (2000)"])
      })
    )
  )

  /** Curated films in the host's format, one song each. */
  const hostEntries = (titles: ReadonlyArray<readonly [string, number]>) =>
    Object.fromEntries(titles.map(([title, year]) => [`${title} (${year})`, { title, year, tracks: [{ title: `Song of ${title}` }] }]))
  const others = ["Kahani", "Safar", "Raja", "Rani", "Dosti", "Khwab", "Chand", "Sapne"]
  /** Films sharing the words of "Mohabbat Zindagi", 60 of which spell it "Zindgi". */
  const lookalikes = (): Array<readonly [string, number]> => [
    ...others.flatMap((w) => Array.from({ length: 30 }, (_, n) => [`Mohabbat ${w} ${n}`, 2001] as const)),
    ...others.flatMap((w) => Array.from({ length: 30 }, (_, n) => [`${w} Zindagi ${n}`, 2001] as const)),
    ...others.flatMap((w) => Array.from({ length: 10 }, (_, n) => [`Mohabbat Zeher ${w} ${n}`, 2001] as const)),
    ...Array.from({ length: 60 }, (_, n) => [`Zindgi ${others[n % others.length]} ${n}`, 2001] as const)
  ]

  it.effect("finds a misspelt title among hundreds that share its words, even spelt as other titles spell it", () =>
    Effect.gen(function* () {
      yield* importSoundtracks(hostEntries([...lookalikes(), ["Mohabbat Zindagi", 2005]]), { now })
      for (const title of ["Mohabbat Zindgi", "Mohbbat Zindagi", "Mohabbat Zndagi"]) {
        const answer = yield* lookup({ title, year: 2005 })
        expect(answer, title).toMatchObject({ _tag: "Found", matchedBy: "fuzzy" })
        if (answer._tag === "Found") expect(answer.value.soundtrack.album.title).toBe("Mohabbat Zindagi")
      }
    }).pipe(Effect.provide(store()))
  )

  it.effect("refuses a close tie among hundreds of films that share its words", () =>
    Effect.gen(function* () {
      // "Saar" is one typo from "Safar" and from "Sagar".
      yield* importSoundtracks(hostEntries([...lookalikes(), ["Mohabbat Zindagi Safar", 2005], ["Mohabbat Zindagi Sagar", 2005]]), { now })
      const answer = yield* lookup({ title: "Mohabbat Zindagi Saar", year: 2005 })
      expect(answer._tag).toBe("Ambiguous")
      if (answer._tag === "Ambiguous")
        expect(answer.candidates.map((c) => c.label).sort()).toEqual(["Mohabbat Zindagi Safar (2005)", "Mohabbat Zindagi Sagar (2005)"])
    }).pipe(Effect.provide(store()))
  )

  it.effect("answers not found for a film it does not know", () =>
    withFilms(lookup({ title: "Rang De Basanti", year: 2006 })).pipe(Effect.map((answer) => expect(answer._tag).toBe("NotFound")))
  )
})
