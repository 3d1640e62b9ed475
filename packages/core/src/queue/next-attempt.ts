import { Duration, Effect, Option } from "effect"
import { delayAfter } from "./schedule-delay.js"
import { type NotFoundFacts, notFoundSchedule } from "./not-found-schedule.js"
import type { QueueStrategy } from "./queue-settings.js"
import { unavailableSchedule } from "./unavailable-schedule.js"

/** An item "younger than 30 days" gets the adaptive strategy's shortest wait. */
const youngFor = Duration.days(30)

/** Where an item stands after a try that did not answer. */
export interface FailedState {
  readonly status: "cooling_down" | "permanently_failed"
  /** null when it failed permanently. */
  readonly nextAttemptAt: string | null
  readonly attempts: { readonly notFound: number; readonly unavailable: number }
}

export interface FailedTry {
  readonly outcome: "not_found" | "unavailable"
  /** The item's tries before this one. */
  readonly attempts: { readonly notFound: number; readonly unavailable: number }
  /** When the item entered the queue (ISO 8601). */
  readonly createdAt: string
  /** A label item whose track already carries a label. */
  readonly hasLabel: boolean
  readonly strategy: QueueStrategy
  /** When the try ended (epoch ms). */
  readonly now: number
}

/**
 * Counts the try and says when the item comes back: a `not_found` on the strategy's schedule
 * (days, jittered, five at most), an `unavailable` on the short one (minutes to hours, twenty at
 * most). Each kind counts only its own tries.
 */
export const afterFailedTry = (failed: FailedTry): Effect.Effect<FailedState> =>
  Effect.gen(function* () {
    const notFound = failed.outcome === "not_found"
    const done = notFound ? failed.attempts.notFound : failed.attempts.unavailable
    const facts: NotFoundFacts = { hasLabel: failed.hasLabel, young: failed.now - Date.parse(failed.createdAt) < Duration.toMillis(youngFor) }
    const delay = yield* delayAfter(notFound ? notFoundSchedule(failed.strategy, facts) : unavailableSchedule, done, failed.now)
    const attempts = {
      notFound: failed.attempts.notFound + (notFound ? 1 : 0),
      unavailable: failed.attempts.unavailable + (notFound ? 0 : 1)
    }
    return Option.match(delay, {
      onNone: () => ({ status: "permanently_failed" as const, nextAttemptAt: null, attempts }),
      onSome: (d) => ({ status: "cooling_down" as const, nextAttemptAt: new Date(failed.now + Duration.toMillis(d)).toISOString(), attempts })
    })
  })
