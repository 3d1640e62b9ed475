import { Cause, Duration, Effect, Option, Ref } from "effect"
import { type Attempt, describeFailedTries, type FailureKind } from "../domain/attempt.js"
import { RequestMeter } from "./request-meter.js"
import { type Answer, FailedTries, type Found, type Tier, TierFailure } from "./tier.js"

export interface CascadeStep<Q, A, R> {
  readonly tier: Tier<Q, A, R>
  /**
   * The whole tier, retries included, is abandoned after this long. Tiers that only read the
   * store go without: SQLite's busy timeout bounds them, and a timer cannot interrupt a
   * synchronous SQLite call anyway (it would only cost a fiber per lookup).
   */
  readonly timeout?: Duration.DurationInput
}

export interface TierHit<A> {
  readonly tier: string
  readonly found: Found<A>
}

export interface CascadeOutcome<A> {
  readonly hit: Option.Option<TierHit<A>>
  readonly attempts: ReadonlyArray<Attempt>
  /** Failures of tiers that could not answer: with no hit they make the result "unavailable". */
  readonly failures: ReadonlyArray<TierFailure>
}

const outcomeOf = (answer: Answer<unknown>): Attempt["outcome"] => {
  switch (answer._tag) {
    case "Found":
      return "found"
    case "NotFound":
      return "not_found"
    case "Ambiguous":
      return "ambiguous"
    case "Skipped":
      return "skipped"
  }
}

const detailOf = (answer: Answer<unknown>): string | undefined => {
  switch (answer._tag) {
    case "Found":
      return undefined
    case "Ambiguous":
      return (
        answer.detail ??
        `too close to call: ${answer.candidates
          .slice(0, 3)
          .map((c) => `${c.label} (${c.score.toFixed(2)})`)
          .join(", ")}`
      )
    default:
      return answer.detail
  }
}

/** The cascade moves on after a miss or a failure. */
class NextTier {
  readonly _tag = "NextTier"
}

/** "after 2 failed tries: 1 timed out, 1 lost the connection", or "" when nothing failed. */
const triesNote = (failedTries: ReadonlyArray<FailureKind>): string =>
  failedTries.length === 0 ? "" : `after ${failedTries.length} failed ${failedTries.length === 1 ? "try" : "tries"}: ${describeFailedTries(failedTries)}`

/**
 * Runs one tier under its timeout with a fresh request meter and failed-try log, and records
 * its attempt. Succeeds with the hit; fails with NextTier when the tier had nothing or could not
 * answer.
 */
const runStep = <Q, A, R>(
  step: CascadeStep<Q, A, R>,
  query: Q,
  attempts: Ref.Ref<ReadonlyArray<Attempt>>,
  failures: Ref.Ref<ReadonlyArray<TierFailure>>
): Effect.Effect<TierHit<A>, NextTier, R> =>
  Effect.gen(function* () {
    const meter = yield* Ref.make(0)
    const failedTriesLog = yield* Ref.make<ReadonlyArray<FailureKind>>([])
    const timeout = step.timeout
    const bounded =
      timeout === undefined
        ? step.tier.lookup(query)
        : step.tier.lookup(query).pipe(
            Effect.timeout(timeout),
            // The budget ran out while the tier was still trying: say what its requests went through.
            Effect.catchIf(Cause.isTimeoutException, () =>
              Effect.flatMap(Ref.get(failedTriesLog), (failedTries) => {
                const note = triesNote(failedTries)
                return Effect.fail(
                  new TierFailure({
                    tier: step.tier.name,
                    reason: `no answer within ${Duration.format(Duration.decode(timeout))}${note === "" ? "" : ` (${note})`}`,
                    retryable: true,
                    kind: "timeout"
                  })
                )
              })
            )
          )
    const [elapsed, result] = yield* bounded.pipe(
      Effect.either,
      Effect.provideService(RequestMeter, meter),
      Effect.provideService(FailedTries, failedTriesLog),
      Effect.timed
    )
    const requests = yield* Ref.get(meter)
    const failedTries = yield* Ref.get(failedTriesLog)
    const base = { tier: step.tier.name, durationMs: Math.round(Duration.toMillis(elapsed)) }
    const counted = requests > 0 ? { requests } : {}
    const tried = failedTries.length > 0 ? { failedTries } : {}
    if (result._tag === "Left") {
      const failure = result.left
      yield* Ref.update(failures, (all) => [...all, failure])
      yield* Ref.update(attempts, (all) => [
        ...all,
        { ...base, outcome: "failed" as const, ...counted, detail: failure.reason, ...(failure.kind === undefined ? {} : { kind: failure.kind }), ...tried }
      ])
      return yield* Effect.fail(new NextTier())
    }
    const answer = result.right
    // A tier that answered after retries says so, unless it has its own detail to give.
    const detail = detailOf(answer) ?? (triesNote(failedTries) || undefined)
    yield* Ref.update(attempts, (all) => [
      ...all,
      { ...base, outcome: outcomeOf(answer), ...counted, ...(detail === undefined ? {} : { detail }), ...tried }
    ])
    if (answer._tag !== "Found") return yield* Effect.fail(new NextTier())
    return { tier: step.tier.name, found: answer }
  })

/**
 * Runs tiers in order, composed with `Effect.orElse`: the next tier runs when the previous one
 * found nothing or failed. Never fails: misses and failures are in the outcome.
 */
export const runCascade = <Q, A, R>(
  steps: ReadonlyArray<CascadeStep<Q, A, R>>,
  query: Q
): Effect.Effect<CascadeOutcome<A>, never, R> =>
  Effect.gen(function* () {
    const attempts = yield* Ref.make<ReadonlyArray<Attempt>>([])
    const failures = yield* Ref.make<ReadonlyArray<TierFailure>>([])
    const chain = steps.reduce<Effect.Effect<TierHit<A>, NextTier, R>>(
      (previous, step) => previous.pipe(Effect.orElse(() => runStep(step, query, attempts, failures))),
      Effect.fail(new NextTier())
    )
    const hit = yield* Effect.option(chain)
    return { hit, attempts: yield* Ref.get(attempts), failures: yield* Ref.get(failures) }
  })

/** An attempt for a tier the cascade did not run at all (e.g. turned off by configuration). */
export const skippedAttempt = (tier: string, detail: string): Attempt => ({ tier, outcome: "skipped", durationMs: 0, detail })
