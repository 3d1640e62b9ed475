import { Schema } from "effect"

export const AttemptOutcome = Schema.Literal("found", "not_found", "ambiguous", "failed", "skipped")
export type AttemptOutcome = typeof AttemptOutcome.Type

/**
 * Why a request or a whole tier failed. `network`: the connection broke (reset, closed mid-answer);
 * `unreachable`: the host cannot be resolved or refuses connections; `bad_payload`: the answer was
 * complete but not what was asked for (an HTML page, truncated JSON, an unexpected shape).
 */
export const FailureKind = Schema.Literal("network", "unreachable", "timeout", "rate_limited", "server", "bad_payload", "blocked", "unavailable")
export type FailureKind = typeof FailureKind.Type

/** What one tier did for one lookup: kept with the answer, stored, and fed to metrics. */
export const Attempt = Schema.Struct({
  tier: Schema.String,
  outcome: AttemptOutcome,
  durationMs: Schema.Number,
  requests: Schema.optional(Schema.Number),
  detail: Schema.optional(Schema.String),
  /** Why a failed attempt failed. */
  kind: Schema.optional(FailureKind),
  /** The kind of each request that failed on the way (retried, or the last one), in order. */
  failedTries: Schema.optional(Schema.Array(FailureKind))
})
export type Attempt = typeof Attempt.Type

const kindWords: Record<FailureKind, string> = {
  network: "lost the connection",
  unreachable: "could not connect",
  timeout: "timed out",
  rate_limited: "rate limited",
  server: "server error",
  bad_payload: "not the JSON asked for",
  blocked: "blocked",
  unavailable: "unavailable"
}

/** "2 timed out, 1 lost the connection": failed requests counted by kind, in order of first appearance. */
export const describeFailedTries = (kinds: ReadonlyArray<FailureKind>): string => {
  const counts = new Map<FailureKind, number>()
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1)
  return [...counts].map(([kind, n]) => `${n} ${kindWords[kind]}`).join(", ")
}
