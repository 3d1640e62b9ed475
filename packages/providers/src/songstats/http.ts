import { Data, Option, Redacted, Schema } from "effect"
import { TierFailure } from "@liner/core"
import type { JsonSource } from "../http/json-source.js"

/**
 * Songstats's side of the shared request discipline (`../http`): its error bodies
 * (`{"result": "error", "message": …}`), a 401 that means the key is wrong, a 404 with such a
 * body that means "no such entity" (an answer, not a failure). 429, 500, 502, 503 and 504 follow the common
 * rules (retried, never sooner than `Retry-After`).
 */

export const songstatsTierName = "songstats"

const withMessage = (head: string, message: string) => (message === "" ? head : `${head}: ${message}`)

/** Songstats has no such artist or track (404): an answer, cached like any other. */
export class SongstatsNotFound extends Data.TaggedError("SongstatsNotFound")<{ readonly what: string }> {}

/** Songstats refused the API key (401): every later call would be refused too, so the client stops asking. */
export class SongstatsKeyRefused extends Data.TaggedError("SongstatsKeyRefused")<{ readonly message: string }> {}

/** The failure a refused key is reported as: clear, and never retried. */
export const keyRefusedFailure = (refused: SongstatsKeyRefused): TierFailure =>
  new TierFailure({
    tier: songstatsTierName,
    reason: withMessage("invalid Songstats API key: Songstats refused LINER_SONGSTATS_API_KEY with 401", refused.message),
    retryable: false
  })

/** The statuses the official SDKs retry; any other status is final. */
const retriedStatuses = new Set([429, 500, 502, 503, 504])

/** Songstats's own error body; a 404 without one comes from elsewhere (a wrong base URL, a proxy). */
const ErrorBody = Schema.Struct({ result: Schema.Literal("error"), message: Schema.String })
const decodeErrorBody = Schema.decodeUnknownOption(ErrorBody)

/**
 * Whether an error body was Songstats's own: `message` is empty for a body that is not, except an
 * HTML page, which the shared discipline names as such (`../http/body.ts`).
 */
const isSongstatsMessage = (message: string) => message !== "" && !message.startsWith("an HTML page")

export const songstatsSource: JsonSource<SongstatsNotFound | SongstatsKeyRefused> = {
  tier: songstatsTierName,
  errorMessage: (body) => Option.getOrUndefined(Option.map(decodeErrorBody(body), (b) => b.message)),
  onStatus: (status, message, what) => {
    if (status === 401) return new SongstatsKeyRefused({ message })
    if (status === 404)
      return isSongstatsMessage(message)
        ? new SongstatsNotFound({ what })
        : new TierFailure({ tier: songstatsTierName, reason: `404 from songstats for ${what}, not a Songstats answer: is LINER_SONGSTATS_URL right?`, retryable: false })
    if (status >= 500 && !retriedStatuses.has(status))
      return new TierFailure({ tier: songstatsTierName, reason: withMessage(`${status} from songstats for ${what}`, message), retryable: false, kind: "server" })
    return undefined
  }
}

/** Every occurrence of `secret` in `text` replaced by `<redacted>`. */
export const withoutSecret = (text: string, secret: Redacted.Redacted<string>): string => {
  const value = Redacted.value(secret)
  return value === "" ? text : text.split(value).join("<redacted>")
}

/**
 * The same failure with the key taken out of its reason. Reasons are built from our own words and
 * short server messages, so this should never fire; a server that echoes the key is the case it
 * guards against.
 */
export const redactFailure = (failure: TierFailure, secret: Redacted.Redacted<string>): TierFailure => {
  const reason = withoutSecret(failure.reason, secret)
  return reason === failure.reason
    ? failure
    : new TierFailure({
        tier: failure.tier,
        reason,
        retryable: failure.retryable,
        ...(failure.kind === undefined ? {} : { kind: failure.kind }),
        ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
        ...(failure.requests === undefined ? {} : { requests: failure.requests })
      })
}

/** A JSON value with the key taken out of every string in it (keys of objects included). */
export const scrubSecret = (value: unknown, secret: Redacted.Redacted<string>): unknown => {
  if (typeof value === "string") return withoutSecret(value, secret)
  if (Array.isArray(value)) return value.map((item) => scrubSecret(item, secret))
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutSecret(k, secret), scrubSecret(v, secret)]))
  return value
}
