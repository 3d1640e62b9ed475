import { FetchHttpClient, type HttpClient } from "@effect/platform"
import { type ConfigError, Context, Effect, Layer, Option } from "effect"
import type { Store } from "@liner/core"
import { makeSongstatsClient, type SongstatsClientService } from "./client.js"
import { SongstatsConfig, type makeSongstatsSettings } from "./config.js"

/**
 * Songstats as its callers see it: a client when a key is configured, else a plain statement
 * that it is not, so every caller works without it (and makes no request).
 */
export type SongstatsAccess =
  | { readonly _tag: "Configured"; readonly client: SongstatsClientService }
  | { readonly _tag: "NotConfigured"; readonly reason: string }

export const songstatsNotConfigured: SongstatsAccess = {
  _tag: "NotConfigured",
  reason: "Songstats is not configured (set LINER_SONGSTATS_API_KEY to use it)"
}

export class Songstats extends Context.Tag("@liner/providers/Songstats")<Songstats, SongstatsAccess>() {
  /** From `SongstatsConfig`: the client when there is a key, else "not configured". */
  static readonly layer: Layer.Layer<Songstats, never, SongstatsConfig | HttpClient.HttpClient | Store> = Layer.effect(
    Songstats,
    Effect.flatMap(SongstatsConfig, (settings) =>
      Option.match(settings.apiKey, {
        onNone: () => Effect.succeed(songstatsNotConfigured),
        onSome: (key) => Effect.map(makeSongstatsClient(settings, key), (client): SongstatsAccess => ({ _tag: "Configured", client }))
      })
    )
  )

  /** Settings from the environment (LINER_SONGSTATS_*), requests through `fetch`, answers cached in the store. */
  static readonly live: Layer.Layer<Songstats, ConfigError.ConfigError, Store> = Songstats.layer.pipe(
    Layer.provide(SongstatsConfig.fromEnv),
    Layer.provide(FetchHttpClient.layer)
  )

  /** With the given settings and `fetch` (tests, benchmarks, programmatic use). */
  static readonly with = (settings: Parameters<typeof makeSongstatsSettings>[0]): Layer.Layer<Songstats, never, Store> =>
    Songstats.layer.pipe(Layer.provide(SongstatsConfig.make(settings)), Layer.provide(FetchHttpClient.layer))

  /** Songstats off, whatever the environment says. */
  static readonly notConfigured: Layer.Layer<Songstats> = Layer.succeed(Songstats, songstatsNotConfigured)
}

/** The client when Songstats is configured. */
export const songstatsClient: Effect.Effect<Option.Option<SongstatsClientService>, never, Songstats> = Effect.map(Songstats, (access) =>
  access._tag === "Configured" ? Option.some(access.client) : Option.none()
)
