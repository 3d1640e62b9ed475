import { Duration, Effect, Ref, Schedule } from "effect"
import { describeFailedTries, type FailureKind, recordFailedTry, type RetryHint, type RetryPolicy, retrySchedule, TierFailure } from "@liner/core"
import type { HostHealth } from "./host-health.js"

/**
 * Retries for the shared discipline, on top of the policy's: a host that is not there (does not
 * resolve, refuses connections) gets one quick retry, and so does an answer that is not JSON at
 * all (an HTML page from a proxy, truncated JSON): a second one means it is no accident.
 */
export const disciplineRetries: Readonly<Partial<Record<FailureKind, number>>> = { unreachable: 1, bad_payload: 1 }

export interface RetriedOptions {
  readonly policy: RetryPolicy
  /** The tier whose failures these are. */
  readonly tier: string
  /** The host asked (`musicbrainz.org`, `127.0.0.1:5000`), for the unreachable-host memory. */
  readonly host: string
  /** Where the client remembers hosts found unreachable; without it every call tries again. */
  readonly health?: HostHealth
}

const isTierFailure = (e: unknown): e is TierFailure => e instanceof TierFailure

const humanWait = (ms: number) => Duration.format(Duration.seconds(Math.ceil(ms / 1000)))

const withReason = (failure: TierFailure, reason: string): TierFailure =>
  new TierFailure({
    tier: failure.tier,
    reason,
    retryable: failure.retryable,
    ...(failure.kind === undefined ? {} : { kind: failure.kind }),
    ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs })
  })

/** The last failure's reason, plus how many tries it took and, when they differ or timed out, what each kind of try met. */
const finalReason = (last: TierFailure, tries: number, failed: ReadonlyArray<FailureKind>, ceilingMs: number): string => {
  if (last.retryAfterMs !== undefined && last.retryAfterMs > ceilingMs)
    return `${last.reason}: it asks to wait ${humanWait(last.retryAfterMs)}, more than the ${humanWait(ceilingMs)} we wait: ${last.tier} is unavailable for now`
  if (tries <= 1) return last.reason
  const mixed = failed.some((kind) => kind !== failed[0]) || failed.includes("timeout")
  return `${last.reason} after ${tries} tries${mixed ? ` (${describeFailedTries(failed)})` : ""}`
}

const clockTime = (ms: number) => `${new Date(ms).toISOString().slice(11, 19)} UTC`

/**
 * Runs `once` (one request, paced or authorised as the client needs) under the policy: retryable
 * `TierFailure`s are retried with jittered exponential backoff, never sooner than `Retry-After`,
 * fewer times for the kinds in `disciplineRetries`; other errors (a source's own "not found")
 * pass through untouched. Each failed try is recorded for the attempt. The final failure says
 * how many tries it took. A host found unreachable is remembered in `health`, and later calls
 * fail at once without connecting.
 */
export const retried =
  (options: RetriedOptions) =>
  <A, E, R>(once: Effect.Effect<A, TierFailure | E, R>): Effect.Effect<A, TierFailure | E, R> =>
    Effect.gen(function* () {
      const { health, host, tier } = options
      if (health !== undefined) {
        const down = yield* health.downSince(host)
        if (down._tag === "Some")
          return yield* Effect.fail(
            new TierFailure({
              tier,
              reason: `${down.value.why} since ${clockTime(down.value.since)}; not asked again in this run`,
              retryable: true,
              kind: "unreachable"
            })
          )
      }
      const policy: RetryPolicy = { ...options.policy, timesByKind: { ...disciplineRetries, ...options.policy.timesByKind } }
      const ceilingMs = Duration.toMillis(policy.maxRetryAfter)
      const notRetried: RetryHint = { retryable: false }
      const schedule = retrySchedule<RetryHint>(policy).pipe(Schedule.mapInput((e: TierFailure | E) => (isTierFailure(e) ? e : notRetried)))
      const tries = yield* Ref.make(0)
      const failed = yield* Ref.make<ReadonlyArray<FailureKind>>([])
      const recorded = Ref.update(tries, (n) => n + 1).pipe(
        Effect.zipRight(once),
        Effect.tapError((e) => {
          const kind = isTierFailure(e) ? e.kind : undefined
          return kind === undefined ? Effect.void : Ref.update(failed, (all) => [...all, kind]).pipe(Effect.zipRight(recordFailedTry(kind)))
        })
      )
      return yield* recorded.pipe(
        Effect.retry(schedule),
        Effect.catchIf(isTierFailure, (last) =>
          Effect.gen(function* () {
            const reason = finalReason(last, yield* Ref.get(tries), yield* Ref.get(failed), ceilingMs)
            if (last.kind === "unreachable" && health !== undefined) yield* health.markDown(host, last.reason)
            return yield* Effect.fail(withReason(last, reason))
          })
        )
      )
    })
