import { HttpClient, type HttpClientRequest, type HttpClientResponse } from "@effect/platform"
import { Data, Duration, Effect, Option, ParseResult, Redacted, Ref, Schema } from "effect"
import { countRequest, parseRetryAfter, type RetryPolicy, TierFailure, withRetry } from "@liner/core"

/** How Spotify talks over HTTP: one request, its status turned into a `TierFailure`, its body decoded. */

export const spotifyTierName = "spotify"

/** The API refused the bearer token (expired or revoked): the caller fetches a new one once. */
export class SpotifyUnauthorized extends Data.TaggedError("SpotifyUnauthorized")<{ readonly reason: string }> {}

export const spotifyFailure = (
  reason: string,
  options: { readonly retryable: boolean; readonly kind?: TierFailure["kind"]; readonly retryAfterMs?: number }
): TierFailure =>
  new TierFailure({
    tier: spotifyTierName,
    reason,
    retryable: options.retryable,
    ...(options.kind === undefined ? {} : { kind: options.kind }),
    ...(options.retryAfterMs === undefined ? {} : { retryAfterMs: options.retryAfterMs })
  })

/** The same failure with another reason. */
export const withReason = (failure: TierFailure, reason: string): TierFailure =>
  spotifyFailure(reason, {
    retryable: failure.retryable,
    ...(failure.kind === undefined ? {} : { kind: failure.kind }),
    ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs })
  })

/**
 * Replaces every occurrence of the given secrets in a failure's reason. Reasons are built from our
 * own words and short server messages, so this should never fire; it is the last guard anyway.
 */
export const redactSecrets = (
  failure: TierFailure,
  secrets: ReadonlyArray<Redacted.Redacted<string>>
): TierFailure => {
  const reason = secrets
    .map(Redacted.value)
    .filter((s) => s.length > 0)
    .reduce((text, secret) => text.split(secret).join("<redacted>"), failure.reason)
  return reason === failure.reason ? failure : withReason(failure, reason)
}


const humanWait = (ms: number) => Duration.format(Duration.seconds(Math.ceil(ms / 1000)))

/** Spotify's error bodies: `{"error":{"status":..,"message":".."}}` (API) or `{"error":"..","error_description":".."}` (accounts). */
const ErrorBody = Schema.Struct({
  error: Schema.Union(
    Schema.Struct({ message: Schema.optional(Schema.String) }),
    Schema.String
  ),
  error_description: Schema.optional(Schema.String)
})

/** A short, printable explanation from an error body, or "" when there is none. */
const serverMessage = (response: HttpClientResponse.HttpClientResponse): Effect.Effect<string> =>
  response.json.pipe(
    Effect.flatMap(Schema.decodeUnknown(ErrorBody)),
    Effect.map((body) => {
      const parts =
        typeof body.error === "string"
          ? [body.error, body.error_description]
          : [body.error.message, body.error_description]
      const text = parts.filter((p): p is string => p !== undefined && p !== "").join(": ")
      return text.replace(/[^\p{L}\p{N} .,:;'()_-]/gu, "").slice(0, 160)
    }),
    Effect.orElseSucceed(() => "")
  )

const withMessage = (head: string, message: string) => (message === "" ? head : `${head} (${message})`)

export interface SendOptions {
  /** Says what was asked, for messages: "album search", "token request". Never holds a secret. */
  readonly what: string
  readonly timeout: Duration.DurationInput
}

/**
 * Sends one request (counted once), under a timeout, and decodes a 2xx body with `schema`.
 * 401 fails with `SpotifyUnauthorized`; 429 and 5xx with retryable failures; other statuses,
 * transport errors and bad payloads with the matching `TierFailure`.
 */
export const sendJson = <A, I>(
  request: HttpClientRequest.HttpClientRequest,
  schema: Schema.Schema<A, I>,
  options: SendOptions
): Effect.Effect<A, TierFailure | SpotifyUnauthorized, HttpClient.HttpClient> =>
  Effect.gen(function* () {
    const client = yield* HttpClient.HttpClient
    yield* countRequest
    const response = yield* client.execute(request).pipe(
      Effect.mapError((error) =>
        spotifyFailure(`network error during the ${options.what}: ${error.reason}${error.description ? ` (${error.description})` : ""}`, {
          retryable: true,
          kind: "network"
        })
      )
    )
    const status = response.status
    if (status === 401) {
      return yield* new SpotifyUnauthorized({ reason: withMessage(`401 from spotify for the ${options.what}`, yield* serverMessage(response)) })
    }
    if (status === 429) {
      const wait = parseRetryAfter(response.headers["retry-after"], Date.now())
      return yield* spotifyFailure(
        Option.match(wait, {
          onNone: () => `rate limited by spotify during the ${options.what}`,
          onSome: (ms) => `rate limited by spotify during the ${options.what}: it asks to wait ${humanWait(ms)}`
        }),
        { retryable: true, kind: "rate_limited", ...Option.match(wait, { onNone: () => ({}), onSome: (ms) => ({ retryAfterMs: ms }) }) }
      )
    }
    if (status >= 500) {
      return yield* spotifyFailure(withMessage(`${status} from spotify for the ${options.what}`, yield* serverMessage(response)), {
        retryable: true,
        kind: "server"
      })
    }
    if (status < 200 || status >= 300) {
      return yield* spotifyFailure(withMessage(`${status} from spotify for the ${options.what}`, yield* serverMessage(response)), {
        retryable: false
      })
    }
    const body = yield* response.json.pipe(
      Effect.mapError(() => spotifyFailure(`the ${options.what} answered with a body that is not JSON`, { retryable: false, kind: "bad_payload" }))
    )
    return yield* Schema.decodeUnknown(schema)(body).pipe(
      Effect.mapError((error) =>
        spotifyFailure(
          `unexpected payload from spotify for the ${options.what}: ${ParseResult.TreeFormatter.formatErrorSync(error).split("\n").slice(0, 4).join(" ").slice(0, 300)}`,
          { retryable: false, kind: "bad_payload" }
        )
      )
    )
  }).pipe(
    Effect.timeoutFail({
      duration: options.timeout,
      onTimeout: () =>
        spotifyFailure(`no answer from spotify within ${Duration.format(Duration.decode(options.timeout))} for the ${options.what}`, {
          retryable: true,
          kind: "timeout"
        })
    })
  )

/**
 * Retries retryable failures under the policy (jittered backoff, never sooner than `Retry-After`,
 * no waiting at all when `Retry-After` exceeds the policy's ceiling). A final failure after
 * several tries says how many; a wait above the ceiling says that Spotify is unavailable for now.
 */
export const retried =
  (policy: RetryPolicy) =>
  <A, R>(self: Effect.Effect<A, TierFailure, R>): Effect.Effect<A, TierFailure, R> =>
    Effect.gen(function* () {
      const tries = yield* Ref.make(0)
      const ceiling = Duration.toMillis(policy.maxRetryAfter)
      return yield* Ref.update(tries, (n) => n + 1).pipe(
        Effect.zipRight(self),
        withRetry(policy),
        Effect.catchAll((failure) =>
          Effect.flatMap(Ref.get(tries), (n) => {
            const tooLong = failure.retryAfterMs !== undefined && failure.retryAfterMs > ceiling
            const reason = tooLong
              ? `${failure.reason}, more than the ${humanWait(ceiling)} we wait: spotify is unavailable for now`
              : n > 1
                ? `${failure.reason} after ${n} tries`
                : failure.reason
            return Effect.fail(withReason(failure, reason))
          })
        )
      )
    })
