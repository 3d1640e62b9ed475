/**
 * The cool-down queue's rows (see `queue/`): add or update by (kind, key), claim due items under a
 * lease, settle a try, retry, drop, list and count. Every write is one transaction of the store's
 * writer (`begin immediate`), so workers in several processes share one file safely.
 */
import { Effect, type Option } from "effect"
import type { Kysely, Selectable, SelectQueryBuilder, Transaction } from "kysely"
import type { FailedState } from "../queue/next-attempt.js"
import type { QueueHistoryEntry, QueueItem, QueueKind, QueueOutcome, QueueStatus } from "../queue/queue-item.js"
import type { Database, QueueItemTable } from "./database.js"
import { dialectOf } from "./dialect.js"
import { type Store, type StoreError, withDb } from "./store.js"

type Row = Selectable<QueueItemTable>

/** A held item whose lease ran out is pending again: its worker is gone. */
const leaseExpired = (row: Pick<Row, "status" | "lease_until">, now: string) =>
  row.status === "in_progress" && row.lease_until !== null && row.lease_until <= now

const itemOf = (row: Row, now?: string): QueueItem => {
  const expired = now !== undefined && leaseExpired(row, now)
  return {
    id: row.id,
    kind: row.kind as QueueKind,
    key: row.key,
    query: JSON.parse(row.query) as unknown,
    options: JSON.parse(row.options) as Record<string, unknown>,
    status: expired ? "pending" : (row.status as QueueStatus),
    attempts: { notFound: row.not_found_attempts, unavailable: row.unavailable_attempts },
    lastOutcome: row.last_outcome as QueueOutcome | null,
    lastError: row.last_error,
    nextAttemptAt: expired ? row.lease_until : row.next_attempt_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    leaseOwner: expired ? null : row.lease_owner,
    leaseUntil: expired ? null : row.lease_until
  }
}

const addHistory = (trx: Transaction<Database>, itemId: number, entry: QueueHistoryEntry) =>
  trx.insertInto("queue_history").values({ item_id: itemId, at: entry.at, outcome: entry.outcome, detail: entry.detail }).execute()

/** The try that brought an item to the queue (a batch's or the stage's answer), counted as its first. */
export interface FirstTry {
  readonly outcome: "not_found" | "unavailable"
  readonly detail: string | null
  /** Where a fresh item stands after it (see `afterFailedTry`). */
  readonly state: FailedState
}

export interface QueueEntry {
  readonly kind: QueueKind
  readonly key: string
  readonly query: unknown
  readonly options: Readonly<Record<string, unknown>>
  readonly now: string
  /** None: asked for by hand (`liner queue add`), due now. */
  readonly first: Option.Option<FirstTry>
}

/**
 * Adds an item, or updates the one already queued for (kind, key): never a second row. The query
 * and options are replaced by the latest. A lookup's answer counts as a try only for a new item
 * (or one that was `done` and failed again: a new round); an item already waiting keeps its
 * schedule, so asking again in a batch never uses up its tries. Asked for by hand, an item that
 * is not held by a worker becomes due now (a `done` one starts a new round).
 */
export const enqueueQueueItem = (entry: QueueEntry): Effect.Effect<QueueItem, StoreError, Store> =>
  withDb("cannot queue the lookup", (db) =>
    db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom("queue_items").selectAll().where("kind", "=", entry.kind).where("key", "=", entry.key).executeTakeFirst()
      const common = { query: JSON.stringify(entry.query), options: JSON.stringify(entry.options), updated_at: entry.now }
      const fresh =
        entry.first._tag === "Some"
          ? {
              status: entry.first.value.state.status,
              not_found_attempts: entry.first.value.state.attempts.notFound,
              unavailable_attempts: entry.first.value.state.attempts.unavailable,
              last_outcome: entry.first.value.outcome,
              last_error: entry.first.value.outcome === "unavailable" ? entry.first.value.detail : null,
              next_attempt_at: entry.first.value.state.nextAttemptAt
            }
          : { status: "pending", not_found_attempts: 0, unavailable_attempts: 0, last_outcome: null, last_error: null, next_attempt_at: entry.now }
      let id: number
      let counted = entry.first._tag === "Some"
      if (existing === undefined) {
        const inserted = await trx
          .insertInto("queue_items")
          .values({ kind: entry.kind, key: entry.key, ...common, ...fresh, created_at: entry.now, lease_owner: null, lease_until: null })
          .returning("id")
          .executeTakeFirstOrThrow()
        id = inserted.id
      } else {
        id = existing.id
        const held = existing.status === "in_progress" && !leaseExpired(existing, entry.now)
        if (existing.status === "done") {
          await trx.updateTable("queue_items").set({ ...common, ...fresh, lease_owner: null, lease_until: null }).where("id", "=", id).execute()
        } else if (entry.first._tag === "None" && !held) {
          await trx.updateTable("queue_items").set({ ...common, status: "pending", next_attempt_at: entry.now, lease_owner: null, lease_until: null }).where("id", "=", id).execute()
        } else {
          counted = false
          await trx.updateTable("queue_items").set(common).where("id", "=", id).execute()
        }
      }
      if (counted && entry.first._tag === "Some") await addHistory(trx, id, { at: entry.now, outcome: entry.first.value.outcome, detail: entry.first.value.detail })
      return itemOf(await trx.selectFrom("queue_items").selectAll().where("id", "=", id).executeTakeFirstOrThrow(), entry.now)
    })
  )

/**
 * A lookup outside the queue answered an item's query (a batch found the film): the item is
 * `done`. An item held by a worker is left to it. Returns whether an item was closed.
 */
export const markQueueItemAnswered = (entry: { readonly kind: QueueKind; readonly key: string; readonly now: string }): Effect.Effect<boolean, StoreError, Store> =>
  withDb("cannot update the queue", (db) =>
    db.transaction().execute(async (trx) => {
      const closed = await trx
        .updateTable("queue_items")
        .set({ status: "done", next_attempt_at: null, last_outcome: "found", updated_at: entry.now, lease_owner: null, lease_until: null })
        .where("kind", "=", entry.kind)
        .where("key", "=", entry.key)
        .where("status", "in", ["pending", "cooling_down", "permanently_failed"])
        .returning("id")
        .executeTakeFirst()
      if (closed !== undefined) await addHistory(trx, closed.id, { at: entry.now, outcome: "found", detail: "answered by a lookup outside the queue" })
      return closed !== undefined
    })
  )

export interface ClaimRequest {
  readonly kinds: ReadonlyArray<QueueKind>
  readonly limit: number
  /** The claiming worker (see `newWorkerId`). */
  readonly owner: string
  readonly now: string
  readonly leaseUntil: string
}

/**
 * Claims up to `limit` due items (waiting ones whose time has come, and held ones whose lease ran
 * out), oldest due first, in ONE statement: an `update … where id in (select … limit n) returning`.
 * On SQLite it runs inside the writer's `begin immediate`, which serialises the workers; on
 * PostgreSQL the select takes its rows `for update skip locked`, so concurrent claims pass over
 * each other's rows instead of waiting on (or deadlocking over) them. Two workers never hold the same item.
 */
export const claimQueueItems = (claim: ClaimRequest): Effect.Effect<ReadonlyArray<QueueItem>, StoreError, Store> =>
  claim.limit <= 0 || claim.kinds.length === 0
    ? Effect.succeed([])
    : withDb("cannot claim queue items", (db) =>
        db.transaction().execute((trx) =>
          trx
            .updateTable("queue_items")
            .set({ status: "in_progress", lease_owner: claim.owner, lease_until: claim.leaseUntil, updated_at: claim.now })
            .where("id", "in", lockedForClaim(trx, dueIds(trx, claim.kinds, claim.now).limit(claim.limit)))
            .returningAll()
            .execute()
        )
      ).pipe(Effect.map((rows) => rows.map((row) => itemOf(row)).sort((a, b) => a.id - b.id)))

/** PostgreSQL's row locks for a claim (see claimQueueItems); SQLite's writer lock already covers it. */
const lockedForClaim = <Q extends SelectQueryBuilder<Database, "queue_items", { id: number }>>(db: Kysely<Database>, query: Q) =>
  dialectOf(db) === "postgres" ? query.forUpdate().skipLocked() : query

/** The ids of the items of these kinds that are due at `now`, oldest due first. */
const dueIds = (db: Kysely<Database>, kinds: ReadonlyArray<QueueKind>, now: string) =>
  db
    .selectFrom("queue_items")
    .select("id")
    .where("kind", "in", kinds)
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "in", ["pending", "cooling_down"]), eb("next_attempt_at", "<=", now)]),
        eb.and([eb("status", "=", "in_progress"), eb("lease_until", "<=", now)])
      ])
    )
    .orderBy("next_attempt_at")
    .orderBy("id")

/** How many items of these kinds are due at `now`. */
export const countDueQueueItems = (kinds: ReadonlyArray<QueueKind>, now: string): Effect.Effect<number, StoreError, Store> =>
  kinds.length === 0
    ? Effect.succeed(0)
    : withDb("cannot read the queue", (db) =>
        db
          .selectFrom(dueIds(db, kinds, now).clearOrderBy().as("due"))
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).pipe(Effect.map((row) => Number(row.n)))

/** Where a try left an item. */
export interface Settlement {
  readonly id: number
  readonly owner: string
  readonly now: string
  readonly outcome: QueueOutcome
  readonly detail: string | null
  readonly status: "done" | "cooling_down" | "permanently_failed"
  readonly nextAttemptAt: string | null
  readonly attempts: { readonly notFound: number; readonly unavailable: number }
}

/**
 * Records a try of a held item and where it leaves it, if `owner` still holds it: a worker whose
 * lease ran out (and whose item another worker may have taken) changes nothing. Returns whether
 * it was recorded.
 */
export const settleQueueItem = (s: Settlement): Effect.Effect<boolean, StoreError, Store> =>
  withDb("cannot record the queue item's try", (db) =>
    db.transaction().execute(async (trx) => {
      const failed = s.outcome === "unavailable" || s.outcome === "invalid"
      const updated = await trx
        .updateTable("queue_items")
        .set({
          status: s.status,
          next_attempt_at: s.nextAttemptAt,
          not_found_attempts: s.attempts.notFound,
          unavailable_attempts: s.attempts.unavailable,
          last_outcome: s.outcome,
          ...(failed ? { last_error: s.detail } : {}),
          updated_at: s.now,
          lease_owner: null,
          lease_until: null
        })
        .where("id", "=", s.id)
        .where("status", "=", "in_progress")
        .where("lease_owner", "=", s.owner)
        .returning("id")
        .executeTakeFirst()
      if (updated !== undefined) await addHistory(trx, s.id, { at: s.now, outcome: s.outcome, detail: s.detail })
      return updated !== undefined
    })
  )

/** Hands back items a worker claimed but did not try (it was interrupted): pending again, now. */
export const releaseQueueItems = (ids: ReadonlyArray<number>, owner: string, now: string): Effect.Effect<number, StoreError, Store> =>
  ids.length === 0
    ? Effect.succeed(0)
    : withDb("cannot release queue items", (db) =>
        db.transaction().execute((trx) =>
          trx
            .updateTable("queue_items")
            .set({ status: "pending", next_attempt_at: now, updated_at: now, lease_owner: null, lease_until: null })
            .where("id", "in", ids)
            .where("status", "=", "in_progress")
            .where("lease_owner", "=", owner)
            .executeTakeFirst()
        )
      ).pipe(Effect.map((r) => Number(r.numUpdatedRows)))

/**
 * Makes items due now again: the ones named, or every permanently failed one. Their counts and
 * history stay. An item a worker holds is left to it. Returns the items made due.
 */
export const retryQueueItems = (which: { readonly ids: ReadonlyArray<number> } | { readonly permanentlyFailed: true }, now: string): Effect.Effect<ReadonlyArray<QueueItem>, StoreError, Store> =>
  withDb("cannot retry queue items", (db) =>
    db.transaction().execute((trx) => {
      const base = trx
        .updateTable("queue_items")
        .set({ status: "pending", next_attempt_at: now, updated_at: now, lease_owner: null, lease_until: null })
        .where((eb) => eb.or([eb("status", "!=", "in_progress"), eb("lease_until", "<=", now)]))
      const chosen = "ids" in which ? base.where("id", "in", which.ids.length === 0 ? [-1] : which.ids) : base.where("status", "=", "permanently_failed")
      return chosen.returningAll().execute()
    })
  ).pipe(Effect.map((rows) => rows.map((row) => itemOf(row, now)).sort((a, b) => a.id - b.id)))

/** Removes items and their history. Returns the ids that were there. */
export const dropQueueItems = (ids: ReadonlyArray<number>): Effect.Effect<ReadonlyArray<number>, StoreError, Store> =>
  ids.length === 0
    ? Effect.succeed([])
    : withDb("cannot drop queue items", (db) =>
        db.transaction().execute((trx) => trx.deleteFrom("queue_items").where("id", "in", ids).returning("id").execute())
      ).pipe(Effect.map((rows) => rows.map((r) => r.id).sort((a, b) => a - b)))

export interface QueueFilter {
  readonly kind?: QueueKind | undefined
  readonly status?: QueueStatus | undefined
  /** Only items due at `now`. */
  readonly due?: boolean | undefined
  readonly now: string
}

const isDue = (item: QueueItem, now: string) =>
  (item.status === "pending" || item.status === "cooling_down") && item.nextAttemptAt !== null && item.nextAttemptAt <= now

/** The items, in id order, as they stand at `now` (a held item whose lease ran out shows as pending). */
export const listQueueItems = (filter: QueueFilter): Effect.Effect<ReadonlyArray<QueueItem>, StoreError, Store> =>
  withDb("cannot read the queue", (db) => {
    const all = db.selectFrom("queue_items").selectAll().orderBy("id")
    return (filter.kind === undefined ? all : all.where("kind", "=", filter.kind)).execute()
  }).pipe(
    Effect.map((rows) =>
      rows
        .map((row) => itemOf(row, filter.now))
        .filter((item) => (filter.status === undefined || item.status === filter.status) && (filter.due !== true || isDue(item, filter.now)))
    )
  )

/** The tries of these items, oldest first. */
export const readQueueHistory = (ids: ReadonlyArray<number>): Effect.Effect<ReadonlyMap<number, ReadonlyArray<QueueHistoryEntry>>, StoreError, Store> =>
  ids.length === 0
    ? Effect.succeed(new Map())
    : withDb("cannot read the queue's history", (db) =>
        db.selectFrom("queue_history").selectAll().where("item_id", "in", ids).orderBy("item_id").orderBy("id").execute()
      ).pipe(
        Effect.map((rows) => {
          const byItem = new Map<number, Array<QueueHistoryEntry>>()
          for (const row of rows) {
            const list = byItem.get(row.item_id) ?? []
            list.push({ at: row.at, outcome: row.outcome as QueueOutcome, detail: row.detail })
            byItem.set(row.item_id, list)
          }
          return byItem
        })
      )

export interface QueueStats {
  readonly total: number
  /** Items per kind and status. */
  readonly byKind: Readonly<Record<string, Readonly<Partial<Record<QueueStatus, number>>>>>
  readonly byStatus: Readonly<Partial<Record<QueueStatus, number>>>
  /** Items due now, within a day, within a week (each count includes the earlier ones). */
  readonly due: { readonly now: number; readonly withinDay: number; readonly withinWeek: number }
  /** The oldest item still open (not done). */
  readonly oldest: { readonly id: number; readonly kind: QueueKind; readonly key: string; readonly createdAt: string } | null
}

const dayMs = 24 * 60 * 60 * 1000

/** Counts by kind and status, what is due soon, and the oldest open item, at `now`. */
export const queueStats = (now: string): Effect.Effect<QueueStats, StoreError, Store> =>
  withDb("cannot read the queue", (db) =>
    db.selectFrom("queue_items").select(["id", "kind", "key", "status", "next_attempt_at", "lease_until", "created_at"]).orderBy("id").execute()
  ).pipe(
    Effect.map((rows) => {
      const at = Date.parse(now)
      const inDay = new Date(at + dayMs).toISOString()
      const inWeek = new Date(at + 7 * dayMs).toISOString()
      const byKind: Record<string, Partial<Record<QueueStatus, number>>> = {}
      const byStatus: Partial<Record<QueueStatus, number>> = {}
      const due = { now: 0, withinDay: 0, withinWeek: 0 }
      let oldest: QueueStats["oldest"] = null
      for (const row of rows) {
        const expired = leaseExpired(row, now)
        const status = (expired ? "pending" : row.status) as QueueStatus
        const next = expired ? row.lease_until : row.next_attempt_at
        const kind = (byKind[row.kind] ??= {})
        kind[status] = (kind[status] ?? 0) + 1
        byStatus[status] = (byStatus[status] ?? 0) + 1
        if ((status === "pending" || status === "cooling_down") && next !== null) {
          if (next <= now) due.now++
          if (next <= inDay) due.withinDay++
          if (next <= inWeek) due.withinWeek++
        }
        if (status !== "done" && (oldest === null || row.created_at < oldest.createdAt))
          oldest = { id: row.id, kind: row.kind as QueueKind, key: row.key, createdAt: row.created_at }
      }
      return { total: rows.length, byKind, byStatus, due, oldest }
    })
  )
