import { Effect } from "effect"
import type { Attempt } from "../domain/attempt.js"
import { type Store, type StoreError, withDb } from "./store.js"

export interface LoggedLookup {
  readonly kind: "soundtrack" | "label"
  readonly query: unknown
  readonly status: string
  readonly source: string | null
  readonly startedAt: string
  readonly durationMs: number
  readonly attempts: ReadonlyArray<Attempt>
}

/** Logs a lookup and its attempts, for later metrics. */
export const logLookup = (lookup: LoggedLookup): Effect.Effect<number, StoreError, Store> =>
  withDb("cannot log the lookup", (db) =>
    db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto("lookups")
        .values({
          kind: lookup.kind,
          query: JSON.stringify(lookup.query),
          status: lookup.status,
          source: lookup.source,
          started_at: lookup.startedAt,
          duration_ms: Math.round(lookup.durationMs)
        })
        .returning("id")
        .executeTakeFirstOrThrow()
      if (lookup.attempts.length > 0)
        await trx
          .insertInto("attempts")
          .values(
            lookup.attempts.map((a) => ({
              lookup_id: id,
              tier: a.tier,
              outcome: a.outcome,
              duration_ms: Math.round(a.durationMs),
              requests: a.requests ?? null,
              detail: a.detail ?? null
            }))
          )
          .execute()
      return id
    })
  )

/** Lookups of one kind with their attempts, oldest first (metrics, tests). */
export const readLookups = (kind: "soundtrack" | "label") =>
  withDb("cannot read the lookup log", async (db) => {
    const lookups = await db.selectFrom("lookups").selectAll().where("kind", "=", kind).orderBy("id").execute()
    const attempts = lookups.length === 0 ? [] : await db.selectFrom("attempts").selectAll().where("lookup_id", "in", lookups.map((l) => l.id)).orderBy("id").execute()
    return lookups.map((l) => ({ ...l, attempts: attempts.filter((a) => a.lookup_id === l.id) }))
  })
