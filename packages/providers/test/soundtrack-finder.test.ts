import { describe, expect, it } from "@effect/vitest"
import { FetchHttpClient } from "@effect/platform"
import { type FilmQuery, FilmQuery as FilmQuerySchema, readLookups, saveSoundtrack, SoundtrackFinder, StoreLayer } from "@liner/core"
import { type FakeSpotify, makeTempDir, startFakeSpotify } from "@liner/testkit"
import { Effect, Layer, Option, Schema } from "effect"
import { join } from "node:path"
import { afterEach, beforeEach } from "vitest"
import { importSoundtracks } from "../src/local/import-export.js"
import { defaultTtls, soundtrackFinderLayer } from "../src/soundtrack/finder.js"
import { SpotifyConfig } from "../src/spotify/config.js"
import { makeSpotifySoundtrackTier } from "../src/spotify/soundtrack-tier.js"

// The cascade with Spotify as its network source, against a local fake of Spotify's API.
let spotify: FakeSpotify
let dir: { path: string; remove: () => void }
beforeEach(async () => {
  spotify = await startFakeSpotify()
  dir = makeTempDir()
})
afterEach(async () => {
  await spotify.close()
  dir.remove()
})

const finderLayer = () => {
  const spotifyTier = Layer.effect(
    SoundtrackFinder,
    Effect.gen(function* () {
      const tier = yield* makeSpotifySoundtrackTier
      return yield* Layer.build(
        soundtrackFinderLayer({ musicbrainz: Option.none(), musicbrainzOff: "USE_MUSICBRAINZ=false", spotify: Option.some({ tier, timeout: "30 seconds" }), cacheMusicBrainz: true, ...defaultTtls })
      ).pipe(Effect.map((ctx) => ctx.unsafeMap.get(SoundtrackFinder.key) as SoundtrackFinder["Type"]))
    }).pipe(Effect.scoped)
  )
  return spotifyTier.pipe(
    Layer.provide(SpotifyConfig.make({ apiUrl: spotify.url, accountsUrl: spotify.url, credentials: { clientId: spotify.clientId, clientSecret: spotify.clientSecret }, retry: { base: "10 millis", times: 2, maxRetryAfter: "2 seconds" } })),
    Layer.provide(FetchHttpClient.layer),
    Layer.provideMerge(StoreLayer.at(join(dir.path, "liner.db")))
  )
}

const q = (query: Record<string, unknown>): FilmQuery => Schema.decodeUnknownSync(FilmQuerySchema)(query)
const find = (query: Record<string, unknown>, options = {}) => Effect.flatMap(SoundtrackFinder, (f) => f.find(q(query), options))
const apiRequests = () => spotify.requests.filter((r) => r.auth !== "basic").length

describe("the soundtrack cascade", () => {
  it.live("writes a network answer back and serves it from the cache with zero requests", () =>
    Effect.gen(function* () {
      const first = yield* find({ title: "3 Idiots", year: 2009 })
      expect(first).toMatchObject({ status: "found", source: "spotify", stale: false, origin: "spotify" })
      expect(first.tracks.map((t) => t.title)).toContain("Aal Izz Well")
      spotify.clearRequests()
      const second = yield* find({ title: "3 Idiots", year: 2009 })
      expect(spotify.requests).toHaveLength(0)
      expect(second).toMatchObject({ status: "found", source: "cache", origin: "spotify", matchedBy: first.matchedBy })
      expect(second.tracks).toEqual(first.tracks)
      expect(second.attempts.map((a) => [a.tier, a.outcome])).toEqual([
        ["pinned", "not_found"],
        ["cache", "found"],
        ["musicbrainz", "skipped"],
        ["wikidata", "skipped"]
      ])
    }).pipe(Effect.provide(finderLayer()))
  )

  it.live("pinned entries win over every source", () =>
    Effect.gen(function* () {
      yield* importSoundtracks({ "3 Idiots (2009)": { title: "3 Idiots", year: 2009, tracks: [{ title: "My Own Song", artist: "Me" }] } }, { now: "2026-11-01T00:00:00.000Z", pin: true })
      const result = yield* find({ title: "3 Idiots", year: 2009 })
      expect(result).toMatchObject({ status: "found", source: "pinned", matchedBy: "pinned" })
      expect(result.tracks.map((t) => t.title)).toEqual(["My Own Song"])
      expect(apiRequests()).toBe(0)
    }).pipe(Effect.provide(finderLayer()))
  )

  it.live("a failing source with an old answer serves it, marked stale", () =>
    Effect.gen(function* () {
      yield* saveSoundtrack({
        film: { title: "3 Idiots", year: 2009, imdbId: null },
        origin: "spotify",
        soundtrack: { album: { title: "3 Idiots (old)", releaseDate: "2009", label: null, musicbrainz: null, spotify: { albumId: "x" } }, tracks: [], alternatives: [] },
        matchedBy: "title",
        confidence: 0.9,
        fetchedAt: "2020-01-01T00:00:00.000Z",
        expiresAt: "2020-04-01T00:00:00.000Z"
      })
      spotify.fail({ status: 503, on: "all" })
      const result = yield* find({ title: "3 Idiots", year: 2009 })
      expect(result).toMatchObject({ status: "found", source: "cache", stale: true, fetchedAt: "2020-01-01T00:00:00.000Z" })
      expect(result.album?.title).toBe("3 Idiots (old)")
      expect(result.attempts.find((a) => a.tier === "spotify")).toMatchObject({ outcome: "failed" })
    }).pipe(Effect.provide(finderLayer()))
  )

  it.live("a failing source and nothing stored is unavailable, and is asked again next time", () =>
    Effect.gen(function* () {
      spotify.fail({ status: 503, on: "all" })
      const result = yield* find({ title: "3 Idiots", year: 2009 })
      expect(result).toMatchObject({ status: "unavailable", source: null, album: null, tracks: [] })
      spotify.clearFailures()
      const later = yield* find({ title: "3 Idiots", year: 2009 })
      expect(later).toMatchObject({ status: "found", source: "spotify" })
    }).pipe(Effect.provide(finderLayer()))
  )

  it.live("remembers a film nobody has, and does not ask the network again for a while", () =>
    Effect.gen(function* () {
      const first = yield* find({ title: "Zzyzx Road Qwerty", year: 2001 })
      expect(first.status).toBe("not_found")
      expect(apiRequests()).toBeGreaterThan(0)
      spotify.clearRequests()
      const second = yield* find({ title: "Zzyzx Road Qwerty", year: 2001 })
      expect(second.status).toBe("not_found")
      expect(spotify.requests).toHaveLength(0)
      expect(second.attempts.find((a) => a.tier === "spotify")).toMatchObject({ outcome: "skipped" })
      const refreshed = yield* find({ title: "Zzyzx Road Qwerty", year: 2001 }, { refresh: true })
      expect(refreshed.status).toBe("not_found")
      expect(apiRequests()).toBeGreaterThan(0)
    }).pipe(Effect.provide(finderLayer()))
  )

  it.live("offline uses only the store", () =>
    Effect.gen(function* () {
      const result = yield* find({ title: "3 Idiots", year: 2009 }, { offline: true })
      expect(result.status).toBe("not_found")
      expect(spotify.requests).toHaveLength(0)
      expect(result.attempts.filter((a) => a.outcome === "skipped").map((a) => [a.tier, a.detail])).toEqual([
        ["musicbrainz", "offline"],
        ["wikidata", "offline"],
        ["spotify", "offline"]
      ])
    }).pipe(Effect.provide(finderLayer()))
  )

  it.live("logs every lookup with its attempts", () =>
    Effect.gen(function* () {
      yield* find({ title: "3 Idiots", year: 2009 })
      yield* find({ title: "3 Idiots", year: 2009 })
      const log = yield* readLookups("soundtrack")
      expect(log.map((l) => [l.status, l.source])).toEqual([
        ["found", "spotify"],
        ["found", "cache"]
      ])
      expect(log[0]?.attempts.find((a) => a.tier === "spotify")?.requests).toBeGreaterThan(0)
    }).pipe(Effect.provide(finderLayer()))
  )
})
