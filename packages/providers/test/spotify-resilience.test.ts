import { FetchHttpClient } from "@effect/platform"
import { afterEach, describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { FilmQuery } from "@liner/core"
import { type FakeSpotify, startFakeSpotify } from "@liner/testkit"
import { makeSpotifySoundtrackTier, SpotifyConfig } from "../src/index.js"

const film = (q: { title?: string; year?: number }) => Schema.decodeUnknownSync(FilmQuery)(q)

let fake: FakeSpotify | undefined
const start = async () => {
  fake = await startFakeSpotify()
  return fake
}
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

const lookup = (server: FakeSpotify, query: FilmQuery) =>
  Effect.flatMap(makeSpotifySoundtrackTier, (tier) => tier.lookup(query)).pipe(
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

const searches = (server: FakeSpotify) => server.requests.filter((r) => r.pathname === "/v1/search")

describe("spotify under rate limits and server errors", () => {
  it.live("waits out a short Retry-After, then retries", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => start())
      server.fail({ status: 429, retryAfter: 1, times: 1 })
      const answer = yield* lookup(server, film({ title: "3 Idiots", year: 2009 }))
      expect(answer._tag).toBe("Found")
      const [limited, retry] = searches(server)
      expect(limited?.status).toBe(429)
      expect(retry?.status).toBe(200)
      // The retry came no sooner than the server asked (both times are the server's clock).
      expect((retry?.at ?? 0) - (limited?.at ?? Number.POSITIVE_INFINITY)).toBeGreaterThanOrEqual(1000)
    })
  )

  it.live("fails at once, retryable, when Spotify asks to wait for hours", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => start())
      server.fail({ status: 429, retryAfter: 7200 })
      const failure = yield* Effect.flip(lookup(server, film({ title: "3 Idiots", year: 2009 }))).pipe(
        // Guard only: a client that slept on the Retry-After would hang here for two hours.
        Effect.timeoutFail({ duration: "10 seconds", onTimeout: () => new Error("the client waited on a Retry-After of hours") })
      )
      expect(failure._tag).toBe("TierFailure")
      if (failure._tag !== "TierFailure") return
      expect(failure.kind).toBe("rate_limited")
      expect(failure.retryable).toBe(true)
      expect(failure.retryAfterMs).toBe(7_200_000)
      expect(failure.reason).toContain("2h")
      expect(failure.reason).toContain("unavailable for now")
      expect(searches(server)).toHaveLength(1)
    })
  )

  it.live("retries a 503 and succeeds when the server recovers", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => start())
      server.fail({ status: 503, times: 2 })
      const answer = yield* lookup(server, film({ title: "Don", year: 2006 }))
      expect(answer._tag).toBe("Found")
      expect(searches(server).map((r) => r.status)).toEqual([503, 503, 200])
    })
  )

  it.live("gives up on a server that keeps failing after a bounded number of tries", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => start())
      server.fail({ status: 502 })
      const failure = yield* Effect.flip(lookup(server, film({ title: "Don", year: 2006 })))
      expect(failure.kind).toBe("server")
      expect(failure.retryable).toBe(true)
      expect(failure.reason).toContain("502")
      expect(failure.reason).toContain("after 4 tries")
      expect(searches(server)).toHaveLength(4)
    })
  )

  it.live("retries a token endpoint that is briefly down", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => start())
      server.fail({ status: 503, times: 1, on: "token" })
      const answer = yield* lookup(server, film({ title: "Don", year: 2006 }))
      expect(answer._tag).toBe("Found")
      expect(server.requests.filter((r) => r.pathname === "/api/token").map((r) => r.status)).toEqual([503, 200])
    })
  )
})
