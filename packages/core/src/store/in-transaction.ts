/**
 * One transaction of the store around an effect: every store operation inside it (the shared
 * helpers too) goes through the transaction, which commits only when the effect succeeds and is
 * rolled back otherwise. For writers of many rows: one commit (one disk sync) for all of them.
 */
import { Effect } from "effect"
import { Store, type StoreError } from "./store.js"
import { storeErrorOf } from "./store-fault.js"

export const inTransaction = <A, E, R>(what: string, work: Effect.Effect<A, E, R | Store>): Effect.Effect<A, E | StoreError, R | Store> =>
  Effect.flatMap(Store, (store) => {
    const fail = (cause: unknown) => storeErrorOf(cause, { path: store.path, doing: what, opening: false })
    return Effect.acquireUseRelease(
      Effect.tryPromise({ try: () => store.db.startTransaction().execute(), catch: fail }),
      (trx) =>
        work.pipe(
          Effect.provideService(Store, { ...store, db: trx }),
          Effect.tap(() => Effect.tryPromise({ try: () => trx.commit().execute(), catch: fail }))
        ),
      (trx, exit) => (exit._tag === "Success" ? Effect.void : Effect.promise(() => trx.rollback().execute().catch(() => undefined)))
    )
  })
