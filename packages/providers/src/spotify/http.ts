import { Data, Option, Redacted, Schema } from "effect"
import { TierFailure } from "@liner/core"
import type { JsonSource } from "../http/json-source.js"

/**
 * Spotify's side of the shared request discipline (`../http`): its error bodies, and a 401 that
 * means "fetch a new token" rather than a failure. Everything else is common.
 */

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

/** Spotify's error bodies: `{"error":{"status":..,"message":".."}}` (API) or `{"error":"..","error_description":".."}` (accounts). */
const ErrorBody = Schema.Struct({
  error: Schema.Union(Schema.Struct({ message: Schema.optional(Schema.String) }), Schema.String),
  error_description: Schema.optional(Schema.String)
})
const decodeErrorBody = Schema.decodeUnknownOption(ErrorBody)

/** Spotify as a JSON source: a 401 is `SpotifyUnauthorized` (the caller decides what it means). */
export const spotifySource: JsonSource<SpotifyUnauthorized> = {
  tier: spotifyTierName,
  errorMessage: (body) =>
    Option.getOrUndefined(
      Option.map(decodeErrorBody(body), (b) =>
        [typeof b.error === "string" ? b.error : b.error.message, b.error_description].filter((p): p is string => p !== undefined && p !== "").join(": ")
      )
    ),
  onStatus: (status, message, what) =>
    status === 401 ? new SpotifyUnauthorized({ reason: `401 from spotify for ${what}${message === "" ? "" : `: ${message}`}` }) : undefined
}
