import { FetchHttpClient } from "@effect/platform"
import { afterEach, describe, expect, it } from "vitest"
import { Effect, Either, Layer, Ref, Schema } from "effect"
import { FailedTries, type FailureKind, TierFailure } from "@liner/core"
import { defaultMusicBrainzCatalogue, type FakeMusicBrainz, type Fault, faultModes, startFakeMusicBrainz } from "@liner/testkit"
import { MbRelease, MbUrlList, MusicBrainzClient, musicBrainzClientLayer, MusicBrainzConfig } from "../src/index.js"

// The shared request discipline as the MusicBrainz client lives it, one fault at a time, against
// the fake server's fault modes. The fake enforces the client's rate and every Retry-After.
const rate = 50
let server: FakeMusicBrainz | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const start = async () => {
  const data = defaultMusicBrainzCatalogue()
  server = await startFakeMusicBrainz({ catalogue: data.catalogue, rate })
  return { server, data }
}

const clientFor = (fake: FakeMusicBrainz) =>
  musicBrainzClientLayer.pipe(
    Layer.provide(
      MusicBrainzConfig.make({
        baseUrl: fake.url,
        rate,
        contact: "liner-tests@example.org",
        requestTimeout: "500 millis",
        retry: { base: "20 millis", times: 3, maxRetryAfter: "5 seconds" }
      })
    ),
    Layer.provide(FetchHttpClient.layer)
  )

/** Runs `effect` with the client and a failed-try log (as the cascade gives one); returns both. */
const run = async <A, E>(fake: FakeMusicBrainz, effect: Effect.Effect<A, E, MusicBrainzClient>) => {
  const log = Effect.runSync(Ref.make<ReadonlyArray<FailureKind>>([]))
  const result = await Effect.runPromise(Effect.either(effect).pipe(Effect.provideService(FailedTries, log), Effect.provide(clientFor(fake))))
  return { result, failedTries: Effect.runSync(Ref.get(log)) }
}

const imdbLookup = Effect.flatMap(MusicBrainzClient, (client) =>
  client.get("url", { resource: ["https://www.imdb.com/title/tt9100001/", "http://www.imdb.com/title/tt9100001/"], inc: "release-group-rels" }, MbUrlList)
)

const failureOf = <A>(result: Either.Either<A, unknown>): TierFailure => {
  if (Either.isRight(result) || !(result.left instanceof TierFailure)) throw new Error(`expected a TierFailure, got ${JSON.stringify(result)}`)
  return result.left
}

/** The kind each single fault is recorded as. */
const kindOf: Record<keyof typeof faultModes, FailureKind> = {
  busy: "rate_limited",
  "503 with Retry-After": "rate_limited",
  "429 with Retry-After": "rate_limited",
  "reset mid-body": "network",
  "destroyed socket": "network",
  "truncated JSON": "bad_payload",
  "HTML 200": "bad_payload",
  "502 proxy page": "server",
  hang: "timeout"
}

describe("MusicBrainz client under network faults", () => {
  it.each(Object.keys(faultModes) as Array<keyof typeof faultModes>)("%s once: retried, then the answer", async (mode) => {
    const { server } = await start()
    server.fault(faultModes[mode] as Fault)
    const { result, failedTries } = await run(server, imdbLookup)
    expect(Either.isRight(result) && result.right["url-count"]).toBe(1)
    expect(server.requests).toHaveLength(2)
    expect(server.requests[1]!.status).toBe(200)
    expect(server.violations).toBe(0)
    expect(failedTries).toEqual([kindOf[mode]])
  })

  it("a reset in the middle of a release's body is a network failure, retried (the body never arrived)", async () => {
    const { server, data } = await start()
    server.fault({ kind: "reset-mid-body" }, { times: 3, path: "/ws/2/release/" })
    const releaseId = data.films.linkedHttps.album.releaseIds[0]!
    const lookup = Effect.flatMap(MusicBrainzClient, (c) => c.get(`release/${releaseId}`, { inc: "recordings" }, MbRelease))
    const { result, failedTries } = await run(server, lookup)
    expect(Either.isRight(result) && result.right.id).toBe(releaseId)
    expect(failedTries).toEqual(["network", "network", "network"])
  })

  it("resets mid-body forever: four tries, each cut off after the headers", async () => {
    const { server, data } = await start()
    server.fault({ kind: "reset-mid-body" }, { times: "forever", path: "/ws/2/release/" })
    const releaseId = data.films.linkedHttps.album.releaseIds[0]!
    const lookup = Effect.flatMap(MusicBrainzClient, (c) => c.get(`release/${releaseId}`, { inc: "recordings" }, MbRelease))
    const failure = failureOf((await run(server, lookup)).result)
    expect(failure).toMatchObject({ kind: "network", retryable: true })
    expect(failure.reason).toMatch(new RegExp(`^musicbrainz broke off its answer to release/${releaseId} \\(.+\\) after 4 tries$`))
  })

  it("503 forever: four tries, then a retryable failure", async () => {
    const { server } = await start()
    server.fault(faultModes.busy, { times: "forever" })
    const failure = failureOf((await run(server, imdbLookup)).result)
    expect(failure).toMatchObject({ kind: "rate_limited", retryable: true, reason: "503 from musicbrainz after 4 tries" })
    expect(server.requests).toHaveLength(4)
    expect(server.violations).toBe(0)
  })

  it("truncated JSON forever: retried once, then named for what it is, never a Schema dump", async () => {
    const { server } = await start()
    server.fault(faultModes["truncated JSON"], { times: "forever" })
    const failure = failureOf((await run(server, imdbLookup)).result)
    expect(failure).toMatchObject({ kind: "bad_payload", retryable: true })
    expect(failure.reason).toMatch(/^musicbrainz answered url with truncated JSON \(\d+ bytes, cut off before the end\).* after 2 tries$/)
    expect(server.requests).toHaveLength(2)
  })

  it("an HTML page forever: retried once, then says a proxy or captive portal is in the way", async () => {
    const { server } = await start()
    server.fault(faultModes["HTML 200"], { times: "forever" })
    const failure = failureOf((await run(server, imdbLookup)).result)
    expect(failure.reason).toBe("musicbrainz answered url with an HTML page, not JSON: a proxy or captive portal in the way? after 2 tries")
    expect(server.requests).toHaveLength(2)
  })

  it("a proxy's 502 page forever is a server failure named as an HTML page", async () => {
    const { server } = await start()
    server.fault(faultModes["502 proxy page"], { times: "forever" })
    const failure = failureOf((await run(server, imdbLookup)).result)
    expect(failure).toMatchObject({ kind: "server", retryable: true, reason: "502 from musicbrainz: an HTML page: a proxy in the way? after 4 tries" })
  })

  it("mixed failures are counted by kind in the final message", async () => {
    const { server } = await start()
    server.fault(faultModes.hang)
    server.fault(faultModes["destroyed socket"])
    server.fault(faultModes.busy, { times: "forever" })
    const failure = failureOf((await run(server, imdbLookup)).result)
    expect(failure.reason).toBe("503 from musicbrainz after 4 tries (1 timed out, 1 lost the connection, 2 rate limited)")
  })

  it("a complete JSON answer of the wrong shape is not retried", async () => {
    const { server, data } = await start()
    const wrong = MbRelease.pipe(Schema.extend(Schema.Struct({ barcode: Schema.String })))
    const lookup = Effect.flatMap(MusicBrainzClient, (c) => c.get(`release-group/${data.films.linkedHttps.album.releaseGroupId}`, {}, wrong))
    const failure = failureOf((await run(server, lookup)).result)
    expect(failure).toMatchObject({ kind: "bad_payload", retryable: false })
    expect(failure.reason).toMatch(/^unexpected payload from musicbrainz for release-group\//)
    expect(server.requests).toHaveLength(1)
  })
})
