import { FetchHttpClient } from "@effect/platform"
import { afterEach, describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer, Option, Ref, Schema } from "effect"
import { type Answer, FilmQuery, RequestMeter, type Soundtrack } from "@liner/core"
import { type FakeSpotify, type FakeSpotifyOptions, fakeSpotifyCatalogue, startFakeSpotify } from "@liner/testkit"
import { makeSpotifySoundtrackTier, SpotifyConfig, type SpotifySettings } from "../src/index.js"

const film = (q: { title?: string; year?: number; imdbId?: string }) => Schema.decodeUnknownSync(FilmQuery)(q)

let fake: FakeSpotify | undefined
const start = async (options?: FakeSpotifyOptions) => {
  fake = await startFakeSpotify(options)
  return fake
}
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

const settingsFor = (server: FakeSpotify, overrides: Partial<Parameters<typeof SpotifyConfig.make>[0]> = {}) =>
  SpotifyConfig.make({
    apiUrl: server.url,
    accountsUrl: server.url,
    credentials: { clientId: server.clientId, clientSecret: server.clientSecret },
    retry: { base: "10 millis", times: 3, maxRetryAfter: "60 seconds" },
    ...overrides
  })

/** Looks a film up with a fresh tier (fresh token cache) against the given settings. */
const lookup = (settings: Layer.Layer<SpotifyConfig>, query: FilmQuery) =>
  Effect.flatMap(makeSpotifySoundtrackTier, (tier) => tier.lookup(query)).pipe(
    Effect.provide(settings),
    Effect.provide(FetchHttpClient.layer)
  )

const expectFound = (answer: Answer<Soundtrack>) => {
  if (answer._tag !== "Found") throw new Error(`expected Found, got ${JSON.stringify(answer)}`)
  return answer
}

describe("spotify soundtrack tier", () => {
  it.live("is skipped without credentials and sends no request", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => start())
      const answer = yield* lookup(settingsFor(server, { credentials: Option.none() }), film({ title: "3 Idiots", year: 2009 }))
      expect(answer).toEqual({ _tag: "Skipped", detail: "no credentials" })
      expect(server.requests).toEqual([])
    })
  )

  it.live("reads its settings from the environment; a blank secret counts as no credentials", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => start())
      const env = (secret: string) =>
        SpotifyConfig.fromEnv.pipe(
          Layer.provide(
            Layer.setConfigProvider(
              ConfigProvider.fromMap(
                new Map([
                  ["LINER_SPOTIFY_CLIENT_ID", server.clientId],
                  ["LINER_SPOTIFY_CLIENT_SECRET", secret],
                  ["LINER_SPOTIFY_API_URL", `${server.url}/`],
                  ["LINER_SPOTIFY_ACCOUNTS_URL", server.url]
                ])
              )
            )
          ),
          Layer.orDie
        )
      const blank = yield* lookup(env("  "), film({ title: "3 Idiots", year: 2009 }))
      expect(blank).toEqual({ _tag: "Skipped", detail: "no credentials" })
      expect(server.requests).toEqual([])

      const found = expectFound(yield* lookup(env(server.clientSecret), film({ title: "3 Idiots", year: 2009 })))
      expect(found.value.album.spotify).toEqual({ albumId: "1tRz3IdiotsOst2009aaaa" })

      const settings: SpotifySettings = yield* SpotifyConfig.pipe(Effect.provide(env(server.clientSecret)))
      expect(String(Option.getOrThrow(settings.credentials).clientSecret)).toBe("<redacted>")
    })
  )

  it.live("finds the songs album with every track (paged), singers in order, durations, no guessed credits", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => start({ maxPageSize: 3 }))
      const answer = expectFound(yield* lookup(settingsFor(server), film({ title: "Jaane Tu Ya Jaane Na", year: 2008 })))
      expect(answer.matchedBy).toBe("title")
      expect(answer.confidence).toBeGreaterThanOrEqual(0.85)
      const { album, tracks, alternatives } = answer.value
      expect(album).toEqual({
        title: "Jaane Tu... Ya Jaane Na (Original Motion Picture Soundtrack)",
        releaseDate: "2008-05-19",
        label: "T-Series",
        musicbrainz: null,
        spotify: { albumId: "2jJaaneTuSongs2008aaaa" }
      })
      expect(tracks.map((t) => [t.position, t.title, t.durationMs])).toEqual([
        [1, "Kabhi Kabhi Aditi", 219000],
        [2, "Pappu Can't Dance", 336000],
        [3, "Nazrein Milaana Nazrein Churaana", 270000],
        [4, "Jaane Tu Mera Kya Hai", 262000],
        [5, "Tu Bole Main Boloon", 307000],
        [6, "Kahin To Hogi Woh", 303000],
        [7, "Pappu Can't Dance - Remix", 302000]
      ])
      expect(tracks[1]?.artists).toEqual(["Benny Dayal", "Naresh Iyer", "Blaaze", "Tanvi Shah"])
      expect(tracks.every((t) => t.composers.length === 0 && t.lyricists.length === 0)).toBe(true)
      expect(tracks[0]?.spotify).toEqual({ trackId: "6jJaaneTuKabhiKabhi001" })
      // The score album is reported, not chosen.
      expect(alternatives).toEqual([
        { source: "spotify", title: "Jaane Tu... Ya Jaane Na (Original Score)", albumId: "2jJaaneTuScore2008aaaa" }
      ])
      // 3 tracks came with the album; the other 4 took two pages.
      const pages = server.requests.filter((r) => r.pathname.endsWith("/tracks"))
      expect(pages.map((r) => r.query.offset)).toEqual(["3", "6"])
    })
  )

  it.live("takes the score album when it is the only soundtrack there is", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() =>
        start({ albums: fakeSpotifyCatalogue.filter((a) => a.id !== "2jJaaneTuSongs2008aaaa") })
      )
      const answer = expectFound(yield* lookup(settingsFor(server), film({ title: "Jaane Tu... Ya Jaane Na", year: 2008 })))
      expect(answer.value.album.spotify).toEqual({ albumId: "2jJaaneTuScore2008aaaa" })
      expect(answer.value.album.label).toBeNull()
    })
  )

  it.live("lets the year decide between an original and its remake", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => start())
      const remake = expectFound(yield* lookup(settingsFor(server), film({ title: "Don", year: 2006 })))
      expect(remake.value.album.spotify).toEqual({ albumId: "3dDonRemake2006aaaaaaa" })
      expect(remake.value.tracks[1]?.artists).toEqual(["Shaan"])
      const original = expectFound(yield* lookup(settingsFor(server), film({ title: "Don", year: 1978 })))
      expect(original.value.album.spotify).toEqual({ albumId: "3dDonOriginal1978aaaaa" })
      expect(original.value.album.releaseDate).toBe("1978")
      expect(original.value.tracks[0]?.artists).toEqual(["Kishore Kumar"])
    })
  )

  it.live("refuses to choose when two albums fit equally well (no year)", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => start())
      const answer = yield* lookup(settingsFor(server), film({ title: "Don" }))
      expect(answer._tag).toBe("Ambiguous")
      if (answer._tag !== "Ambiguous") return
      expect(answer.candidates.map((c) => c.label).sort()).toEqual([
        "Don (Original Motion Picture Soundtrack) (1978)",
        "Don (Original Motion Picture Soundtrack) (2006)"
      ])
      // No album was opened: an ambiguous answer costs no track requests.
      expect(server.requests.some((r) => r.pathname.startsWith("/v1/albums/"))).toBe(false)
    })
  )

  it.live("answers not found when nothing is close, after trying a plain search too", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => start())
      const answer = yield* lookup(settingsFor(server), film({ title: "Idiotic Summer", year: 2012 }))
      expect(answer._tag).toBe("NotFound")
      const searches = server.requests.filter((r) => r.pathname === "/v1/search")
      expect(searches.map((r) => r.query.q)).toEqual(['album:"Idiotic Summer" year:2011-2013', "idiotic summer"])
    })
  )

  it.live("does not take a single or a decoy sharing words for the film", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => start())
      const answer = expectFound(yield* lookup(settingsFor(server), film({ title: "3 Idiots", year: 2009 })))
      expect(answer.value.album.spotify).toEqual({ albumId: "1tRz3IdiotsOst2009aaaa" })
      // Spotify's `Song (From "Film")` naming: the film is not part of the song's title.
      expect(answer.value.tracks.map((t) => t.title)).toEqual([
        "Aal Izz Well",
        "Zoobi Doobi",
        "Behti Hawa Sa Tha Woh",
        "Give Me Some Sunshine",
        "Jaane Nahin Denge Tujhe",
        "Aal Izz Well - Remix"
      ])
      expect(answer.value.tracks[0]?.artists).toEqual(["Sonu Nigam", "Shaan", "Swanand Kirkire"])
    })
  )

  it.live("counts every HTTP request it sends on the request meter", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => start({ maxPageSize: 3 }))
      const meter = yield* Ref.make(0)
      yield* lookup(settingsFor(server), film({ title: "Jaane Tu Ya Jaane Na", year: 2008 })).pipe(
        Effect.provideService(RequestMeter, meter)
      )
      // token + search + album + 2 track pages
      expect(server.requests).toHaveLength(5)
      expect(yield* Ref.get(meter)).toBe(server.requests.length)
    })
  )

  it.live("skips a query without a title without asking Spotify", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => start())
      const answer = yield* lookup(settingsFor(server), film({ imdbId: "tt1187043" }))
      expect(answer._tag).toBe("Skipped")
      expect(server.requests).toEqual([])
    })
  )
})
