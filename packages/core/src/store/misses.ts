import { Effect, Option } from "effect"
import { type Store, type StoreError, withDb } from "./store.js"

/** A remembered negative answer: every tier answered and none had the film. */
export interface Miss {
  readonly queryKey: string
  readonly fetchedAt: string
  readonly expiresAt: string
}

export const recordMiss = (miss: Miss & { readonly query: unknown }): Effect.Effect<void, StoreError, Store> =>
  withDb("cannot record the miss", (db) =>
    db
      .insertInto("misses")
      .values({ query_key: miss.queryKey, query: JSON.stringify(miss.query), fetched_at: miss.fetchedAt, expires_at: miss.expiresAt })
      .onConflict((oc) =>
        oc.column("query_key").doUpdateSet({ query: JSON.stringify(miss.query), fetched_at: miss.fetchedAt, expires_at: miss.expiresAt })
      )
      .execute()
  ).pipe(Effect.asVoid)

/** The miss recorded for this key, if it has not expired at `now`. */
export const findFreshMiss = (queryKey: string, now: string): Effect.Effect<Option.Option<Miss>, StoreError, Store> =>
  withDb("cannot read misses", (db) =>
    db.selectFrom("misses").selectAll().where("query_key", "=", queryKey).where("expires_at", ">", now).executeTakeFirst()
  ).pipe(
    Effect.map((row) =>
      Option.fromNullable(row).pipe(Option.map((r) => ({ queryKey: r.query_key, fetchedAt: r.fetched_at, expiresAt: r.expires_at })))
    )
  )

export const clearMiss = (queryKey: string): Effect.Effect<void, StoreError, Store> =>
  withDb("cannot clear the miss", (db) => db.deleteFrom("misses").where("query_key", "=", queryKey).execute()).pipe(Effect.asVoid)
