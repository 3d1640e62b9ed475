import { FetchHttpClient, HttpClient, HttpClientRequest, type HttpClientResponse } from "@effect/platform"
import { Clock, Context, Data, Duration, Effect, Layer, Option, ParseResult, Ref, Schedule, Schema, type Scope } from "effect"
import type { ConfigError } from "effect/ConfigError"
import { countRequest, LINER_VERSION, parseRetryAfter, retrySchedule, TierFailure } from "@liner/core"
import { MusicBrainzConfig, type MusicBrainzSettings } from "./config.js"

/**
 * The one door to a MusicBrainz server. Politeness is built in, for every caller together:
 * a User-Agent with a contact, one request at a time, requests spaced at the configured rate
 * (fixed spacing, no bursts), a timeout per request, and 503/429 retried with jittered
 * exponential backoff never sooner than `retry-after`. Payloads are decoded with Schema.
 *
 * Spacing is counted from the *end* of the previous request, not its start (which is what
 * effect's `RateLimiter` spaces): the server measures arrivals, and a request that first had to
 * open a connection arrives late, so a start-spaced follower on the warm connection would arrive
 * too soon. Counting from the end guarantees arrivals at least 1/rate apart, at the price of
 * the round-trip time per request.
 *
 * Timeouts are not retried here: a server that hung once for the whole timeout is likely to hang
 * again, and the cascade does better to move on; the failure stays `retryable` for "try later".
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

const failure = (
  reason: string,
  options: { readonly retryable: boolean; readonly kind?: TierFailure["kind"]; readonly retryAfterMs?: number }
): TierFailure =>
  new TierFailure({
    tier: musicBrainzTierName,
    reason,
    retryable: options.retryable,
    ...(options.kind === undefined ? {} : { kind: options.kind }),
    ...(options.retryAfterMs === undefined ? {} : { retryAfterMs: options.retryAfterMs })
  })


const ErrorBody = Schema.Struct({ error: Schema.String })

/** The server's short error text (`{"error": "Invalid mbid."}`), printable, or "". */
const serverMessage = (response: HttpClientResponse.HttpClientResponse): Effect.Effect<string> =>
  response.json.pipe(
    Effect.flatMap(Schema.decodeUnknown(ErrorBody)),
    Effect.map((body) => body.error.replace(/[^\p{L}\p{N} .,:;'()_/-]/gu, "").slice(0, 160)),
    Effect.orElseSucceed(() => "")
  )

const withMessage = (head: string, message: string) => (message === "" ? head : `${head}: ${message}`)

const humanWait = (ms: number) => Duration.format(Duration.millis(Math.ceil(ms / 1000) * 1000))

/** What lies under a transport failure: a system error code (ENOTFOUND, ECONNREFUSED…), else the innermost message. */
const systemErrorCode = (error: unknown): string | undefined => {
  let innermost: string | undefined
  for (let current = error, depth = 0; typeof current === "object" && current !== null && depth < 6; depth++) {
    const { code, cause, errors, message } = current as { code?: unknown; cause?: unknown; errors?: unknown; message?: unknown }
    if (typeof code === "string") return code
    if (typeof message === "string" && message !== "") innermost = message
    // Happy-eyeballs connection attempts fail as an AggregateError of one error per address.
    current = cause ?? (Array.isArray(errors) ? errors[0] : undefined)
  }
  return innermost
}

/** One try: the request, its status turned into a failure, its body decoded. */
const sendOnce = <A, I>(
  http: HttpClient.HttpClient,
  request: HttpClientRequest.HttpClientRequest,
  path: string,
  schema: Schema.Schema<A, I>
): Effect.Effect<A, TierFailure | MusicBrainzNotFound> =>
  Effect.gen(function* () {
    yield* countRequest
    const response = yield* http.execute(request).pipe(
      Effect.mapError((error) =>
        failure(`cannot reach musicbrainz at ${new URL(request.url).host} (${systemErrorCode(error.cause) ?? error.description ?? error.reason})`, {
          retryable: true,
          kind: "network"
        })
      )
    )
    const status = response.status
    if (status === 404) return yield* new MusicBrainzNotFound({ path })
    if (status === 503 || status === 429) {
      const wait = parseRetryAfter(response.headers["retry-after"], Date.now())
      return yield* failure(`${status} from musicbrainz`, {
        retryable: true,
        kind: "rate_limited",
        ...Option.match(wait, { onNone: () => ({}), onSome: (ms) => ({ retryAfterMs: ms }) })
      })
    }
    if (status >= 500) return yield* failure(`${status} from musicbrainz`, { retryable: true, kind: "server" })
    if (status === 403) {
      return yield* failure(withMessage("403 from musicbrainz (refused: check the User-Agent and LINER_CONTACT)", yield* serverMessage(response)), {
        retryable: false,
        kind: "blocked"
      })
    }
    if (status < 200 || status >= 300) {
      return yield* failure(withMessage(`${status} from musicbrainz for ${path}`, yield* serverMessage(response)), { retryable: false })
    }
    const body = yield* response.json.pipe(
      Effect.mapError(() => failure(`musicbrainz answered ${path} with a body that is not JSON`, { retryable: false, kind: "bad_payload" }))
    )
    return yield* Schema.decodeUnknown(schema)(body).pipe(
      Effect.mapError((error) =>
        failure(
          `unexpected payload from musicbrainz for ${path}: ${ParseResult.TreeFormatter.formatErrorSync(error).split("\n").slice(0, 4).join(" ").slice(0, 300)}`,
          { retryable: false, kind: "bad_payload" }
        )
      )
    )
  })

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
    const earliestNextStart = yield* Ref.make(0)
    const paced = <A, E>(request: Effect.Effect<A, E>): Effect.Effect<A, E> =>
      oneAtATime.withPermits(1)(
        Effect.gen(function* () {
          const wait = (yield* Ref.get(earliestNextStart)) - (yield* Clock.currentTimeMillis)
          if (wait > 0) yield* Effect.sleep(Duration.millis(wait))
          return yield* request.pipe(
            Effect.ensuring(Effect.flatMap(Clock.currentTimeMillis, (end) => Ref.set(earliestNextStart, end + spacingMs)))
          )
        })
      )
    const userAgent = userAgentOf(settings.contact)
    const ceiling = Duration.toMillis(settings.retry.maxRetryAfter)
    const timeout = settings.requestTimeout
    // core's jittered exponential schedule (bounded, ≥ retry-after), minus timeouts (see above).
    const schedule = retrySchedule<TierFailure | MusicBrainzNotFound>(settings.retry).pipe(
      Schedule.whileInput((e: TierFailure | MusicBrainzNotFound) => e._tag === "TierFailure" && e.kind !== "timeout")
    )

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
      const timed = sendOnce(http, request, path, schema).pipe(
        Effect.timeoutFail({
          duration: timeout,
          onTimeout: () =>
            failure(`no answer from musicbrainz within ${Duration.format(timeout)}`, { retryable: true, kind: "timeout" })
        })
      )
      const once = paced(timed)
      return Effect.gen(function* () {
        const tries = yield* Ref.make(0)
        return yield* Ref.update(tries, (n) => n + 1).pipe(
          Effect.zipRight(once),
          Effect.retry(schedule),
          Effect.catchTag("TierFailure", (last) =>
            Effect.flatMap(Ref.get(tries), (n) => {
              const tooLong = last.retryAfterMs !== undefined && last.retryAfterMs > ceiling
              const reason = tooLong
                ? `${last.reason}: it asks to wait ${humanWait(last.retryAfterMs ?? 0)}, more than the ${humanWait(ceiling)} we wait`
                : n > 1
                  ? `${last.reason} after ${n} tries`
                  : last.reason
              return Effect.fail(
                new TierFailure({
                  tier: last.tier,
                  reason,
                  retryable: last.retryable,
                  ...(last.kind === undefined ? {} : { kind: last.kind }),
                  ...(last.retryAfterMs === undefined ? {} : { retryAfterMs: last.retryAfterMs })
                })
              )
            })
          )
        )
      })
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
