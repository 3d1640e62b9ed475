import { Duration, Schedule } from "effect"

/** After this many `unavailable` tries an item is `permanently_failed`, with the last error. */
export const UNAVAILABLE_ATTEMPTS = 20

const ceiling = Duration.hours(6)

/**
 * When a lookup whose source failed (not the data) is tried again: minutes to hours, doubling
 * from one minute, jittered (Effect's ±20 %), at most six hours; these tries do not use up the
 * five `not_found` ones. The schedule ends at the twentieth.
 */
export const unavailableSchedule: Schedule.Schedule<unknown> = Schedule.exponential(Duration.minutes(1), 2).pipe(
  Schedule.jittered,
  Schedule.modifyDelay((_, delay) => Duration.min(delay, ceiling)),
  Schedule.intersect(Schedule.recurs(UNAVAILABLE_ATTEMPTS - 1))
)
