import { Effect } from "effect"
import { type Store, type StoreError, withDb } from "./store.js"

/**
 * A batch's answers so far. A batch that is interrupted and run again takes the answers from
 * here and looks up only the rest; a batch that finishes clears its journal.
 */
export const readBatchJournal = (batch: string): Effect.Effect<ReadonlyMap<string, unknown>, StoreError, Store> =>
  withDb("cannot read the batch journal", (db) => db.selectFrom("batch_journal").select(["item", "result"]).where("batch", "=", batch).execute()).pipe(
    Effect.map((rows) => new Map(rows.map((r) => [r.item, JSON.parse(r.result) as unknown])))
  )

export const journalAnswer = (batch: string, item: string, result: unknown, answeredAt: string): Effect.Effect<void, StoreError, Store> =>
  withDb("cannot write the batch journal", (db) =>
    db
      .insertInto("batch_journal")
      .values({ batch, item, result: JSON.stringify(result), answered_at: answeredAt })
      .onConflict((oc) => oc.columns(["batch", "item"]).doUpdateSet({ result: JSON.stringify(result), answered_at: answeredAt }))
      .execute()
  ).pipe(Effect.asVoid)

export const clearBatchJournal = (batch: string): Effect.Effect<void, StoreError, Store> =>
  withDb("cannot clear the batch journal", (db) => db.deleteFrom("batch_journal").where("batch", "=", batch).execute()).pipe(Effect.asVoid)
