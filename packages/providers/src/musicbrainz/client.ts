import { FetchHttpClient, HttpClient, HttpClientRequest } from "@effect/platform"
import { Context, Data, Duration, Effect, Layer, Option, Schema, type Scope } from "effect"
import type { ConfigError } from "effect/ConfigError"
import { LINER_VERSION, optionalHostPacer, TierFailure } from "@liner/core"
import { makeHostHealth } from "../http/host-health.js"
import type { JsonSource } from "../http/json-source.js"
import { makeEndSpacing } from "../http/end-spacing.js"
import { retried } from "../http/retried.js"
import { sendJson } from "../http/send-json.js"
import { MusicBrainzConfig, type MusicBrainzSettings } from "./config.js"

/**
 * The one door to a MusicBrainz server. Politeness is built in, for every caller together:
 * a User-Agent with a contact, one request at a time, requests spaced at the configured rate
 * (fixed spacing, no bursts), a timeout per request, and failures retried with jittered
 * exponential backoff never sooner than `retry-after`. Requests follow the shared discipline
 * (`../http`): body read, then parsed, then decoded with Schema.
 *
 * Spacing is counted from the *end* of the previous request (`../http/end-spacing.ts`): it
 * guarantees arrivals at least 1/rate apart, at the price of the round-trip time per request.
 *
 * Given a `HostPacer` (the faces provide one from the store), a request also waits for the host's
 * turn in the store, taken and handed back the same way, so N worker processes sharing a store
 * keep the rate together.
 *
 * A request that times out is retried like a 503, within the tier's budget (the cascade's timer):
 * one hung connection says little about the next. A host that does not resolve or refuses
 * connections gets one quick retry and is then remembered as down for the client's life, so a
 * batch pays for it once.
 */

export const musicBrainzTierName = "musicbrainz"

/** The server has no such entity (404): an answer, not a failure. */
export class MusicBrainzNotFound extends Data.TaggedError("MusicBrainzNotFound")<{ readonly path: string }> {
  /** Never retried. */
  readonly retryable = false
}

/** Query parameters; repeat a key by giving an array (`resource` twice for a multi-URL lookup). */
export type MusicBrainzParams = Readonly<Record<string, string | ReadonlyArray<string>>>

export interface MusicBrainzClientService {
  readonly settings: MusicBrainzSettings
  /**
   * `GET <base>/ws/2/<path>?<params>&fmt=json`, decoded with `schema`.
   * `path` is relative to `/ws/2/`: "url", "release-group", "release/<mbid>".
   */
  readonly get: <A, I>(
    path: string,
    params: MusicBrainzParams,
    schema: Schema.Schema<A, I>
  ) => Effect.Effect<A, TierFailure | MusicBrainzNotFound>
}

export class MusicBrainzClient extends Context.Tag("@liner/providers/MusicBrainzClient")<MusicBrainzClient, MusicBrainzClientService>() {}

/** Joins `inc` values the way ws/2 wants them (`+`, i.e. a space once URL-decoded). */
export const incParam = (...values: ReadonlyArray<string>): string => values.join(" ")

export const userAgentOf = (contact: string): string => `liner/${LINER_VERSION} ( ${contact} )`

const ErrorBody = Schema.Struct({ error: Schema.String })
const decodeErrorBody = Schema.decodeUnknownOption(ErrorBody)

/** MusicBrainz's own reading of statuses: 404 is "no such entity", 403 a refused User-Agent. */
const musicBrainzSource: JsonSource<MusicBrainzNotFound> = {
  tier: musicBrainzTierName,
  errorMessage: (body) => Option.getOrUndefined(Option.map(decodeErrorBody(body), (b) => b.error)),
  onStatus: (status, message, path) =>
    status === 404
      ? new MusicBrainzNotFound({ path })
      : status === 403
        ? new TierFailure({
            tier: musicBrainzTierName,
            reason: `403 from musicbrainz (refused: check the User-Agent and LINER_CONTACT)${message === "" ? "" : `: ${message}`}`,
            retryable: false,
            kind: "blocked"
          })
        : undefined
}

/** Builds the client from settings and an HttpClient; the pacing state lives as long as the scope. */
export const makeMusicBrainzClient = (
  settings: MusicBrainzSettings
): Effect.Effect<MusicBrainzClientService, never, HttpClient.HttpClient | Scope.Scope> =>
  Effect.gen(function* () {
    // Trace headers are ours, not MusicBrainz's business.
    const http = (yield* HttpClient.HttpClient).pipe(HttpClient.withTracerPropagation(false))
    // One pacer for the one configured host: one request at a time, each starting at least
    // 1/rate s after the previous one ended (no bursts).
    const oneAtATime = yield* Effect.makeSemaphore(1)
    const spacingMs = 1000 / settings.rate
    const endSpaced = yield* makeEndSpacing(spacingMs)
    // With a store, the host's turn is also taken there, so every worker of the store keeps the
    // rate together (host-pace.ts in core); without one (tests, programmatic use), this process's
    // spacing is all there is.
    const host = new URL(settings.baseUrl).host
    const shared = yield* optionalHostPacer
    const hostPace = { spacing: Duration.millis(spacingMs), lease: Duration.sum(settings.requestTimeout, Duration.seconds(1)) }
    const inHostTurn = <A>(request: Effect.Effect<A, TierFailure | MusicBrainzNotFound>): Effect.Effect<A, TierFailure | MusicBrainzNotFound> =>
      Option.match(shared, {
        onNone: () => request,
        onSome: (pacer) =>
          pacer.paced(host, hostPace, request).pipe(
            // Fail closed: without the shared pace, this worker could push the fleet over the rate.
            Effect.catchTag("HostPaceUnavailable", (e) => Effect.fail(new TierFailure({ tier: musicBrainzTierName, reason: e.message, retryable: true })))
          )
      })
    const paced = <A>(request: Effect.Effect<A, TierFailure | MusicBrainzNotFound>): Effect.Effect<A, TierFailure | MusicBrainzNotFound> =>
      oneAtATime.withPermits(1)(endSpaced(inHostTurn(request)))
    const userAgent = userAgentOf(settings.contact)
    const health = yield* makeHostHealth
    const retries = retried({ policy: settings.retry, tier: musicBrainzTierName, host, health })

    const get = <A, I>(path: string, params: MusicBrainzParams, schema: Schema.Schema<A, I>) => {
      const urlParams: Array<[string, string]> = []
      for (const [key, value] of Object.entries(params)) {
        if (typeof value === "string") urlParams.push([key, value])
        else for (const v of value as ReadonlyArray<string>) urlParams.push([key, v])
      }
      urlParams.push(["fmt", "json"])
      const request = HttpClientRequest.get(`${settings.baseUrl}/ws/2/${path}`).pipe(
        HttpClientRequest.setUrlParams(urlParams),
        HttpClientRequest.setHeader("user-agent", userAgent),
        HttpClientRequest.acceptJson
      )
      const once = paced(
        sendJson(musicBrainzSource, request, schema, { what: path, timeout: settings.requestTimeout }).pipe(
          Effect.provideService(HttpClient.HttpClient, http)
        )
      )
      return retries(once)
    }
    return { settings, get }
  })

/** The client, from `MusicBrainzConfig` and an `HttpClient`. */
export const musicBrainzClientLayer: Layer.Layer<MusicBrainzClient, never, MusicBrainzConfig | HttpClient.HttpClient> = Layer.scoped(
  MusicBrainzClient,
  Effect.flatMap(MusicBrainzConfig, makeMusicBrainzClient)
)

/** The live client: settings from the environment, `fetch` for HTTP. */
export const musicBrainzClientLive: Layer.Layer<MusicBrainzClient | MusicBrainzConfig, ConfigError> = musicBrainzClientLayer.pipe(
  Layer.provideMerge(MusicBrainzConfig.fromEnv),
  Layer.provide(FetchHttpClient.layer)
)

/** The client with the given settings and `fetch` (tests, benchmarks, programmatic use). */
export const musicBrainzClientWith = (
  settings: Parameters<typeof MusicBrainzConfig.make>[0]
): Layer.Layer<MusicBrainzClient | MusicBrainzConfig> =>
  musicBrainzClientLayer.pipe(Layer.provideMerge(MusicBrainzConfig.make(settings)), Layer.provide(FetchHttpClient.layer))
