import { Duration, Effect, Schedule } from "effect"

/** A failure that knows whether a retry may help and how long the server asked us to wait. */
export interface RetryHint {
  readonly retryable: boolean
  readonly retryAfterMs?: number
  /** What went wrong, for `RetryPolicy.timesByKind` (a `FailureKind` for tier failures). */
  readonly kind?: string | undefined
}

export interface RetryPolicy {
  /** First backoff; it doubles each time, with jitter. */
  readonly base: Duration.DurationInput
  /** Retries after the first try. */
  readonly times: number
  /** A `Retry-After` longer than this is not waited for: the source is "unavailable now". */
  readonly maxRetryAfter: Duration.DurationInput
  /**
   * Fewer retries for some kinds of failure: no retry is made once this many retries are done
   * and the latest failure is of that kind (a host that refuses connections gets one quick
   * retry, an HTML page where JSON was expected one). Never more than `times`.
   */
  readonly timesByKind?: Readonly<Record<string, number>>
}

export const defaultRetryPolicy: RetryPolicy = { base: "500 millis", times: 3, maxRetryAfter: "60 seconds" }

/**
 * Exponential backoff with jitter, bounded by a count (and by `timesByKind`), never sooner than
 * the server's `Retry-After`, and only for retryable failures. A `Retry-After` above
 * `maxRetryAfter` stops the retries at once (a wait of hours means "try later", not a sleeping
 * process).
 */
export const retrySchedule = <E extends RetryHint>(policy: RetryPolicy): Schedule.Schedule<unknown, E> => {
  const ceiling = Duration.toMillis(policy.maxRetryAfter)
  const limitFor = (failure: E): number =>
    failure.kind === undefined ? policy.times : Math.min(policy.times, policy.timesByKind?.[failure.kind] ?? policy.times)
  return Schedule.exponential(policy.base).pipe(
    Schedule.jittered,
    Schedule.intersect(Schedule.recurs(policy.times)),
    Schedule.intersect(Schedule.identity<E>()),
    // `retriesDone` counts the retries already made (0 when the first try has just failed).
    Schedule.check((failure: E, [[, retriesDone]]) => failure.retryable && (failure.retryAfterMs ?? 0) <= ceiling && retriesDone < limitFor(failure)),
    Schedule.modifyDelay(([, failure], delay) =>
      Duration.max(delay, Duration.millis(failure.retryAfterMs ?? 0))
    )
  )
}

/** Retries `self` under the policy; the final failure is the last one seen. */
export const withRetry =
  (policy: RetryPolicy) =>
  <A, E extends RetryHint, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.retry(self, retrySchedule<E>(policy))
