import { describe, expect, it } from "@effect/vitest"
import { makeTempDir } from "@liner/testkit"
import { Effect, Option } from "effect"
import { afterEach } from "vitest"
import { clearBatchJournal, journalAnswer, readBatchJournal } from "../src/store/batch-journal.js"
import { readIdentifyModel, saveIdentifyModel } from "../src/store/identify-model.js"
import { checkStoreIntegrity } from "../src/store/integrity.js"
import { readSongstatsAnswer, saveSongstatsAnswer, songstatsRequestKey } from "../src/store/songstats-cache.js"
import { saveSoundtrack } from "../src/store/soundtracks.js"
import { Store, StoreLayer, withDb } from "../src/store/store.js"
import { readTrackFacts, recordTrackFact } from "../src/store/track-facts.js"
import { readWikidataAnswer, saveWikidataAnswer } from "../src/store/wikidata-cache.js"
import { freshStoreLocation, testDialect } from "./support/test-store.js"

// The store's smaller tables and what each dialect must give alike: numbers as numbers, floats
// whole, upserts that replace. Run on SQLite and on PostgreSQL (vitest.config.ts).
const dirs: Array<{ remove: () => void }> = []
const withStore = <A, E>(body: Effect.Effect<A, E, Store>) => {
  const dir = makeTempDir()
  dirs.push(dir)
  return body.pipe(Effect.provide(StoreLayer.at(freshStoreLocation(dir.path))))
}
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

describe(`the store on ${testDialect}`, () => {
  it.effect("says which dialect it is", () => withStore(Effect.map(Store, (store) => expect(store.dialect).toBe(testDialect))))

  it.effect("keeps a batch's answers, replaces one answered again, clears them", () =>
    withStore(
      Effect.gen(function* () {
        yield* journalAnswer("b1", "a", { found: 1 }, "2027-01-01T00:00:00.000Z")
        yield* journalAnswer("b1", "a", { found: 2 }, "2027-01-01T00:00:01.000Z")
        yield* journalAnswer("b1", "b", null, "2027-01-01T00:00:02.000Z")
        yield* journalAnswer("b2", "a", "other", "2027-01-01T00:00:03.000Z")
        expect(yield* readBatchJournal("b1")).toEqual(new Map<string, unknown>([["a", { found: 2 }], ["b", null]]))
        yield* clearBatchJournal("b1")
        expect((yield* readBatchJournal("b1")).size).toBe(0)
        expect(yield* readBatchJournal("b2")).toEqual(new Map([["a", "other"]]))
      })
    )
  )

  it.effect("caches a Songstats answer and replaces it", () =>
    withStore(
      Effect.gen(function* () {
        const params = { isrc: "USRC17607839" }
        yield* saveSongstatsAnswer({ path: "tracks/info", params, answer: { v: 1 }, fetchedAt: "2027-01-01T00:00:00.000Z" })
        yield* saveSongstatsAnswer({ path: "tracks/info", params, answer: { v: 2 }, fetchedAt: "2027-01-02T00:00:00.000Z" })
        const cached = yield* readSongstatsAnswer(songstatsRequestKey("tracks/info", params), "2026-12-31T00:00:00.000Z")
        expect(Option.getOrThrow(cached)).toMatchObject({ answer: { v: 2 } })
      })
    )
  )

  it.effect("reads a cached answer whose JSON does not parse as missing, so that it is asked again", () =>
    withStore(
      Effect.gen(function* () {
        const params = { isrc: "USRC17607839" }
        const key = songstatsRequestKey("tracks/info", params)
        yield* saveSongstatsAnswer({ path: "tracks/info", params, answer: { v: 1 }, fetchedAt: "2027-01-01T00:00:00.000Z" })
        yield* saveWikidataAnswer({ imdbId: "tt0073707", answer: { v: 1 }, fetchedAt: "2027-01-01T00:00:00.000Z" })
        expect(Option.isSome(yield* readWikidataAnswer("tt0073707"))).toBe(true)
        yield* withDb("damage", (db) => db.updateTable("songstats_cache").set({ answer: "{cut off" }).where("request_key", "=", key).execute())
        yield* withDb("damage", (db) => db.updateTable("wikidata_cache").set({ answer: "{cut off" }).where("imdb_id", "=", "tt0073707").execute())
        expect(Option.isNone(yield* readSongstatsAnswer(key, "2026-12-31T00:00:00.000Z"))).toBe(true)
        expect(Option.isNone(yield* readWikidataAnswer("tt0073707"))).toBe(true)
      })
    )
  )

  it.effect("keeps the identification model and the identified artists, probabilities to the last digit", () =>
    withStore(
      Effect.gen(function* () {
        yield* saveIdentifyModel({ model: { m: [0.1, 0.2] }, trainedAt: "2027-01-01T00:00:00.000Z", pairs: 12 })
        yield* saveIdentifyModel({ model: { m: [0.3] }, trainedAt: "2027-01-02T00:00:00.000Z", pairs: 40 })
        expect(Option.getOrThrow(yield* readIdentifyModel())).toEqual({ model: { m: [0.3] }, trainedAt: "2027-01-02T00:00:00.000Z", pairs: 40 })
        // A 4-byte float would keep about 7 digits of this.
        yield* recordTrackFact({ track: "tl-1", artist: "Mara Lindqvist", probability: 0.123456789012345, identifiedAt: "2027-01-01T00:00:00.000Z" })
        yield* recordTrackFact({ track: "tl-1", artist: "Mara Lindqvist", probability: 0.987654321098765, identifiedAt: "2027-01-02T00:00:00.000Z" })
        expect((yield* readTrackFacts()).get("tl-1")?.probability).toBe(0.987654321098765)
      })
    )
  )

  it.effect("counts as numbers, and gives a match's confidence back whole", () =>
    withStore(
      Effect.gen(function* () {
        yield* saveSoundtrack({
          film: { title: "Lagaan", year: 2001, imdbId: "tt0169102" },
          origin: "musicbrainz",
          soundtrack: { album: { title: "Lagaan", releaseDate: null, label: null, musicbrainz: null, spotify: null }, tracks: [], alternatives: [] },
          matchedBy: "title",
          confidence: 0.9134567890123,
          fetchedAt: "2027-01-01T00:00:00.000Z",
          expiresAt: null
        })
        const row = yield* withDb("read", (db) =>
          db.selectFrom("soundtracks").select((eb) => [eb.fn.countAll().as("n"), eb.fn.max("confidence").as("confidence")]).executeTakeFirstOrThrow()
        )
        expect(row).toEqual({ n: 1, confidence: 0.9134567890123 })
      })
    )
  )

  it.effect("checks its integrity on SQLite; on PostgreSQL says the check is SQLite's", () =>
    withStore(
      Effect.gen(function* () {
        const { path } = yield* Store
        if (testDialect === "sqlite") {
          expect(yield* checkStoreIntegrity).toEqual({ path, ok: true, problems: [] })
        } else {
          const error = yield* Effect.flip(checkStoreIntegrity)
          expect(error.message).toBe(`cannot check the database ${path}: the check is SQLite's; PostgreSQL enforces the store's constraints itself, and pg_amcheck checks its pages`)
        }
      })
    )
  )
})
