import { FetchHttpClient } from "@effect/platform"
import { Answer, type FilmQuery, FilmQuery as FilmQuerySchema, type Soundtrack, SoundtrackFinder, type Store, StoreLayer, type Tier } from "@liner/core"
import { type FakeDiscogs, type FakeSpotify, makeTempDir, startFakeDiscogs, startFakeSpotify } from "@liner/testkit"
import { Effect, Layer, Option, Schema } from "effect"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { DiscogsConfig } from "../../src/discogs/config.js"
import { makeDiscogsSoundtrackTier } from "../../src/discogs/soundtrack-tier.js"
import { importSoundtracks } from "../../src/local/import-export.js"
import { defaultTtls, soundtrackFinderLayer } from "../../src/soundtrack/finder.js"
import { SpotifyConfig } from "../../src/spotify/config.js"
import { makeSpotifySoundtrackTier } from "../../src/spotify/soundtrack-tier.js"

// The cascade MusicBrainz → local curated → Discogs → Spotify: MusicBrainz is a stand-in tier that
// knows no film (the film MusicBrainz lacks); Discogs and Spotify are local fakes of their APIs.
let discogs: FakeDiscogs
let spotify: FakeSpotify
let dir: { path: string; remove: () => void }
let musicbrainzAsked: Array<string>
beforeEach(async () => {
  discogs = await startFakeDiscogs()
  spotify = await startFakeSpotify()
  dir = makeTempDir()
  musicbrainzAsked = []
})
afterEach(async () => {
  await discogs.close()
  await spotify.close()
  dir.remove()
})

const quickRetry = { base: "10 millis", times: 2, maxRetryAfter: "2 seconds" } as const

const musicbrainzLacksIt: Tier<FilmQuery, Soundtrack> = {
  name: "musicbrainz",
  risk: "api",
  lookup: (query) => Effect.sync(() => musicbrainzAsked.push(query.title ?? "")).pipe(Effect.as(Answer.notFound("no release group")))
}

const finder = (discogsToken: string | undefined) =>
  Layer.unwrapEffect(
    Effect.gen(function* () {
      const discogsTier = yield* makeDiscogsSoundtrackTier
      const spotifyTier = yield* makeSpotifySoundtrackTier
      return soundtrackFinderLayer<Store>({
        musicbrainz: Option.some({ tier: musicbrainzLacksIt, timeout: "30 seconds" }),
        spotify: Option.some({ tier: spotifyTier, timeout: "30 seconds" }),
        discogs: Option.some({ tier: discogsTier, timeout: "30 seconds" }),
        cacheMusicBrainz: true,
        ...defaultTtls
      })
    })
  ).pipe(
    Layer.provide(DiscogsConfig.make({ apiUrl: discogs.url, token: discogsToken, retry: quickRetry })),
    Layer.provide(SpotifyConfig.make({ apiUrl: spotify.url, accountsUrl: spotify.url, credentials: { clientId: spotify.clientId, clientSecret: spotify.clientSecret }, retry: quickRetry })),
    Layer.provide(FetchHttpClient.layer),
    Layer.provideMerge(StoreLayer.at(join(dir.path, "liner.db")))
  )

const q = (query: Record<string, unknown>): FilmQuery => Schema.decodeUnknownSync(FilmQuerySchema)(query)

/** `null`: no token. */
const run = <A, E>(effect: Effect.Effect<A, E, SoundtrackFinder | Store>, token: string | null = discogs.token) =>
  Effect.runPromise(Effect.scoped(effect.pipe(Effect.provide(finder(token ?? undefined)))))

const find = (query: Record<string, unknown>, options = {}) => Effect.flatMap(SoundtrackFinder, (f) => f.find(q(query), options))
// Wikidata's attempt (a bridge inside the MusicBrainz step) is another piece's concern.
const tiers = (result: { attempts: ReadonlyArray<{ tier: string; outcome: string }> }) =>
  result.attempts.filter((a) => a.tier !== "wikidata").map((a) => [a.tier, a.outcome])

describe("the cascade with Discogs", () => {
  it("answers a film MusicBrainz lacks from Discogs, with credits and provenance, before Spotify", async () => {
    const result = await run(find({ title: "Lagaan", year: 2001 }))
    expect(result).toMatchObject({ status: "found", source: "discogs", origin: "discogs", matchedBy: "title", stale: false })
    expect(result.confidence).toBeGreaterThanOrEqual(0.85)
    expect(tiers(result)).toEqual([
      ["pinned", "not_found"],
      ["cache", "not_found"],
      ["musicbrainz", "not_found"],
      ["local", "not_found"],
      ["discogs", "found"]
    ])
    expect(result.attempts.find((a) => a.tier === "discogs")?.requests).toBe(3)
    expect(result.tracks[0]).toMatchObject({ title: "Ghanan Ghanan", composers: ["A. R. Rahman"], lyricists: ["Javed Akhtar"], musicbrainz: null, spotify: null })
    expect(spotify.requests).toHaveLength(0)
  })

  it("writes the Discogs answer back: the next lookup is served from the store as cache, origin discogs", async () => {
    const [first, second] = await run(Effect.all([find({ title: "Lagaan", year: 2001 }), find({ title: "Lagaan", year: 2001 })]))
    expect(second).toMatchObject({ status: "found", source: "cache", origin: "discogs", matchedBy: "title", confidence: first?.confidence })
    expect(second?.tracks).toEqual(first?.tracks)
    expect(discogs.requests).toHaveLength(3)
  })

  it("asks Spotify when Discogs has no such film", async () => {
    const result = await run(find({ title: "3 Idiots", year: 2009 }))
    expect(result).toMatchObject({ status: "found", source: "spotify" })
    expect(tiers(result).slice(2)).toEqual([
      ["musicbrainz", "not_found"],
      ["local", "not_found"],
      ["discogs", "not_found"],
      ["spotify", "found"]
    ])
  })

  it("lets a curated entry answer before Discogs is asked", async () => {
    const result = await run(
      Effect.gen(function* () {
        yield* importSoundtracks({ "Lagaan (2001)": { title: "Lagaan", year: 2001, tracks: [{ title: "Ghanan Ghanan", artist: "Udit Narayan" }] } }, { now: "2026-11-01T00:00:00.000Z" })
        return yield* find({ title: "Lagaan", year: 2001 })
      })
    )
    expect(result).toMatchObject({ status: "found", source: "local" })
    expect(tiers(result).map(([tier]) => tier)).not.toContain("discogs")
    expect(discogs.requests).toHaveLength(0)
  })

  it("says why Discogs was skipped without a token, and goes on to Spotify", async () => {
    const result = await run(find({ title: "3 Idiots", year: 2009 }), null)
    expect(result.attempts.find((a) => a.tier === "discogs")).toMatchObject({ outcome: "skipped", detail: "no LINER_DISCOGS_TOKEN" })
    expect(result).toMatchObject({ source: "spotify" })
    expect(discogs.requests).toHaveLength(0)
  })

  it("skips Discogs offline, and for a remembered miss", async () => {
    const offline = await run(find({ title: "Lagaan", year: 2001 }, { offline: true }))
    expect(offline.attempts.find((a) => a.tier === "discogs")).toMatchObject({ outcome: "skipped", detail: "offline" })
    const [miss, again] = await run(Effect.all([find({ title: "Sholay", year: 1975 }), find({ title: "Sholay", year: 1975 })]))
    expect(miss?.status).toBe("not_found")
    expect(again?.attempts.find((a) => a.tier === "discogs")).toMatchObject({ outcome: "skipped", detail: expect.stringMatching(/^not found on /) })
    expect(discogs.requests.length).toBe(2)
  })
})
