import { describe, expect, it } from "@effect/vitest"
import { faultModes } from "@liner/testkit"
import { Duration, Effect } from "effect"
import { startFake, tempStorePath, withClient } from "./harness.js"

// Rate limits, refusals, server errors and hung requests: the shared discipline, Songstats's reading.
const henrik = "h3nr1kb2"

describe("songstats under rate limits and errors", () => {
  it.live("waits out a 429's Retry-After, then gets the answer", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      fake.fail({ status: 429, retryAfter: 1, times: 1 })
      const curators = yield* withClient(fake, tempStorePath(), (client) => client.artistTopCurators(henrik))
      expect(curators.map((c) => c.name)).toEqual(["Mara Lindqvist", "Tomasz Wren"])
      const [limited, retry] = fake.requests
      expect([limited?.status, retry?.status]).toEqual([429, 200])
      // The retry came no sooner than the server asked (both times are the server's clock).
      expect((retry?.at ?? 0) - (limited?.at ?? Number.POSITIVE_INFINITY)).toBeGreaterThanOrEqual(1000)
      expect(fake.violations).toBe(0)
    })
  )

  it.live("fails at once, retryable, when Songstats asks to wait for hours", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      fake.fail({ status: 429, retryAfter: 7200 })
      const failure = yield* Effect.flip(withClient(fake, tempStorePath(), (client) => client.artistInfo(henrik))).pipe(
        // Guard only: a client that slept on the Retry-After would hang here for two hours.
        Effect.timeoutFail({ duration: "10 seconds", onTimeout: () => new Error("the client waited on a Retry-After of hours") })
      )
      expect(failure).toMatchObject({ tier: "songstats", kind: "rate_limited", retryable: true, retryAfterMs: 7_200_000 })
      expect(failure.message).toContain("unavailable for now")
      expect(fake.requests).toHaveLength(1)
    })
  )

  it.live("a refused key is a clear failure, never retried, and no later call asks again", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      const [first, second] = yield* withClient(
        fake,
        tempStorePath(),
        (client) => Effect.all([Effect.flip(client.artistInfo(henrik)), Effect.flip(client.searchArtist("Henrik"))]),
        { apiKey: "wrong-key-0000" }
      )
      expect(first.message).toBe("songstats: invalid Songstats API key: Songstats refused LINER_SONGSTATS_API_KEY with 401: Invalid Api Key")
      expect(first.retryable).toBe(false)
      expect(second).toBe(first)
      expect(fake.requests.map((r) => [r.route, r.status, r.key])).toEqual([["/artists/info", 401, "wrong"]])
    })
  )

  it.live("5xx until the tries run out: a retryable failure that says how many tries it took", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      fake.fail({ status: 502 })
      const failure = yield* Effect.flip(withClient(fake, tempStorePath(), (client) => client.artistCatalog(henrik)))
      expect(failure).toMatchObject({ tier: "songstats", kind: "server", retryable: true })
      expect(failure.reason).toBe("502 from songstats: Bad Gateway after 3 tries")
      expect(fake.requests.map((r) => r.status)).toEqual([502, 502, 502])
    })
  )

  it.live("retries 500, 503 and 504 like the SDKs, but not a 501", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      fake.fail({ status: 500, times: 1 })
      fake.fail({ status: 503, times: 1 })
      const answer = yield* withClient(fake, tempStorePath(), (client) => client.searchArtist("Henrik"))
      expect(answer.map((a) => a.id)).toEqual([henrik])
      expect(fake.requests.map((r) => r.status)).toEqual([500, 503, 200])

      fake.clearRequests()
      fake.fail({ status: 501, times: 1 })
      const failure = yield* Effect.flip(withClient(fake, tempStorePath(), (client) => client.searchArtist("Henrik")))
      expect(failure).toMatchObject({ kind: "server", retryable: false })
      expect(fake.requests.map((r) => r.status)).toEqual([501])
    })
  )

  it.live("a request that hangs is abandoned after the timeout and retried; when every try hangs it fails as a timeout", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      fake.fault(faultModes.hang, { times: 1 })
      const found = yield* withClient(fake, tempStorePath(), (client) => client.searchArtist("Solenne"), { requestTimeout: Duration.millis(300) })
      expect(found.map((a) => a.name)).toEqual(["Solenne Marchetti"])
      expect(fake.requests.map((r) => r.status)).toEqual([0, 200])

      fake.clearRequests()
      fake.fault(faultModes.hang, { times: "forever" })
      const failure = yield* Effect.flip(withClient(fake, tempStorePath(), (client) => client.searchArtist("Solenne"), { requestTimeout: Duration.millis(300) }))
      expect(failure).toMatchObject({ tier: "songstats", kind: "timeout", retryable: true })
      expect(failure.reason).toContain("no answer from songstats within")
      expect(fake.requests).toHaveLength(3)
    })
  )

  it.live("an answer cut off mid-body is retried like any broken connection", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      fake.fault(faultModes["reset mid-body"], { path: "/artists/info" })
      const info = yield* withClient(fake, tempStorePath(), (client) => client.artistInfo(henrik))
      expect(info._tag).toBe("Some")
      expect(fake.requests.filter((r) => r.route === "/artists/info")).toHaveLength(2)
    })
  )
})
