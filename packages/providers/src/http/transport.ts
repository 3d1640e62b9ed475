import type { HttpClientError } from "@effect/platform"
import { TierFailure } from "@liner/core"

/**
 * Connection failures that say the host is not there at all: the name does not resolve, or
 * nothing listens (or may listen: fetch refuses some ports outright, "bad port"). Retrying them
 * like a busy server only wastes seconds per lookup; they get one quick retry.
 */
const unreachableCauses = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL", "bad port"])

/** What lies under a transport failure: a system error code (ENOTFOUND, ECONNREFUSED…), else the innermost message. */
export const underlyingCause = (error: unknown): string | undefined => {
  let innermost: string | undefined
  for (let current = error, depth = 0; typeof current === "object" && current !== null && depth < 6; depth++) {
    const { code, cause, errors, message } = current as { code?: unknown; cause?: unknown; errors?: unknown; message?: unknown }
    if (typeof code === "string" && code !== "UND_ERR_SOCKET") return code
    if (typeof message === "string" && message !== "") innermost = message
    // Happy-eyeballs connection attempts fail as an AggregateError of one error per address.
    current = cause ?? (Array.isArray(errors) ? errors[0] : undefined)
  }
  return innermost
}

/** The request never got an answer: `unreachable` when the host is not there, else a retryable `network` failure. */
export const transportFailure = (tier: string, host: string, error: HttpClientError.RequestError): TierFailure => {
  const cause = underlyingCause(error.cause) ?? error.description ?? error.reason
  return new TierFailure({
    tier,
    reason: `cannot reach ${tier} at ${host} (${cause})`,
    retryable: true,
    kind: unreachableCauses.has(cause) ? "unreachable" : "network"
  })
}
