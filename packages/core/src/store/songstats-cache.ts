import { Effect, Option } from "effect"
import { type Store, type StoreError, withDb } from "./store.js"

/**
 * Songstats answers kept in the store. Every Songstats call is billable, so an answer is asked
 * once and read from here while it is fresh. Rows hold the request's path and parameters and
 * the decoded answer, never the API key (it travels as a header and is not a parameter).
 */

export type SongstatsParams = Readonly<Record<string, string>>

export interface SongstatsCachedAnswer {
  /** The decoded answer as stored, or `null`: Songstats had no such entity. */
  readonly answer: unknown
  readonly fetchedAt: string
}

/** Parameter names that must never reach the store, should a caller pass one by mistake. */
const secretParams = new Set(["apikey", "api_key"])

const storedParams = (params: SongstatsParams): Array<[string, string]> =>
  Object.entries(params)
    .filter(([name]) => !secretParams.has(name.toLowerCase()))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

/** One request's key: its path and its parameters in name order (`artists/info?songstats_artist_id=x`). */
export const songstatsRequestKey = (path: string, params: SongstatsParams): string =>
  `${path}?${new URLSearchParams(storedParams(params)).toString()}`

/** The answer to this request if it was fetched at or after `freshSince` (ISO-8601); none when absent, stale or unreadable. */
export const readSongstatsAnswer = (requestKey: string, freshSince: string): Effect.Effect<Option.Option<SongstatsCachedAnswer>, StoreError, Store> =>
  withDb("cannot read the Songstats cache", (db) =>
    db
      .selectFrom("songstats_cache")
      .select(["answer", "fetched_at"])
      .where("request_key", "=", requestKey)
      .where("fetched_at", ">=", freshSince)
      .executeTakeFirst()
  ).pipe(
    Effect.map((row) =>
      Option.fromNullable(row).pipe(
        Option.flatMap((r) => {
          try {
            return Option.some({ answer: JSON.parse(r.answer) as unknown, fetchedAt: r.fetched_at })
          } catch {
            // A row that is not JSON is treated as missing: the request is made again and replaces it.
            return Option.none()
          }
        })
      )
    )
  )

/** Stores (or replaces) the answer to a request. */
export const saveSongstatsAnswer = (entry: {
  readonly path: string
  readonly params: SongstatsParams
  readonly answer: unknown
  readonly fetchedAt: string
}): Effect.Effect<void, StoreError, Store> => {
  const row = {
    request_key: songstatsRequestKey(entry.path, entry.params),
    path: entry.path,
    params: JSON.stringify(Object.fromEntries(storedParams(entry.params))),
    answer: JSON.stringify(entry.answer ?? null),
    fetched_at: entry.fetchedAt
  }
  return withDb("cannot write the Songstats cache", (db) =>
    db
      .insertInto("songstats_cache")
      .values(row)
      .onConflict((oc) => oc.column("request_key").doUpdateSet({ answer: row.answer, fetched_at: row.fetched_at }))
      .execute()
  ).pipe(Effect.asVoid)
}
