import { FetchHttpClient } from "@effect/platform"
import { afterEach, describe, expect, it } from "@effect/vitest"
import { Effect, Schema, TestClock } from "effect"
import { FilmQuery } from "@liner/core"
import { type FakeSpotify, type FakeSpotifyOptions, startFakeSpotify } from "@liner/testkit"
import { makeSpotifySoundtrackTier, SpotifyConfig } from "../src/index.js"

const film = (q: { title?: string; year?: number }) => Schema.decodeUnknownSync(FilmQuery)(q)

let fake: FakeSpotify | undefined
const start = async (options?: FakeSpotifyOptions) => {
  fake = await startFakeSpotify(options)
  return fake
}
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

/** One tier (one token cache) for several lookups, as a long-running pipeline worker has. */
const withTier = (server: FakeSpotify) =>
  makeSpotifySoundtrackTier.pipe(
    Effect.provide(
      SpotifyConfig.make({
        apiUrl: server.url,
        accountsUrl: server.url,
        credentials: { clientId: server.clientId, clientSecret: server.clientSecret },
        retry: { base: "10 millis", times: 3, maxRetryAfter: "60 seconds" }
      })
    ),
    Effect.provide(FetchHttpClient.layer)
  )

const tokenRequests = (server: FakeSpotify) => server.requests.filter((r) => r.pathname === "/api/token")
const apiRequests = (server: FakeSpotify) => server.requests.filter((r) => r.pathname.startsWith("/v1/"))

describe("spotify access token", () => {
  it.live("is fetched once with Basic auth and reused across lookups", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => start())
      const tier = yield* withTier(server)
      expect((yield* tier.lookup(film({ title: "3 Idiots", year: 2009 })))._tag).toBe("Found")
      expect((yield* tier.lookup(film({ title: "Don", year: 2006 })))._tag).toBe("Found")
      expect(tokenRequests(server)).toHaveLength(1)
      expect(tokenRequests(server)[0]?.auth).toBe("basic")
      expect(server.tokens).toHaveLength(1)
      const api = apiRequests(server)
      expect(api.length).toBeGreaterThanOrEqual(4)
      expect(api.every((r) => r.auth === "bearer" && r.token === server.tokens[0] && r.status === 200)).toBe(true)
    })
  )

  it.live("is fetched once when lookups run concurrently", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => start())
      const tier = yield* withTier(server)
      const answers = yield* Effect.all(
        [film({ title: "3 Idiots", year: 2009 }), film({ title: "Don", year: 1978 }), film({ title: "Don", year: 2006 })].map(tier.lookup),
        { concurrency: "unbounded" }
      )
      expect(answers.map((a) => a._tag)).toEqual(["Found", "Found", "Found"])
      expect(tokenRequests(server)).toHaveLength(1)
    })
  )

  it.live("is replaced once when the API refuses it (401), and the request goes through", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => start())
      const tier = yield* withTier(server)
      expect((yield* tier.lookup(film({ title: "3 Idiots", year: 2009 })))._tag).toBe("Found")
      server.expireTokens()
      server.clearRequests()
      const answer = yield* tier.lookup(film({ title: "Don", year: 2006 }))
      expect(answer._tag).toBe("Found")
      expect(server.tokens).toHaveLength(2)
      const [refused, renewal, ...rest] = server.requests
      expect([refused?.pathname, refused?.status, refused?.token]).toEqual(["/v1/search", 401, server.tokens[0]])
      expect([renewal?.pathname, renewal?.status]).toEqual(["/api/token", 200])
      expect(rest.every((r) => r.token === server.tokens[1] && r.status === 200)).toBe(true)
    })
  )

  // it.effect runs on the test clock: the client's hour passes at once while the server's tokens stay valid.
  it.effect("is refreshed before it expires, without waiting for a 401", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => start())
      const tier = yield* withTier(server)
      expect((yield* tier.lookup(film({ title: "3 Idiots", year: 2009 })))._tag).toBe("Found")
      yield* TestClock.adjust("30 minutes")
      expect((yield* tier.lookup(film({ title: "Don", year: 2006 })))._tag).toBe("Found")
      expect(tokenRequests(server)).toHaveLength(1)
      // Within the last minute of its hour the token is no longer used.
      yield* TestClock.adjust("1770 seconds")
      expect((yield* tier.lookup(film({ title: "Don", year: 1978 })))._tag).toBe("Found")
      expect(tokenRequests(server)).toHaveLength(2)
      expect(server.requests.some((r) => r.status === 401)).toBe(false)
    })
  )

  it.live("gives up when even a fresh token is refused, without looping", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => start({ tokenLifetimeSeconds: 0 }))
      const tier = yield* withTier(server)
      const failure = yield* Effect.flip(tier.lookup(film({ title: "3 Idiots", year: 2009 })))
      expect(failure.retryable).toBe(false)
      expect(failure.reason).toContain("401")
      expect(apiRequests(server).map((r) => r.status)).toEqual([401, 401])
    })
  )
})
