import { FetchHttpClient } from "@effect/platform"
import { afterEach, describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { FilmQuery } from "@liner/core"
import { type FakeSpotify, faultModes, startFakeSpotify } from "@liner/testkit"
import { makeSpotifySoundtrackTier, SpotifyConfig } from "../src/index.js"

// Spotify stands on the same request discipline as MusicBrainz: the same faults, the same reading.
const film = (q: { title?: string; year?: number }) => Schema.decodeUnknownSync(FilmQuery)(q)

let fake: FakeSpotify | undefined
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
        requestTimeout: "500 millis",
        retry: { base: "10 millis", times: 3, maxRetryAfter: "60 seconds" }
      })
    ),
    Effect.provide(FetchHttpClient.layer)
  )

const searches = (server: FakeSpotify) => server.requests.filter((r) => r.pathname === "/v1/search")

describe("spotify under network faults", () => {
  it.live("a search cut off mid-body is retried and answered", () =>
    Effect.gen(function* () {
      fake = yield* Effect.promise(() => startFakeSpotify())
      fake.fault(faultModes["reset mid-body"], { path: "/v1/search" })
      const answer = yield* lookup(fake, film({ title: "3 Idiots", year: 2009 }))
      expect(answer._tag).toBe("Found")
      expect(searches(fake).map((r) => r.status)).toEqual([200, 200])
    })
  )

  it.live("a hung album lookup is retried within the tier", () =>
    Effect.gen(function* () {
      fake = yield* Effect.promise(() => startFakeSpotify())
      fake.fault(faultModes.hang, { path: "/v1/albums/" })
      const answer = yield* lookup(fake, film({ title: "3 Idiots", year: 2009 }))
      expect(answer._tag).toBe("Found")
      expect(fake.requests.filter((r) => r.pathname.startsWith("/v1/albums/")).map((r) => r.status)).toEqual([0, 200])
    })
  )

  it.live("a captive portal in front of the token endpoint: one retry, then a message that names it", () =>
    Effect.gen(function* () {
      fake = yield* Effect.promise(() => startFakeSpotify())
      fake.fault(faultModes["HTML 200"], { on: "token", times: "forever" })
      const failure = yield* Effect.flip(lookup(fake, film({ title: "3 Idiots", year: 2009 })))
      expect(failure).toMatchObject({ tier: "spotify", kind: "bad_payload", retryable: true })
      expect(failure.reason).toBe("spotify answered the token request with an HTML page, not JSON: a proxy or captive portal in the way? after 2 tries")
      expect(fake.requests.filter((r) => r.pathname === "/api/token")).toHaveLength(2)
    })
  )
})
