import { Clock, type ConfigError, Effect, Option } from "effect"
import { enqueueQueueItem, markQueueItemAnswered } from "../store/queue-items.js"
import type { Store, StoreError } from "../store/store.js"
import { afterFailedTry } from "./next-attempt.js"
import type { QueueItem, QueueKind } from "./queue-item.js"
import { queueKeyOf, type QueueRequest } from "./queue-key.js"
import { queueStrategyConfig } from "./queue-settings.js"

/** How a lookup outside the queue ended, as far as the queue cares. */
export type LookupOutcome = "found" | "not_found" | "unavailable"

export type QueuedLookup = QueueRequest & {
  readonly outcome: LookupOutcome
  /** Why it failed (see `failureDetail`), for an `unavailable`. */
  readonly detail?: string | null | undefined
  /** The options it was asked with that change the answer (`scrape`, `force` for labels). */
  readonly options?: Readonly<Record<string, unknown>> | undefined
}

/** A label item whose track already carries a label (`labelKnown`): the adaptive strategy waits less. */
export const hasKnownLabel = (kind: QueueKind, query: unknown): boolean => {
  const known = kind === "label" && typeof query === "object" && query !== null ? (query as { readonly labelKnown?: unknown }).labelKnown : undefined
  return typeof known === "string" && known.trim() !== ""
}

const nowMs = Clock.currentTimeMillis

/**
 * Where every batch and the transcription-job stage hand their answers to the queue: a
 * `not_found` or `unavailable` enters it (counted as the item's first try, and waiting for its
 * next one), a `found` closes an item that was waiting for it. One item per (kind, key): asking
 * again never duplicates it nor uses up its tries.
 */
export const queueLookupOutcome = (lookup: QueuedLookup): Effect.Effect<void, StoreError | ConfigError.ConfigError, Store> =>
  Effect.gen(function* () {
    const now = yield* nowMs
    const nowIso = new Date(now).toISOString()
    const key = queueKeyOf(lookup)
    if (lookup.outcome === "found") return yield* markQueueItemAnswered({ kind: lookup.kind, key, now: nowIso })
    const strategy = yield* queueStrategyConfig
    const state = yield* afterFailedTry({
      outcome: lookup.outcome,
      attempts: { notFound: 0, unavailable: 0 },
      createdAt: nowIso,
      hasLabel: hasKnownLabel(lookup.kind, lookup.query),
      strategy,
      now
    })
    yield* enqueueQueueItem({
      kind: lookup.kind,
      key,
      query: lookup.query,
      options: lookup.options ?? {},
      now: nowIso,
      first: Option.some({ outcome: lookup.outcome, detail: lookup.detail ?? null, state })
    })
  }).pipe(Effect.asVoid)

/** `liner queue add`: queues a lookup by hand, due now (an item already queued becomes due now). */
export const addToQueue = (request: QueueRequest, options: Readonly<Record<string, unknown>> = {}): Effect.Effect<QueueItem, StoreError, Store> =>
  Effect.flatMap(nowMs, (now) =>
    enqueueQueueItem({ kind: request.kind, key: queueKeyOf(request), query: request.query, options, now: new Date(now).toISOString(), first: Option.none() })
  )
