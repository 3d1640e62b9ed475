import { Context, Data, Effect, Ref } from "effect"
import type { FailureKind } from "../domain/attempt.js"

export type Risk = "local" | "api" | "scrape"

/** A tier found the thing: the value, how it matched and how sure it is (0..1). */
export interface Found<A> {
  readonly _tag: "Found"
  readonly value: A
  readonly matchedBy: string
  readonly confidence: number
}

/** A candidate that a tier considered, kept to explain an "ambiguous" answer. */
export interface Candidate {
  readonly label: string
  readonly score: number
}

/**
 * What a tier answered. The architecture sketches `Option<Found<A>>`; "not found" is split
 * here into its three honest forms so the attempt can say which: nothing there, too close to
 * call (precision over recall), or not asked at all (tier off, no credentials).
 */
export type Answer<A> =
  | Found<A>
  | { readonly _tag: "NotFound"; readonly detail?: string }
  | { readonly _tag: "Ambiguous"; readonly candidates: ReadonlyArray<Candidate>; readonly detail?: string }
  | { readonly _tag: "Skipped"; readonly detail: string }

export const Answer = {
  found: <A>(value: A, matchedBy: string, confidence: number): Answer<A> => ({ _tag: "Found", value, matchedBy, confidence }),
  notFound: (detail?: string): Answer<never> => (detail === undefined ? { _tag: "NotFound" } : { _tag: "NotFound", detail }),
  ambiguous: (candidates: ReadonlyArray<Candidate>, detail?: string): Answer<never> =>
    detail === undefined ? { _tag: "Ambiguous", candidates } : { _tag: "Ambiguous", candidates, detail },
  skipped: (detail: string): Answer<never> => ({ _tag: "Skipped", detail })
}

/**
 * A tier could not answer: network, rate limit, timeout, bad payload, blocked by a bot check.
 * `retryable` says whether trying again later may help; `retryAfterMs` is the server's wish.
 */
export class TierFailure extends Data.TaggedError("TierFailure")<{
  readonly tier: string
  readonly reason: string
  readonly retryable: boolean
  readonly retryAfterMs?: number
  /** HTTP requests spent before giving up. */
  readonly requests?: number
  /** `blocked`: a bot check or challenge page stood in the way (never read as "not found"). */
  readonly kind?: FailureKind
}> {
  override get message(): string {
    return `${this.tier}: ${this.reason}`
  }
}

/** A named source of answers with a risk class, cheapest and safest first. */
export interface Tier<Q, A, R = never> {
  readonly name: string
  readonly risk: Risk
  readonly lookup: (query: Q) => Effect.Effect<Answer<A>, TierFailure, R>
}

/**
 * The kinds of the requests that failed during one tier run, in order, retried ones included.
 * The cascade gives each tier run its own, so the attempt can say what went wrong on the way
 * even when a retry then got the answer; clients call `recordFailedTry`, which does nothing
 * outside a cascade.
 */
export class FailedTries extends Context.Tag("@liner/core/FailedTries")<FailedTries, Ref.Ref<ReadonlyArray<FailureKind>>>() {}

export const recordFailedTry = (kind: FailureKind): Effect.Effect<void> =>
  Effect.serviceOption(FailedTries).pipe(
    Effect.flatMap((log) => (log._tag === "Some" ? Ref.update(log.value, (all) => [...all, kind]) : Effect.void))
  )
