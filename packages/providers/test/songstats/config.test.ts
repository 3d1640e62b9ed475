import { describe, expect, it } from "@effect/vitest"
import { StoreLayer } from "@liner/core"
import { ConfigProvider, Duration, Effect, Layer, Option, Redacted } from "effect"
import { defaultSongstatsUrl, Songstats, songstatsSettingsConfig } from "../../src/index.js"
import { startFake, tempStorePath } from "./harness.js"

// LINER_SONGSTATS_API_KEY, LINER_SONGSTATS_URL, LINER_SONGSTATS_TIMEOUT; without a key the source is off.
const fromEnv = (env: Record<string, string>) => Effect.withConfigProvider(songstatsSettingsConfig, ConfigProvider.fromMap(new Map(Object.entries(env))))

describe("songstats settings", () => {
  it.effect("defaults: the enterprise API, a 30 s timeout, no key", () =>
    Effect.gen(function* () {
      const settings = yield* fromEnv({})
      expect(settings.baseUrl).toBe(defaultSongstatsUrl)
      expect(Duration.toSeconds(settings.requestTimeout)).toBe(30)
      expect(Option.isNone(settings.apiKey)).toBe(true)
    })
  )

  it.effect("reads the key (redacted), the URL (without a trailing slash) and the timeout in seconds", () =>
    Effect.gen(function* () {
      const settings = yield* fromEnv({
        LINER_SONGSTATS_API_KEY: " key-123 ",
        LINER_SONGSTATS_URL: "https://data.songstats.com/enterprise/v1/",
        LINER_SONGSTATS_TIMEOUT: "2.5"
      })
      expect(Redacted.value(Option.getOrThrow(settings.apiKey))).toBe("key-123")
      expect(settings.baseUrl).toBe("https://data.songstats.com/enterprise/v1")
      expect(Duration.toMillis(settings.requestTimeout)).toBe(2500)
    })
  )

  it.effect("a blank key leaves the source off", () =>
    Effect.gen(function* () {
      const settings = yield* fromEnv({ LINER_SONGSTATS_API_KEY: "   " })
      expect(Option.isNone(settings.apiKey)).toBe(true)
    })
  )

  it.effect("bad values are refused with a message that names the variable", () =>
    Effect.gen(function* () {
      const url = yield* Effect.flip(fromEnv({ LINER_SONGSTATS_URL: "api.songstats.com" }))
      expect(String(url)).toContain("LINER_SONGSTATS_URL must be an http(s) URL")
      const timeout = yield* Effect.flip(fromEnv({ LINER_SONGSTATS_TIMEOUT: "0" }))
      expect(String(timeout)).toContain("LINER_SONGSTATS_TIMEOUT must be a number of seconds above 0")
    })
  )
})

describe("songstats without a key", () => {
  it.live("the layer says 'not configured' and nothing is ever asked", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      const access = yield* Songstats.pipe(
        Effect.provide(Songstats.live.pipe(Layer.provide(StoreLayer.at(tempStorePath())), Layer.orDie)),
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["LINER_SONGSTATS_URL", fake.url]])))
      )
      expect(access).toEqual({ _tag: "NotConfigured", reason: "Songstats is not configured (set LINER_SONGSTATS_API_KEY to use it)" })
      const off = yield* Songstats.pipe(Effect.provide(Songstats.notConfigured))
      expect(off._tag).toBe("NotConfigured")
      expect(fake.requests).toHaveLength(0)
    })
  )

  it.live("with a key from the environment the same layer gives a client", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      const env = new Map([
        ["LINER_SONGSTATS_URL", fake.url],
        ["LINER_SONGSTATS_API_KEY", fake.apiKey]
      ])
      const found = yield* Effect.flatMap(Songstats, (access) => (access._tag === "Configured" ? access.client.searchArtist("Solenne") : Effect.succeed([]))).pipe(
        Effect.provide(Songstats.live.pipe(Layer.provide(StoreLayer.at(tempStorePath())), Layer.orDie)),
        Effect.withConfigProvider(ConfigProvider.fromMap(env))
      )
      expect(found.map((a) => a.name)).toEqual(["Solenne Marchetti"])
      expect(fake.requests.map((r) => r.key)).toEqual(["valid"])
    })
  )
})
