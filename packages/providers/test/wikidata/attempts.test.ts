import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { bridged, findWith, startWorld, tiersOf } from "./harness.js"

// Every answer that lists MusicBrainz lists Wikidata right after it, with what it did or why not.
describe("the wikidata attempt", () => {
  it.live("is skipped with the reason when there is no IMDb id, when the IMDb link answered, and offline", () =>
    Effect.gen(function* () {
      const world = yield* startWorld()
      const noImdb = yield* findWith(world, { title: "Chandni Raat", year: 2015 })
      expect(noImdb).toMatchObject({ status: "found", matchedBy: "title" })
      expect(tiersOf(noImdb).slice(2)).toEqual([
        ["musicbrainz", "found"],
        ["wikidata", "skipped"]
      ])
      expect(noImdb.attempts[3]!.detail).toBe("no IMDb id")

      const linked = yield* findWith(world, { title: "Dil Ki Raahein", year: 2011, imdbId: "tt9100001" })
      expect(linked).toMatchObject({ status: "found", matchedBy: "imdb" })
      expect(linked.attempts.find((a) => a.tier === "wikidata")).toMatchObject({ outcome: "skipped", detail: "the IMDb link answered" })

      const offline = yield* findWith(world, { title: "Unknown Film", year: 2001, imdbId: "tt9299990" }, { offline: true })
      expect(offline.attempts.find((a) => a.tier === "wikidata")).toMatchObject({ outcome: "skipped", detail: "offline" })
      expect(world.wd.requests).toHaveLength(0)
    })
  )

  it.live("says not_found when Wikidata has no such film, and the title search goes on", () =>
    Effect.gen(function* () {
      const world = yield* startWorld()
      const result = yield* findWith(world, { title: "Chandni Raat", year: 2015, imdbId: "tt9299998" })
      expect(result).toMatchObject({ status: "found", matchedBy: "title" })
      expect(result.attempts.find((a) => a.tier === "wikidata")).toMatchObject({ outcome: "not_found", requests: 1, detail: "no film with IMDb id tt9299998" })
    })
  )

  it.live("says found when Wikidata knows the film but names no release group; MusicBrainz answers by title", () =>
    Effect.gen(function* () {
      const world = yield* startWorld()
      const result = yield* findWith(world, { title: "Chandni Raat", year: 2015, imdbId: "tt9100003" })
      expect(result).toMatchObject({ status: "found", matchedBy: "title" })
      expect(result.album?.musicbrainz?.releaseGroupId).toBe(world.data.films.searchOnly.album.releaseGroupId)
      expect(result.attempts.find((a) => a.tier === "wikidata")).toMatchObject({ outcome: "found", detail: 'Q120000301 "Chandni Raat"; no MusicBrainz release group' })
    })
  )

  it.live("a release group Wikidata names that MusicBrainz no longer has leaves the answer to the title search", () =>
    Effect.gen(function* () {
      const world = yield* startWorld()
      world.wd.addFilm({
        imdbId: "tt9100003",
        item: "Q120000301",
        label: "Chandni Raat",
        albums: [{ item: "Q9", label: "Chandni Raat", releaseGroupIds: ["00000000-0000-4000-a000-000000000000"] }]
      })
      const result = yield* findWith(world, { title: "Chandni Raat", year: 2015, imdbId: "tt9100003" })
      expect(result).toMatchObject({ status: "found", matchedBy: "title" })
      expect(result.album?.musicbrainz?.releaseGroupId).toBe(world.data.films.searchOnly.album.releaseGroupId)
    })
  )

  it.live("bridged answers are written back and served from the cache like any MusicBrainz answer", () =>
    Effect.gen(function* () {
      const world = yield* startWorld()
      yield* findWith(world, bridged)
      const cached = yield* findWith(world, bridged)
      expect(cached).toMatchObject({ status: "found", source: "cache", origin: "musicbrainz", matchedBy: "wikidata" })
      // The store has no place for a credit's source: filled credits are not kept, so they read as unknown, never as MusicBrainz's.
      expect(cached.tracks[1]).toMatchObject({ title: "Dil Ki Baat", composers: [], lyricists: [] })
      expect(cached.tracks[1]).not.toHaveProperty("creditSources")
      expect(tiersOf(cached)).toEqual([
        ["pinned", "not_found"],
        ["cache", "found"]
      ])
    })
  )
})
