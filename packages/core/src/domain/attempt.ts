import { Schema } from "effect"

export const AttemptOutcome = Schema.Literal("found", "not_found", "ambiguous", "failed", "skipped")
export type AttemptOutcome = typeof AttemptOutcome.Type

/** What one tier did for one lookup: kept with the answer, stored, and fed to metrics. */
export const Attempt = Schema.Struct({
  tier: Schema.String,
  outcome: AttemptOutcome,
  durationMs: Schema.Number,
  requests: Schema.optional(Schema.Number),
  detail: Schema.optional(Schema.String)
})
export type Attempt = typeof Attempt.Type
