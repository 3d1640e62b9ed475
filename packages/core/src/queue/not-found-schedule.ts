import { Duration, Schedule } from "effect"
import type { QueueStrategy } from "./queue-settings.js"

/** After this many `not_found` tries an item is `permanently_failed`. */
export const NOT_FOUND_ATTEMPTS = 5

/** The longest wait before jitter. */
const ceiling = Duration.days(365)
/** Jitter never brings a wait below a day. */
const floor = Duration.days(1)
/** ±10 %, drawn per item, so that a thousand misses of one day do not all return on one morning. */
export const NOT_FOUND_JITTER = { min: 0.9, max: 1.1 } as const

/** What the adaptive strategy looks at. */
export interface NotFoundFacts {
  /** The track already carries a label: the label is likely to turn up sooner. */
  readonly hasLabel: boolean
  /** The item entered the queue less than 30 days ago: new things get catalogued quickly. */
  readonly young: boolean
}

/** The adaptive strategy's base: 90 days, 60 with a label, 45 while young. */
export const adaptiveBase = (facts: NotFoundFacts): Duration.Duration =>
  Duration.days(facts.young ? 45 : facts.hasLabel ? 60 : 90)

/** The strategy's delays before jitter, one per `not_found` (attempt 0 first). */
const strategyDelays = (strategy: QueueStrategy, facts: NotFoundFacts): Schedule.Schedule<unknown> => {
  switch (strategy) {
    case "fixed":
      return Schedule.spaced(Duration.days(90))
    case "exponential":
      return Schedule.exponential(Duration.days(30), 2)
    case "adaptive": {
      const base = adaptiveBase(facts)
      return Schedule.forever.pipe(Schedule.addDelay((attempt) => Duration.times(base, 1 + 0.5 * attempt)))
    }
  }
}

/**
 * When a `not_found` is tried again: the strategy's delay, at most 365 days, then jittered ±10 %
 * and never under a day; the schedule ends (the item fails permanently) at the fifth `not_found`.
 */
export const notFoundSchedule = (strategy: QueueStrategy, facts: NotFoundFacts): Schedule.Schedule<unknown> =>
  strategyDelays(strategy, facts).pipe(
    Schedule.modifyDelay((_, delay) => Duration.min(delay, ceiling)),
    Schedule.jitteredWith(NOT_FOUND_JITTER),
    Schedule.modifyDelay((_, delay) => Duration.max(delay, floor)),
    Schedule.intersect(Schedule.recurs(NOT_FOUND_ATTEMPTS - 1))
  )
