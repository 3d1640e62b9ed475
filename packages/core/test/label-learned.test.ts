import { describe, expect, it } from "@effect/vitest"
import { makeTempDir } from "@liner/testkit"
import { Effect } from "effect"
import { afterEach } from "vitest"
import { defaultLearnedRule, learnedConfidence, makeLearnedTier } from "../src/label/learned-tier.js"
import { artistKeys, labelKey, labelTallies, recordLabelObservation, trackKey } from "../src/store/label-knowledge.js"
import { StoreLayer, withDb } from "../src/store/store.js"
import { freshStoreLocation } from "./support/test-store.js"

const dirs: Array<{ remove: () => void }> = []
const tempDb = () => {
  const dir = makeTempDir()
  dirs.push(dir)
  return freshStoreLocation(dir.path)
}
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

let clock = 0
const observe = (artist: string, title: string, label: string, source = "musicbrainz") =>
  recordLabelObservation({ artist, title, label, source, observedAt: new Date(Date.UTC(2026, 0, 1) + ++clock * 1000).toISOString() })

const learned = makeLearnedTier()

describe("label knowledge: keys", () => {
  it("splits credits into individual artists, in any order and spelling", () => {
    const pair = artistKeys("Mara Lindqvist & Henrik Bäcklund")
    expect(pair.map((a) => a.name)).toEqual(["Mara Lindqvist", "Henrik Bäcklund"])
    expect(pair.map((a) => a.key)).toContain("henrik backlund")
    expect(artistKeys("Henrik Backlund, Mara Lindqvist").map((a) => a.key).sort()).toEqual(pair.map((a) => a.key).sort())
    expect(artistKeys("Henrik Backlund feat. Mara Lindqvist").map((a) => a.key).sort()).toEqual(pair.map((a) => a.key).sort())
    expect(artistKeys("ID")).toEqual([])
    expect(artistKeys("Various Artists")).toEqual([])
  })

  it("counts versions of a track as one track and ignores a Records suffix on labels", () => {
    expect(trackKey("Velvet Static (Extended Mix)")).toBe(trackKey("Velvet Static [Nightglass]"))
    expect(trackKey("Velvet Static - Radio Edit")).toBe("velvet static")
    expect(labelKey("Nightglass Records")).toBe(labelKey("NIGHTGLASS"))
    expect(labelKey("Nightglass Music")).not.toBe(labelKey("Nightglass"))
  })

  it("documents the confidence: agreement raises it, conflict lowers it", () => {
    expect(learnedConfidence(2, 2)).toBeCloseTo(0.8)
    expect(learnedConfidence(4, 4)).toBeGreaterThan(learnedConfidence(2, 2))
    expect(learnedConfidence(3, 4)).toBeLessThan(learnedConfidence(3, 3))
    expect(defaultLearnedRule).toEqual({ threshold: 0.75, minAgreeing: 2, k: 0.5 })
  })
})

describe("label tier 2: learned knowledge", () => {
  it.effect("learns an artist's label after two agreeing tracks, not after one", () =>
    Effect.gen(function* () {
      yield* observe("Mara Lindqvist", "Velvet Static [Nightglass Records]", "Nightglass Records", "title")
      const afterOne = yield* learned.lookup({ title: "Glass Hours", artist: "Mara Lindqvist" })
      expect(afterOne._tag).toBe("NotFound")

      yield* observe("Mara Lindqvist", "Night Ferry", "Nightglass Records")
      const afterTwo = yield* learned.lookup({ title: "Glass Hours", artist: "Mara Lindqvist" })
      expect(afterTwo).toEqual({
        _tag: "Found",
        value: { label: "Nightglass Records", catalogNumber: null, evidence: { matchedArtists: ["Mara Lindqvist"], score: 1 } },
        matchedBy: "artist_history",
        confidence: 0.8
      })
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("counts several versions of one track once", () =>
    Effect.gen(function* () {
      yield* observe("Mara Lindqvist", "Velvet Static (Original Mix)", "Nightglass Records")
      yield* observe("Mara Lindqvist", "Velvet Static (Extended Mix)", "Nightglass Records")
      yield* observe("Mara Lindqvist", "Velvet Static [Nightglass]", "Nightglass")
      expect(yield* labelTallies("Mara Lindqvist")).toEqual([
        { label: "Nightglass", labelKey: "nightglass", tracks: 1, artists: ["Mara Lindqvist"] }
      ])
      expect((yield* learned.lookup({ title: "Glass Hours", artist: "Mara Lindqvist" }))._tag).toBe("NotFound")
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("a conflicting label lowers the confidence below the threshold, and more agreement lifts it again", () =>
    Effect.gen(function* () {
      yield* observe("Henrik Bäcklund", "Kalte Nächte", "Polarlicht Tonträger")
      yield* observe("Henrik Bäcklund", "Nordlicht", "Polarlicht Tonträger")
      yield* observe("Henrik Bäcklund", "Eisblume", "Polarlicht Tontrager")
      expect(yield* learned.lookup({ title: "Neu", artist: "Henrik Backlund" })).toMatchObject({
        _tag: "Found",
        value: { label: "Polarlicht Tontrager" },
        confidence: 0.857
      })

      yield* observe("Henrik Bäcklund", "Sommer", "Nightglass Records")
      const conflicted = yield* learned.lookup({ title: "Neu", artist: "Henrik Bäcklund" })
      expect(conflicted._tag).toBe("Ambiguous")
      if (conflicted._tag === "Ambiguous") {
        expect(conflicted.candidates.map((c) => c.label)).toEqual(["Polarlicht Tontrager (3 tracks)", "Nightglass Records (1 track)"])
        expect(conflicted.detail).toContain("3 of 4 tracks")
      }

      yield* observe("Henrik Bäcklund", "Herbst", "Polarlicht Tonträger")
      yield* observe("Henrik Bäcklund", "Winter", "Polarlicht Tonträger")
      expect(yield* learned.lookup({ title: "Neu", artist: "Henrik Bäcklund" })).toMatchObject({
        _tag: "Found",
        value: { label: "Polarlicht Tonträger" },
        confidence: 0.769
      })
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("a later label for the same track replaces the earlier one", () =>
    Effect.gen(function* () {
      yield* observe("Mara Lindqvist", "Velvet Static", "Wrong Label")
      yield* observe("Mara Lindqvist", "Velvet Static", "Nightglass Records")
      expect((yield* labelTallies("Mara Lindqvist")).map((t) => t.label)).toEqual(["Nightglass Records"])
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("multi-artist credits count for each artist; the same credit in another order finds them", () =>
    Effect.gen(function* () {
      yield* observe("Mara Lindqvist & Henrik Bäcklund", "Duet One", "Nightglass Records")
      yield* observe("Mara Lindqvist", "Solo Two", "Nightglass Records")
      // Henrik alone has one track: not enough.
      expect((yield* learned.lookup({ title: "x", artist: "Henrik Bäcklund" }))._tag).toBe("NotFound")
      // Mara has two: enough, whichever credit asks.
      expect(yield* learned.lookup({ title: "x", artist: "Henrik Backlund, Mara Lindqvist" })).toMatchObject({
        _tag: "Found",
        value: { label: "Nightglass Records" },
        confidence: 0.8
      })
      // The collaboration is one track, not one per artist.
      expect(yield* labelTallies("Henrik Bäcklund feat. Mara Lindqvist")).toMatchObject([{ tracks: 2 }])
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("pooled artists with different labels are not answered", () =>
    Effect.gen(function* () {
      yield* observe("Mara Lindqvist", "A1", "Nightglass Records")
      yield* observe("Mara Lindqvist", "A2", "Nightglass Records")
      yield* observe("Henrik Bäcklund", "B1", "Polarlicht Tonträger")
      yield* observe("Henrik Bäcklund", "B2", "Polarlicht Tonträger")
      expect((yield* learned.lookup({ title: "x", artist: "Mara Lindqvist & Henrik Bäcklund" }))._tag).toBe("Ambiguous")
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("skips tracks without a usable artist and never records placeholder artists", () =>
    Effect.gen(function* () {
      expect(yield* recordLabelObservation({ artist: "ID", title: "ID", label: "Nightglass", source: "title", observedAt: "2026-01-01T00:00:00.000Z" })).toBe(0)
      expect(yield* learned.lookup({ title: "x" })).toEqual({ _tag: "Skipped", detail: "no artist given" })
      expect((yield* learned.lookup({ title: "x", artist: "ID" }))._tag).toBe("Skipped")
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("honours a stricter rule", () =>
    Effect.gen(function* () {
      yield* observe("Mara Lindqvist", "A1", "Nightglass Records")
      yield* observe("Mara Lindqvist", "A2", "Nightglass Records")
      const strict = makeLearnedTier({ ...defaultLearnedRule, minAgreeing: 3 })
      expect((yield* strict.lookup({ title: "x", artist: "Mara Lindqvist" }))._tag).toBe("NotFound")
      expect((yield* learned.lookup({ title: "x", artist: "Mara Lindqvist" }))._tag).toBe("Found")
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it("keeps the observations in the store across openings", async () => {
    const path = tempDb()
    await Effect.runPromise(
      Effect.all([observe("Mara Lindqvist", "A1", "Nightglass"), observe("Mara Lindqvist", "A2", "Nightglass")]).pipe(Effect.provide(StoreLayer.at(path)))
    )
    const rows = await Effect.runPromise(
      withDb("read", (db) => db.selectFrom("label_observations").select(["artist_key", "track_key", "label_key", "source"]).orderBy("track_key").execute()).pipe(
        Effect.provide(StoreLayer.at(path))
      )
    )
    const mara = artistKeys("Mara Lindqvist")[0]?.key
    expect(rows).toEqual([
      { artist_key: mara, track_key: "a1", label_key: "nightglass", source: "musicbrainz" },
      { artist_key: mara, track_key: "a2", label_key: "nightglass", source: "musicbrainz" }
    ])
    const answer = await Effect.runPromise(learned.lookup({ title: "x", artist: "Mara Lindqvist" }).pipe(Effect.provide(StoreLayer.at(path))))
    expect(answer._tag).toBe("Found")
  })
})
