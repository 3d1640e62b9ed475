import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { bridged, findWith, mausam, startWorld, tiersOf } from "./harness.js"

describe("the Wikidata bridge inside the MusicBrainz step", () => {
  it.live("finds a film whose release group has no IMDb link through Wikidata's P406 → P436", () =>
    Effect.gen(function* () {
      const world = yield* startWorld()
      const result = yield* findWith(world, bridged)
      expect(result).toMatchObject({ status: "found", source: "musicbrainz", origin: "musicbrainz", matchedBy: "wikidata", confidence: 0.9 })
      expect(result.album?.musicbrainz?.releaseGroupId).toBe(world.bridgedFilm.album.releaseGroupId)
      expect(result.album?.title).toBe("Ishq Ka Safar (Original Motion Picture Soundtrack)")
      expect(result.tracks.map((t) => t.title)).toEqual(["Safar Hai Suhana", "Dil Ki Baat"])
      // MusicBrainz's own credits stay unmarked; what it lacks is filled from Wikidata's one composer and one lyricist, marked.
      expect(result.tracks[0]).toMatchObject({ composers: ["Vikram Rao"], lyricists: ["Anu Sharma"] })
      expect(result.tracks[0]).not.toHaveProperty("creditSources")
      expect(result.tracks[1]).toMatchObject({
        artists: ["Arjun Das", "Neha Kapur"],
        composers: ["Vikram Rao"],
        lyricists: ["Anu Sharma"],
        creditSources: { composers: "wikidata", lyricists: "wikidata" }
      })
      expect(tiersOf(result)).toEqual([
        ["pinned", "not_found"],
        ["cache", "not_found"],
        ["musicbrainz", "found"],
        ["wikidata", "found"]
      ])
      const wikidata = result.attempts.find((a) => a.tier === "wikidata")!
      expect(wikidata.requests).toBe(1)
      // The label service's fallback (a bare Q-id for an entity without an English label) is no name.
      expect(wikidata.detail).toContain("composer Vikram Rao; lyricist Anu Sharma")
      expect(wikidata.detail).not.toContain("Q120000105")
      // MusicBrainz: the IMDb url lookup (a miss), then the release group Wikidata named (browse, release).
      expect(result.attempts.find((a) => a.tier === "musicbrainz")!.requests).toBe(3)
      expect(world.mb.requests.map((r) => r.path)).toEqual(["/ws/2/url", "/ws/2/release", `/ws/2/release/${world.bridgedFilm.album.releaseIds[0]}`])
      // One SPARQL query, asking for JSON results, with a User-Agent naming Liner and the contact.
      expect(world.wd.requests).toHaveLength(1)
      const [request] = world.wd.requests
      expect(request).toMatchObject({ path: "/sparql", imdbId: bridged.imdbId, status: 200, accept: "application/sparql-results+json" })
      expect(request!.userAgent).toMatch(/^liner\/\S+ \( liner-tests@example\.org \)$/)
      expect(request!.query).toContain("wdt:P406")
      expect(request!.query).toContain("wdt:P436")
      expect(world.wd.violations).toBe(0)
    })
  )

  it.live("keeps Wikidata's answers in the store: a later run asks no second time, a miss included", () =>
    Effect.gen(function* () {
      const world = yield* startWorld()
      yield* findWith(world, bridged)
      const miss = { title: "Chandni Raat", year: 2015, imdbId: "tt9299999" }
      const firstMiss = yield* findWith(world, miss)
      expect(firstMiss.attempts.find((a) => a.tier === "wikidata")).toMatchObject({ outcome: "not_found", requests: 1 })
      expect(world.wd.requests).toHaveLength(2)

      // New finders (new runs) over the same store; --refresh skips the cached soundtrack, not Wikidata's cache.
      const again = yield* findWith(world, bridged, { refresh: true })
      expect(again).toMatchObject({ status: "found", matchedBy: "wikidata" })
      const cachedHit = again.attempts.find((a) => a.tier === "wikidata")!
      expect(cachedHit).toMatchObject({ outcome: "found" })
      expect(cachedHit.requests).toBeUndefined()
      expect(cachedHit.detail).toMatch(/as fetched on \d{4}-/)
      const missAgain = yield* findWith(world, miss, { refresh: true })
      expect(missAgain.attempts.find((a) => a.tier === "wikidata")).toMatchObject({ outcome: "not_found" })
      expect(world.wd.requests).toHaveLength(2)
    })
  )

  it.live("asks again once the stored answer is older than the cache period", () =>
    Effect.gen(function* () {
      const world = yield* startWorld()
      yield* findWith(world, bridged, {}, { cacheFor: "1 millis" })
      yield* Effect.sleep("20 millis")
      yield* findWith(world, bridged, { refresh: true }, { cacheFor: "1 millis" })
      expect(world.wd.requests).toHaveLength(2)
    })
  )

  it.live("breaks a tie of the title search with Wikidata's composer, and only then", () =>
    Effect.gen(function* () {
      const world = yield* startWorld()
      const result = yield* findWith(world, mausam)
      expect(result).toMatchObject({ status: "found", source: "musicbrainz", matchedBy: "title" })
      expect(result.album?.musicbrainz?.releaseGroupId).toBe(world.data.films.ambiguousB.album.releaseGroupId)
      expect(result.confidence).toBeLessThanOrEqual(0.85)

      // Without Wikidata the two "Mausam" albums stay too close to call.
      const off = yield* findWith(world, mausam, { refresh: true }, { enabled: false })
      expect(off.status).toBe("not_found")
      expect(tiersOf(off)).toContainEqual(["musicbrainz", "ambiguous"])
      expect(off.attempts.find((a) => a.tier === "wikidata")).toMatchObject({ outcome: "skipped", detail: "turned off (USE_WIKIDATA=false)" })

      // A composer that agrees with neither candidate decides nothing: precision first.
      world.wd.addFilm({ imdbId: "tt9200003", item: "Q120000301", label: "Mausam", composers: [{ item: "Q1", label: "Somebody Else" }] })
      const neither = yield* findWith(world, { ...mausam, imdbId: "tt9200003" }, { refresh: true })
      expect(neither.status).toBe("not_found")
      expect(tiersOf(neither)).toContainEqual(["musicbrainz", "ambiguous"])
      expect(neither.attempts.find((a) => a.tier === "wikidata")).toMatchObject({ outcome: "found" })
    })
  )

  it.live("a composer agreeing with both close candidates decides nothing either", () =>
    Effect.gen(function* () {
      const world = yield* startWorld()
      world.wd.addFilm({
        imdbId: "tt9200004",
        item: "Q120000401",
        label: "Mausam",
        composers: [{ item: "Q2", label: "Pritam Dev" }, { item: "Q3", label: "Ilaiya Kumar" }]
      })
      const both = yield* findWith(world, { ...mausam, imdbId: "tt9200004" })
      expect(both.status).toBe("not_found")
      expect(tiersOf(both)).toContainEqual(["musicbrainz", "ambiguous"])
    })
  )

  it.live("a linked answer that lacks credits asks Wikidata for them (and only then)", () =>
    Effect.gen(function* () {
      const world = yield* startWorld()
      const film = world.data.catalogue.addFilm({
        title: "Naya Daur Geet",
        year: 2021,
        imdbId: "tt9200010",
        album: {
          artists: ["Meera Sen"],
          songs: [{ title: "Pehla Geet", singers: ["Ravi Kumar"], composers: ["Meera Sen"], lyricists: [], lengthMs: 200_000 }],
          releases: [{ status: "Official", date: "2021-01-01", country: "IN" }]
        }
      })
      world.wd.addFilm({ imdbId: "tt9200010", item: "Q120001001", label: "Naya Daur Geet", lyricists: [{ item: "Q120001002", label: "Kiran Bedi Rao" }] })
      const result = yield* findWith(world, { imdbId: "tt9200010" })
      expect(result).toMatchObject({ status: "found", matchedBy: "imdb", album: { musicbrainz: { releaseGroupId: film.album.releaseGroupId } } })
      expect(result.tracks[0]).toMatchObject({ composers: ["Meera Sen"], lyricists: ["Kiran Bedi Rao"], creditSources: { lyricists: "wikidata" } })
      expect(result.attempts.find((a) => a.tier === "wikidata")).toMatchObject({ outcome: "found", requests: 1 })
    })
  )
})
