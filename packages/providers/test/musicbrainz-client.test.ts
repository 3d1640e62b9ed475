import http from "node:http"
import { FetchHttpClient } from "@effect/platform"
import { afterEach, describe, expect, it } from "vitest"
import { ConfigProvider, Duration, Effect, Either, Layer, Schema } from "effect"
import { LINER_VERSION, TierFailure } from "@liner/core"
import { defaultMusicBrainzCatalogue, type FakeMusicBrainz, type FakeMusicBrainzOptions, startFakeMusicBrainz } from "@liner/testkit"
import {
  MbRelease,
  MbReleaseBrowse,
  MbUrlList,
  MusicBrainzClient,
  musicBrainzClientLayer,
  MusicBrainzConfig,
  musicBrainzSettingsConfig,
  MusicBrainzNotFound
} from "../src/index.js"

let server: FakeMusicBrainz | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const start = async (options: FakeMusicBrainzOptions = {}) => {
  const data = defaultMusicBrainzCatalogue()
  server = await startFakeMusicBrainz({ catalogue: data.catalogue, rate: null, ...options })
  return { server, data }
}

type Overrides = Partial<Parameters<typeof MusicBrainzConfig.make>[0]>

const layerFor = (fake: FakeMusicBrainz, overrides: Overrides = {}) =>
  musicBrainzClientLayer.pipe(
    Layer.provide(
      MusicBrainzConfig.make({
        baseUrl: fake.url,
        rate: 50,
        contact: "liner-tests@example.org",
        requestTimeout: "3 seconds",
        retry: { base: "20 millis", times: 3, maxRetryAfter: "5 seconds" },
        ...overrides
      })
    ),
    Layer.provide(FetchHttpClient.layer)
  )

const run = <A, E>(fake: FakeMusicBrainz, effect: Effect.Effect<A, E, MusicBrainzClient>, overrides: Overrides = {}) =>
  Effect.runPromise(Effect.either(effect).pipe(Effect.provide(layerFor(fake, overrides))))

const imdbLookup = Effect.flatMap(MusicBrainzClient, (client) =>
  client.get("url", { resource: ["https://www.imdb.com/title/tt9100001/", "http://www.imdb.com/title/tt9100001/"], inc: "release-group-rels" }, MbUrlList)
)

const failureOf = <A>(result: Either.Either<A, unknown>): TierFailure => {
  if (Either.isRight(result) || !(result.left instanceof TierFailure)) throw new Error(`expected a TierFailure, got ${JSON.stringify(result)}`)
  return result.left
}

describe("MusicBrainz client", () => {
  it("sends a User-Agent with the version and contact, fmt=json, and decodes the multi-url envelope", async () => {
    const { server } = await start()
    const result = await run(server, imdbLookup)
    expect(Either.isRight(result) && result.right["url-count"]).toBe(1)
    const request = server.requests[0]!
    expect(request.headers["user-agent"]).toBe(`liner/${LINER_VERSION} ( liner-tests@example.org )`)
    expect(request.query.get("fmt")).toBe("json")
  })

  it("is refused with 403 by the fake when a request has no User-Agent", async () => {
    const { server } = await start()
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.get(`${server.url}/ws/2/url?resource=x&fmt=json`, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on("error", reject)
    })
    expect(status).toBe(403)
  })

  it("answers a multi-url miss with url-count 0 and a single-url miss with a typed NotFound", async () => {
    const { server } = await start()
    const multi = await run(
      server,
      Effect.flatMap(MusicBrainzClient, (c) =>
        c.get("url", { resource: ["https://www.imdb.com/title/tt0000001/", "http://www.imdb.com/title/tt0000001/"] }, MbUrlList)
      )
    )
    expect(Either.isRight(multi) && multi.right["url-count"]).toBe(0)
    const single = await run(server, Effect.flatMap(MusicBrainzClient, (c) => c.get("url", { resource: "https://www.imdb.com/title/tt0000001/" }, MbUrlList)))
    expect(Either.isLeft(single) && single.left).toBeInstanceOf(MusicBrainzNotFound)
    expect(server.requests).toHaveLength(2)
  })

  it("never exceeds the configured rate over a burst of concurrent requests", async () => {
    const { server } = await start({ rate: 20 })
    const burst = Effect.all(Array.from({ length: 12 }, () => imdbLookup), { concurrency: "unbounded" })
    const result = await run(server, burst, { rate: 20 })
    expect(Either.isRight(result)).toBe(true)
    expect(server.requests).toHaveLength(12)
    expect(server.violations).toBe(0)
  })

  it("the fake counts violations when a client goes faster than the rate", async () => {
    const { server } = await start({ rate: 20 })
    const statuses = await Promise.all(
      Array.from({ length: 5 }, () => fetch(`${server.url}/ws/2/url?resource=x&fmt=json`, { headers: { "user-agent": "raw/1.0 ( test )" } }))
    )
    expect(server.violations).toBeGreaterThan(0)
    const limited = statuses.find((r) => r.status === 503)!
    expect(limited.headers.get("retry-after")).toBe("1")
    expect(((await limited.json()) as { error: string }).error).toContain("exceeding the allowable rate limit")
  })

  it("retries a 429 no sooner than its Retry-After (as the server saw it)", async () => {
    const { server } = await start()
    server.tooManyRequests(1, 1)
    const result = await run(server, imdbLookup)
    expect(Either.isRight(result)).toBe(true)
    const [first, second] = server.requests
    expect([first!.status, second!.status]).toEqual([429, 200])
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000)
  })

  it("gives up after 4 tries of 503 with a clear reason", async () => {
    const { server } = await start()
    server.busy(10)
    const failure = failureOf(await run(server, imdbLookup))
    expect(failure.reason).toBe("503 from musicbrainz after 4 tries")
    expect(failure).toMatchObject({ tier: "musicbrainz", retryable: true, kind: "rate_limited" })
    expect(server.requests).toHaveLength(4)
  })

  it("does not wait for a huge Retry-After", async () => {
    const { server } = await start()
    server.tooManyRequests(1, 7200)
    const failure = failureOf(await run(server, imdbLookup))
    expect(failure).toMatchObject({ retryable: true, kind: "rate_limited", retryAfterMs: 7_200_000 })
    expect(failure.reason).toContain("more than")
    expect(server.requests).toHaveLength(1)
  })

  it("retries a hung request like a busy one, and says how many tries timed out when none answers", async () => {
    const { server } = await start()
    server.hang(5)
    const failure = failureOf(await run(server, imdbLookup, { requestTimeout: "300 millis" }))
    expect(failure).toMatchObject({ retryable: true, kind: "timeout" })
    expect(failure.reason).toBe("no answer from musicbrainz within 300ms after 4 tries (4 timed out)")
    expect(server.requests).toHaveLength(4)
  })

  it("gets the answer when only one request hangs", async () => {
    const { server } = await start()
    server.hang(1)
    const result = await run(server, imdbLookup, { requestTimeout: "300 millis" })
    expect(Either.isRight(result) && result.right["url-count"]).toBe(1)
    expect(server.requests.map((r) => r.status)).toEqual([0, 200])
  })

  it("retries network errors and reports them as retryable network failures", async () => {
    const { server } = await start()
    server.down()
    const failure = failureOf(await run(server, imdbLookup))
    expect(failure).toMatchObject({ retryable: true, kind: "network" })
    expect(failure.reason).toContain("after 4 tries")
  })

  it("does not retry a 400 (browse rejects work-level-rels)", async () => {
    const { server, data } = await start()
    const failure = failureOf(
      await run(
        server,
        Effect.flatMap(MusicBrainzClient, (c) =>
          c.get("release", { recording: data.djTracks.solarDrift.recordingId, inc: "labels work-level-rels" }, MbReleaseBrowse)
        )
      )
    )
    expect(failure.retryable).toBe(false)
    expect(failure.reason).toContain("400 from musicbrainz")
    expect(failure.reason).toContain("work-level-rels")
    expect(server.requests).toHaveLength(1)
  })

  it("fails with bad_payload when the answer does not decode", async () => {
    const { server, data } = await start()
    const failure = failureOf(
      await run(
        server,
        Effect.flatMap(MusicBrainzClient, (c) => c.get(`release-group/${data.films.linkedHttps.album.releaseGroupId}`, {}, MbRelease.pipe(Schema.extend(Schema.Struct({ barcode: Schema.String })))))
      )
    )
    expect(failure).toMatchObject({ retryable: false, kind: "bad_payload" })
  })
})

describe("MusicBrainz configuration", () => {
  const read = (env: Record<string, string>) =>
    Effect.runSync(Effect.either(Effect.withConfigProvider(musicBrainzSettingsConfig, ConfigProvider.fromMap(new Map(Object.entries(env))))))

  it("has the documented defaults", () => {
    const settings = read({})
    expect(Either.isRight(settings) && settings.right).toMatchObject({
      baseUrl: "https://musicbrainz.org",
      rate: 1,
      contact: "https://github.com/liner-music/liner",
      enabled: true,
      cacheAnswers: true
    })
    expect(Either.isRight(settings) && Duration.toMillis(settings.right.requestTimeout)).toBe(10_000)
  })

  it("reads every variable, fractional rate and timeout included", () => {
    const settings = read({
      LINER_MUSICBRAINZ_URL: "http://mirror.local:5000/",
      LINER_MUSICBRAINZ_RATE: "0.5",
      LINER_CONTACT: "me@example.org",
      MUSICBRAINZ_TIMEOUT: "2.5",
      USE_MUSICBRAINZ: "false",
      CACHE_MUSICBRAINZ: "false"
    })
    expect(Either.isRight(settings) && Duration.toMillis(settings.right.requestTimeout)).toBe(2_500)
    expect(Either.isRight(settings) && settings.right).toMatchObject({
      baseUrl: "http://mirror.local:5000",
      rate: 0.5,
      contact: "me@example.org",
      enabled: false,
      cacheAnswers: false
    })
  })

  it.each([
    [{ LINER_MUSICBRAINZ_RATE: "0" }, "LINER_MUSICBRAINZ_RATE must be a number of requests per second above 0"],
    [{ LINER_MUSICBRAINZ_RATE: "fast" }, "LINER_MUSICBRAINZ_RATE"],
    [{ MUSICBRAINZ_TIMEOUT: "-1" }, "MUSICBRAINZ_TIMEOUT must be a number of seconds above 0"],
    [{ LINER_MUSICBRAINZ_URL: "musicbrainz.org" }, "LINER_MUSICBRAINZ_URL must be an http(s) URL"]
  ])("refuses %o with a clear message", (env, message) => {
    const settings = read(env)
    expect(Either.isLeft(settings) && String(settings.left)).toContain(message)
  })
})
