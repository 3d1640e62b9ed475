import { describe, expect, it } from "@effect/vitest"
import { recordTrackFact } from "@liner/core"
import { Effect } from "effect"
import { afterEach } from "vitest"
import { findTrack, makePlayIndex, queryGroupKey, readSnapshot, unknownTracks } from "../../src/index.js"
import { smallCatalogue } from "../support/small-catalogue.js"
import { importRows, tempStore } from "../support/world-store.js"

// Unknown tracks as the contract groups them, read from a real SQLite store.
const stores: Array<{ remove: () => void }> = []
const store = () => {
  const s = tempStore()
  stores.push(s)
  return s.layer
}
afterEach(() => stores.splice(0).forEach((s) => s.remove()))

const amberTide = queryGroupKey({ title: "Amber Tide" })!

describe("unknown tracks", () => {
  it.effect("are grouped by track key, else by title with an unknown artist; a keyless ID – ID is never grouped", () =>
    Effect.gen(function* () {
      yield* importRows(smallCatalogue)
      const snapshot = yield* readSnapshot()
      const tracks = unknownTracks(snapshot)
      const summary = tracks.map((t) => ({
        groupKey: t.groupKey,
        trackKey: t.trackKey,
        title: t.title,
        plays: t.plays.length,
        sets: t.sets.map((s) => snapshot.sets.sourceId[s]),
        djs: t.djs.map((d) => snapshot.djs.name[d])
      }))
      expect(summary).toEqual([
        { groupKey: "key:t-1", trackKey: "t-1", title: "ID", plays: 2, sets: ["s1", "s2"], djs: ["Mara Lindqvist", "Henrik Bäcklund", "DJ Kairo"] },
        { groupKey: null, trackKey: null, title: "ID", plays: 1, sets: ["s1"], djs: ["Mara Lindqvist"] },
        { groupKey: null, trackKey: null, title: "ID", plays: 1, sets: ["s2"], djs: ["Henrik Bäcklund", "DJ Kairo"] },
        // "Amber Tide (Extended Mix)" is the same title.
        { groupKey: amberTide, trackKey: null, title: "Amber Tide", plays: 2, sets: ["s3", "s4"], djs: ["DJ Kairo", "Solenne Marchetti"] }
      ])
      expect(findTrack(snapshot, "key:t-1")._tag).toBe("Unknown")
      expect(findTrack(snapshot, "key:t-404")._tag).toBe("Absent")
    }).pipe(Effect.provide(store()))
  )

  it.effect("a later import that names the track resolves its group, and its plays count as the artist's", () =>
    Effect.gen(function* () {
      yield* importRows(smallCatalogue)
      const before = makePlayIndex(yield* readSnapshot(), { rosterSize: 8, topArtists: 5 })
      const mara = before.snapshot.artists.idOf.get("mara lindkvist")!
      yield* importRows([{ set_id: "s6", dj: "DJ Kairo", position: 1, artist: "Mara Lindqvist", title: "Secret Tide", track_key: "t-1" }])
      const snapshot = yield* readSnapshot()
      const after = makePlayIndex(snapshot, { rosterSize: 8, topArtists: 5 })
      expect(snapshot.resolved.get("key:t-1")).toMatchObject({ _tag: "Tracklist", set: snapshot.sets.sourceId.indexOf("s6") })
      expect(unknownTracks(snapshot).map((t) => t.groupKey)).not.toContain("key:t-1")
      const found = findTrack(snapshot, "key:t-1")
      expect(found._tag).toBe("Known")
      if (found._tag === "Known") expect(found.track.plays).toHaveLength(2)
      // The two unknown plays of t-1 and the new one.
      expect(after.artistPlays[mara]! - before.artistPlays[mara]!).toBe(3)
    }).pipe(Effect.provide(store()))
  )

  it.effect("an identification recorded as a fact makes the track known", () =>
    Effect.gen(function* () {
      yield* importRows(smallCatalogue)
      yield* recordTrackFact({ track: amberTide, artist: "Tomas Ek", probability: 0.93, identifiedAt: "2026-03-02T10:00:00.000Z" })
      const snapshot = yield* readSnapshot()
      expect(unknownTracks(snapshot).map((t) => t.groupKey)).not.toContain(amberTide)
      expect(findTrack(snapshot, amberTide)).toMatchObject({ _tag: "Known", resolution: { _tag: "Fact", fact: { artist: "Tomas Ek", probability: 0.93 } } })
    }).pipe(Effect.provide(store()))
  )
})
