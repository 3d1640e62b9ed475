import { Effect, Option } from "effect"
import { storedAnswer } from "./request-cache.js"
import { type Store, type StoreError, withDb } from "./store.js"

/**
 * Wikidata's answers kept in the store, by the film's IMDb id: the Query Service asks clients
 * to cache what they can, and a batch run twice should not ask twice. A miss (no film item with
 * that IMDb id) is kept too, as `null`; how long either is trusted is the caller's choice.
 */

export interface WikidataCachedAnswer {
  /** The decoded answer as stored, or `null`: Wikidata has no film with this IMDb id. */
  readonly answer: unknown
  readonly fetchedAt: string
}

/** The stored answer for this IMDb id; none when absent or unreadable. */
export const readWikidataAnswer = (imdbId: string): Effect.Effect<Option.Option<WikidataCachedAnswer>, StoreError, Store> =>
  withDb("cannot read the Wikidata cache", (db) =>
    db.selectFrom("wikidata_cache").select(["answer", "fetched_at"]).where("imdb_id", "=", imdbId).executeTakeFirst()
  ).pipe(Effect.map(storedAnswer))

/** Stores (or replaces) the answer for an IMDb id; `null` records that Wikidata has no such film. */
export const saveWikidataAnswer = (entry: { readonly imdbId: string; readonly answer: unknown; readonly fetchedAt: string }): Effect.Effect<void, StoreError, Store> => {
  const row = { imdb_id: entry.imdbId, answer: JSON.stringify(entry.answer ?? null), fetched_at: entry.fetchedAt }
  return withDb("cannot write the Wikidata cache", (db) =>
    db
      .insertInto("wikidata_cache")
      .values(row)
      .onConflict((oc) => oc.column("imdb_id").doUpdateSet({ answer: row.answer, fetched_at: row.fetched_at }))
      .execute()
  ).pipe(Effect.asVoid)
}
