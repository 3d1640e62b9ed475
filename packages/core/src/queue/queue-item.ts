import { Schema } from "effect"

/**
 * What a queued lookup asks: a film's soundtrack, a DJ track's label, or the artist of an unknown
 * track (`identify`: accepted and stored; `liner identify` answers it once it exists).
 */
export const QueueKind = Schema.Literal("soundtrack", "label", "identify")
export type QueueKind = typeof QueueKind.Type

/**
 * `pending` (due now) → `in_progress` (claimed by a worker, under a lease) → `done` |
 * `cooling_down` (waiting for `nextAttemptAt`) | `permanently_failed` (kept, with its history).
 */
export const QueueStatus = Schema.Literal("pending", "in_progress", "done", "cooling_down", "permanently_failed")
export type QueueStatus = typeof QueueStatus.Type

/**
 * How a try ended: answered, answered "not here" by every source, a source failed, or the stored
 * query cannot be read any more (it never will be: the item fails permanently).
 */
export const QueueOutcome = Schema.Literal("found", "not_found", "unavailable", "invalid")
export type QueueOutcome = typeof QueueOutcome.Type

/** One try of an item, as its history keeps it. */
export interface QueueHistoryEntry {
  readonly at: string
  readonly outcome: QueueOutcome
  readonly detail: string | null
}

/** A queued lookup. Timestamps are ISO 8601, UTC. */
export interface QueueItem {
  readonly id: number
  readonly kind: QueueKind
  /** The query's key: one item per (kind, key). */
  readonly key: string
  /** The query as the matching command takes it (a `FilmQuery`, a `LabelQuery`, …). */
  readonly query: unknown
  /** The options it was asked with that change the answer (`scrape`, `force` for labels). */
  readonly options: Readonly<Record<string, unknown>>
  readonly status: QueueStatus
  /** Tries that ended `not_found` (at most five) and `unavailable` (at most twenty). */
  readonly attempts: { readonly notFound: number; readonly unavailable: number }
  readonly lastOutcome: QueueOutcome | null
  /** The last failure's message (a source that failed, a query that cannot be read). */
  readonly lastError: string | null
  /** When it is due; null once nothing more will be tried (`done`, `permanently_failed`). */
  readonly nextAttemptAt: string | null
  readonly createdAt: string
  readonly updatedAt: string
  /** The worker holding it and until when (`in_progress` only). */
  readonly leaseOwner: string | null
  readonly leaseUntil: string | null
}
