import { Clock, type ConfigError, Duration, Effect } from "effect"
import { randomUUID } from "node:crypto"
import { hostname } from "node:os"
import { claimQueueItems, releaseQueueItems, settleQueueItem } from "../store/queue-items.js"
import type { Store, StoreError } from "../store/store.js"
import { hasKnownLabel } from "./enter-queue.js"
import { afterFailedTry } from "./next-attempt.js"
import type { QueueItem, QueueKind, QueueOutcome, QueueStatus } from "./queue-item.js"
import { queueLeaseConfig, queueStrategyConfig } from "./queue-settings.js"

/** What trying an item gave. */
export interface ItemAnswer {
  readonly outcome: QueueOutcome
  /** Why it failed (a source's error, an unreadable query); null otherwise. */
  readonly detail: string | null
  /** The lookup's own document (what the direct command prints). */
  readonly result: unknown
}

/** One item tried by a worker, and where that left it. */
export interface TriedItem {
  /** The item as it was claimed. */
  readonly item: QueueItem
  readonly answer: ItemAnswer
  /** `lost`: its lease ran out before the answer came, so nothing was recorded (another worker may hold it). */
  readonly status: Exclude<QueueStatus, "pending" | "in_progress"> | "lost"
  readonly nextAttemptAt: string | null
}

export interface QueueRunSummary {
  readonly tried: number
  readonly found: number
  readonly notFound: number
  readonly unavailable: number
  readonly invalid: number
  readonly permanentlyFailed: number
  readonly lost: number
}

export interface QueueRun<E, R> {
  readonly kinds: ReadonlyArray<QueueKind>
  /** At most this many items (default: every due one). */
  readonly limit?: number | undefined
  /** Items claimed at a time (default 1: a lease then covers one lookup, and workers share fairly). */
  readonly claimSize?: number | undefined
  /** This worker's id in leases (default: `newWorkerId()`). */
  readonly owner?: string | undefined
  /** Tries one item: the same cascade as the direct command, whose answer it stores as that would. */
  readonly answer: (item: QueueItem) => Effect.Effect<ItemAnswer, E, R>
  /** Called after each item is recorded (progress, printing). */
  readonly onTried?: ((tried: TriedItem) => Effect.Effect<void, E, R>) | undefined
}

/** A worker's id: host, process and a random part, so two runs in one process differ too. */
export const newWorkerId = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * A queue worker: claims due items (under a lease of `LINER_QUEUE_LEASE`), tries each, and records
 * where it leaves the item — `done`, `cooling_down` until its next try (`LINER_QUEUE_STRATEGY`), or
 * `permanently_failed` — until nothing is due or `limit` items were tried. Claimed items it did not
 * get to (interrupted, failed) are handed back at once rather than when their lease runs out.
 * Workers in several processes may share one store.
 */
export const runQueue = <E, R>(run: QueueRun<E, R>): Effect.Effect<QueueRunSummary, E | StoreError | ConfigError.ConfigError, R | Store> =>
  Effect.gen(function* () {
    const lease = yield* queueLeaseConfig
    const strategy = yield* queueStrategyConfig
    const owner = run.owner ?? newWorkerId()
    const limit = run.limit ?? Number.POSITIVE_INFINITY
    const claimSize = Math.max(1, run.claimSize ?? 1)
    const summary = { tried: 0, found: 0, notFound: 0, unavailable: 0, invalid: 0, permanentlyFailed: 0, lost: 0 }

    const tryItem = (item: QueueItem) =>
      Effect.gen(function* () {
        const answer = yield* run.answer(item)
        const now = yield* Clock.currentTimeMillis
        const next =
          answer.outcome === "found"
            ? { status: "done" as const, nextAttemptAt: null, attempts: item.attempts }
            : answer.outcome === "invalid"
              ? { status: "permanently_failed" as const, nextAttemptAt: null, attempts: item.attempts }
              : yield* afterFailedTry({ outcome: answer.outcome, attempts: item.attempts, createdAt: item.createdAt, hasLabel: hasKnownLabel(item.kind, item.query), strategy, now })
        const recorded = yield* settleQueueItem({ id: item.id, owner, now: iso(now), outcome: answer.outcome, detail: answer.detail, ...next })
        summary.tried++
        if (!recorded) summary.lost++
        else {
          if (answer.outcome === "found") summary.found++
          else if (answer.outcome === "not_found") summary.notFound++
          else if (answer.outcome === "unavailable") summary.unavailable++
          else summary.invalid++
          if (next.status === "permanently_failed") summary.permanentlyFailed++
        }
        if (run.onTried !== undefined) yield* run.onTried({ item, answer, status: recorded ? next.status : "lost", nextAttemptAt: recorded ? next.nextAttemptAt : null })
      })

    while (summary.tried < limit) {
      const now = yield* Clock.currentTimeMillis
      const claimed = yield* claimQueueItems({
        kinds: run.kinds,
        limit: Math.min(claimSize, limit - summary.tried),
        owner,
        now: iso(now),
        leaseUntil: iso(now + Duration.toMillis(lease))
      })
      if (claimed.length === 0) break
      const untried = new Set(claimed.map((item) => item.id))
      yield* Effect.forEach(claimed, (item) => tryItem(item).pipe(Effect.tap(() => untried.delete(item.id))), { discard: true }).pipe(
        Effect.ensuring(
          Effect.suspend(() =>
            untried.size === 0 ? Effect.void : Clock.currentTimeMillis.pipe(Effect.flatMap((at) => releaseQueueItems([...untried], owner, iso(at))), Effect.ignore)
          )
        )
      )
    }
    return summary as QueueRunSummary
  })
