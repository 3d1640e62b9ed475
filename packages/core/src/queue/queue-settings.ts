import { Config, Duration } from "effect"

/**
 * When a `not_found` is tried again: `fixed` 90 days; `exponential` min(30 · 2^attempt, 365)
 * days; `adaptive` 90 days (60 when the track already has a label, 45 while the item is younger
 * than 30 days) × (1 + 0.5 · attempt), at most 365 days.
 */
export type QueueStrategy = "fixed" | "exponential" | "adaptive"

/** `LINER_QUEUE_STRATEGY`: fixed, exponential or adaptive (the default). */
export const queueStrategyConfig: Config.Config<QueueStrategy> = Config.literal("fixed", "exponential", "adaptive")("LINER_QUEUE_STRATEGY").pipe(
  Config.withDefault("adaptive" as const)
)

/** How long a worker holds the items it claimed before they return to `pending`. */
export const defaultQueueLease = Duration.minutes(10)

/** `LINER_QUEUE_LEASE`: a duration such as "10 minutes" (the default) or "90 seconds". */
export const queueLeaseConfig: Config.Config<Duration.Duration> = Config.duration("LINER_QUEUE_LEASE").pipe(
  Config.validate({ message: "LINER_QUEUE_LEASE must be a duration above zero, such as \"10 minutes\"", validation: (d) => Duration.toMillis(d) > 0 }),
  Config.withDefault(defaultQueueLease)
)
