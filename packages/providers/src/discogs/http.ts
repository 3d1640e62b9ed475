import { Option, Redacted, Schema } from "effect"
import { TierFailure } from "@liner/core"
import type { JsonSource } from "../http/json-source.js"

/** Discogs' side of the shared request discipline (`../http`): its error bodies and its 401. */

export const discogsTierName = "discogs"

/** Discogs' error bodies: `{"message": "Release not found."}`. */
const ErrorBody = Schema.Struct({ message: Schema.String })
const decodeErrorBody = Schema.decodeUnknownOption(ErrorBody)

/** Discogs as a JSON source: a 401 is a token problem that retrying will not fix, and says so. */
export const discogsSource: JsonSource<never> = {
  tier: discogsTierName,
  errorMessage: (body) => Option.getOrUndefined(Option.map(decodeErrorBody(body), (b) => b.message)),
  onStatus: (status, message, what) =>
    status === 401
      ? new TierFailure({
          tier: discogsTierName,
          reason: `401 from discogs for ${what} (check LINER_DISCOGS_TOKEN)${message === "" ? "" : `: ${message}`}`,
          retryable: false
        })
      : undefined
}

/**
 * Replaces the token in a failure's reason. Reasons are built from our own words and short server
 * messages, so this should never fire; it is the last guard anyway.
 */
export const withoutToken = (failure: TierFailure, token: Redacted.Redacted<string>): TierFailure => {
  const secret = Redacted.value(token)
  if (secret === "" || !failure.reason.includes(secret)) return failure
  return new TierFailure({
    tier: failure.tier,
    reason: failure.reason.split(secret).join("<redacted>"),
    retryable: failure.retryable,
    ...(failure.kind === undefined ? {} : { kind: failure.kind }),
    ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs })
  })
}
