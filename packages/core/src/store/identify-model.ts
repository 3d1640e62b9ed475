/**
 * The artist-identification model kept with the store (migration 0010): splink's settings JSON
 * as `liner identify train` made it, when, and from how many candidate pairs. One model at a
 * time: a training replaces the previous one.
 */
import { Effect, Option } from "effect"
import { type Store, type StoreError, withDb } from "./store.js"

export interface StoredIdentifyModel {
  /** splink's settings JSON, parsed. */
  readonly model: unknown
  readonly trainedAt: string
  readonly pairs: number
}

const MODEL_ROW = 1

/** Stores the model, replacing the one stored before. */
export const saveIdentifyModel = (stored: StoredIdentifyModel): Effect.Effect<void, StoreError, Store> =>
  withDb("cannot save the identification model", (db) =>
    db
      .insertInto("identify_model")
      .values({ id: MODEL_ROW, model: JSON.stringify(stored.model), trained_at: stored.trainedAt, pairs: stored.pairs })
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          model: eb.ref("excluded.model"),
          trained_at: eb.ref("excluded.trained_at"),
          pairs: eb.ref("excluded.pairs")
        }))
      )
      .execute()
  ).pipe(Effect.asVoid)

/** The stored model, if one was trained (a row that is not JSON counts as none: train again). */
export const readIdentifyModel = (): Effect.Effect<Option.Option<StoredIdentifyModel>, StoreError, Store> =>
  withDb("cannot read the identification model", (db) =>
    db.selectFrom("identify_model").select(["model", "trained_at", "pairs"]).where("id", "=", MODEL_ROW).executeTakeFirst()
  ).pipe(
    Effect.map((row) =>
      Option.fromNullable(row).pipe(
        Option.flatMap((r) => {
          try {
            return Option.some({ model: JSON.parse(r.model) as unknown, trainedAt: r.trained_at, pairs: r.pairs })
          } catch {
            return Option.none()
          }
        })
      )
    )
  )
