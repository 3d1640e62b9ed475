import { HttpClient, type HttpClientRequest, type HttpClientResponse } from "@effect/platform"
import { Duration, Effect, Either, Option, ParseResult, Schema } from "effect"
import { countRequest, parseRetryAfter, TierFailure } from "@liner/core"
import { errorBodyMessage, parseJson, readBody } from "./body.js"
import type { JsonSource } from "./json-source.js"
import { transportFailure } from "./transport.js"

export interface SendOptions {
  /** Names what was asked, for messages: "url", "release/<mbid>", "the album search". Never holds a secret. */
  readonly what: string
  /** The request (body included) is abandoned after this long: a retryable `timeout`. */
  readonly timeout: Duration.DurationInput
}

const withMessage = (head: string, message: string) => (message === "" ? head : `${head}: ${message}`)

/**
 * The common reading of a status that is not 2xx, after the source's own rules: 429 and 503 are
 * "rate limited" (retried, never sooner than `Retry-After`), other 5xx a retryable server error,
 * other 4xx a refusal that retrying will not change.
 */
const statusFailure = <E>(
  source: JsonSource<E>,
  response: HttpClientResponse.HttpClientResponse,
  what: string
): Effect.Effect<never, E | TierFailure> =>
  Effect.gen(function* () {
    const status = response.status
    const text = yield* Effect.orElseSucceed(response.text, () => "")
    const message = errorBodyMessage(text, response.headers["content-type"], source.errorMessage)
    const own = source.onStatus?.(status, message, what)
    if (own !== undefined) return yield* Effect.fail(own)
    const tier = source.tier
    const wait = parseRetryAfter(response.headers["retry-after"], Date.now())
    const waitHint = Option.match(wait, { onNone: () => ({}), onSome: (ms) => ({ retryAfterMs: ms }) })
    if (status === 429 || status === 503)
      return yield* Effect.fail(new TierFailure({ tier, reason: `${status} from ${tier}`, retryable: true, kind: "rate_limited", ...waitHint }))
    if (status >= 500)
      return yield* Effect.fail(new TierFailure({ tier, reason: withMessage(`${status} from ${tier}`, message), retryable: true, kind: "server", ...waitHint }))
    return yield* Effect.fail(new TierFailure({ tier, reason: withMessage(`${status} from ${tier} for ${what}`, message), retryable: false }))
  })

/**
 * One request under the shared discipline, counted once: send; a status that is not 2xx becomes
 * the source's or the common failure; the whole body is read (a failed read is `network`, retried);
 * then parsed (a complete body that is not JSON is `bad_payload`, named for what arrived, and
 * retried once by `retried`); then decoded with `schema` (a payload of the wrong shape is
 * `bad_payload`, final). All of it under `timeout`.
 */
export const sendJson = <A, I, E = never>(
  source: JsonSource<E>,
  request: HttpClientRequest.HttpClientRequest,
  schema: Schema.Schema<A, I>,
  options: SendOptions
): Effect.Effect<A, TierFailure | E, HttpClient.HttpClient> => {
  const tier = source.tier
  const host = new URL(request.url).host
  return Effect.gen(function* () {
    const client = yield* HttpClient.HttpClient
    yield* countRequest
    const response = yield* client.execute(request).pipe(
      Effect.catchTag("RequestError", (error) => Effect.fail(transportFailure(tier, host, error))),
      Effect.catchTag("ResponseError", (error) =>
        Effect.fail(new TierFailure({ tier, reason: `${tier} answered ${options.what} with an unreadable response (${error.reason})`, retryable: true, kind: "network" }))
      )
    )
    if (response.status < 200 || response.status >= 300) return yield* statusFailure(source, response, options.what)
    const text = yield* readBody(tier, options.what, response)
    const body = parseJson(text, response.headers["content-type"])
    if (Either.isLeft(body))
      return yield* Effect.fail(new TierFailure({ tier, reason: `${tier} answered ${options.what} with ${body.left}`, retryable: true, kind: "bad_payload" }))
    return yield* Schema.decodeUnknown(schema)(body.right).pipe(
      Effect.mapError(
        (error) =>
          new TierFailure({
            tier,
            reason: `unexpected payload from ${tier} for ${options.what}: ${ParseResult.TreeFormatter.formatErrorSync(error).split("\n").slice(0, 4).join(" ").slice(0, 300)}`,
            retryable: false,
            kind: "bad_payload"
          })
      )
    )
  }).pipe(
    Effect.timeoutFail({
      duration: options.timeout,
      onTimeout: () =>
        new TierFailure({ tier, reason: `no answer from ${tier} within ${Duration.format(Duration.decode(options.timeout))}`, retryable: true, kind: "timeout" })
    })
  )
}
