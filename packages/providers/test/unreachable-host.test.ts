import { FetchHttpClient } from "@effect/platform"
import { describe, expect, it } from "vitest"
import { Effect, Either, Layer, Ref } from "effect"
import { RequestMeter, TierFailure } from "@liner/core"
import { refusingPort } from "@liner/testkit"
import { MbUrlList, MusicBrainzClient, musicBrainzClientLayer, MusicBrainzConfig } from "../src/index.js"

/** The client over real `fetch`, counting every connection attempt it makes. */
const countingClient = (baseUrl: string, fetchCalls: { n: number }) =>
  musicBrainzClientLayer.pipe(
    Layer.provide(
      MusicBrainzConfig.make({
        baseUrl,
        rate: 50,
        contact: "liner-tests@example.org",
        requestTimeout: "3 seconds",
        retry: { base: "20 millis", times: 3, maxRetryAfter: "5 seconds" }
      })
    ),
    Layer.provide(FetchHttpClient.layer),
    Layer.provide(
      Layer.succeed(FetchHttpClient.Fetch, ((input: string | URL | Request, init?: RequestInit) => {
        fetchCalls.n++
        return globalThis.fetch(input, init)
      }) as typeof globalThis.fetch)
    )
  )

const lookup = Effect.flatMap(MusicBrainzClient, (client) =>
  client.get("url", { resource: ["https://www.imdb.com/title/tt9100001/", "http://www.imdb.com/title/tt9100001/"], inc: "release-group-rels" }, MbUrlList)
)

/** One lookup: its failure and the requests it counted (as the cascade's meter sees them). */
const metered = Effect.gen(function* () {
  const meter = yield* Ref.make(0)
  const result = yield* Effect.either(lookup.pipe(Effect.provideService(RequestMeter, meter)))
  if (Either.isRight(result) || !(result.left instanceof TierFailure)) return yield* Effect.die(new Error("expected a TierFailure"))
  return { failure: result.left, requests: yield* Ref.get(meter) }
})

describe("a MusicBrainz host that refuses connections", () => {
  it("costs at most two tries, and later lookups on the same client fail at once without connecting", async () => {
    const port = await refusingPort()
    const fetchCalls = { n: 0 }
    const [first, second] = await Effect.runPromise(Effect.all([metered, metered]).pipe(Effect.provide(countingClient(`http://127.0.0.1:${port}`, fetchCalls))))

    expect(first.failure).toMatchObject({ tier: "musicbrainz", kind: "unreachable", retryable: true })
    expect(first.failure.reason).toBe(`cannot reach musicbrainz at 127.0.0.1:${port} (ECONNREFUSED) after 2 tries`)
    expect(first.requests).toBeLessThanOrEqual(2)
    const connectionsOfFirst = fetchCalls.n
    expect(connectionsOfFirst).toBeGreaterThanOrEqual(1)
    expect(connectionsOfFirst).toBeLessThanOrEqual(2)

    expect(second.failure).toMatchObject({ tier: "musicbrainz", kind: "unreachable", retryable: true })
    expect(second.failure.reason).toMatch(new RegExp(`^cannot reach musicbrainz at 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\) since \\d\\d:\\d\\d:\\d\\d UTC; not asked again in this run$`))
    expect(second.requests).toBe(0)
    expect(fetchCalls.n).toBe(connectionsOfFirst)
  })

  it("a port fetch refuses outright (bad port) is unreachable too, not retried like a busy server", async () => {
    const fetchCalls = { n: 0 }
    const { failure } = await Effect.runPromise(metered.pipe(Effect.provide(countingClient("http://127.0.0.1:9", fetchCalls))))
    expect(failure).toMatchObject({ kind: "unreachable", reason: "cannot reach musicbrainz at 127.0.0.1:9 (bad port) after 2 tries" })
    expect(fetchCalls.n).toBeGreaterThanOrEqual(1)
    expect(fetchCalls.n).toBeLessThanOrEqual(2)
  })
})
