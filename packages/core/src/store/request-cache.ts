import { Effect, Option } from "effect"
import { type Store, type StoreError, withDb } from "./store.js"

/**
 * Answers of a paid or rate-limited API kept in the store, one row per request: its path, its
 * parameters and the decoded answer, read back while fresh. Secrets travel as headers and never
 * reach a row: parameters named like one are dropped, should a caller pass one by mistake.
 * Songstats (every call billable) and Discogs (60 requests a minute) each have their table.
 */

export type RequestParams = Readonly<Record<string, string>>

export interface CachedAnswer {
  /** The decoded answer as stored (`null` when the API had no such entity). */
  readonly answer: unknown
  readonly fetchedAt: string
}

/**
 * A stored answer row, decoded; none when there is no row or its JSON does not parse (the
 * request is then made again and its answer replaces the row).
 */
export const storedAnswer = (row: { readonly answer: string; readonly fetched_at: string } | undefined): Option.Option<CachedAnswer> => {
  if (row === undefined) return Option.none()
  try {
    return Option.some({ answer: JSON.parse(row.answer) as unknown, fetchedAt: row.fetched_at })
  } catch {
    return Option.none()
  }
}

/** The tables of this shape (request_key, path, params, answer, fetched_at). */
type RequestCacheTable = "songstats_cache" | "discogs_cache"

export interface RequestCache {
  /** One request's key: its path and its parameters in name order (`artists/info?songstats_artist_id=x`). */
  readonly requestKey: (path: string, params: RequestParams) => string
  /** The answer to this request if it was fetched at or after `freshSince` (ISO-8601); none when absent, stale or unreadable. */
  readonly read: (requestKey: string, freshSince: string) => Effect.Effect<Option.Option<CachedAnswer>, StoreError, Store>
  /** Stores (or replaces) the answer to a request. */
  readonly save: (entry: { readonly path: string; readonly params: RequestParams; readonly answer: unknown; readonly fetchedAt: string }) => Effect.Effect<void, StoreError, Store>
}

export const makeRequestCache = (options: { readonly table: RequestCacheTable; readonly source: string; readonly secretParams: ReadonlyArray<string> }): RequestCache => {
  const secret = new Set(options.secretParams)
  // Both tables have the same columns: kysely is given one of them to type the queries.
  const table = options.table as "songstats_cache"
  const storedParams = (params: RequestParams): Array<[string, string]> =>
    Object.entries(params)
      .filter(([name]) => !secret.has(name.toLowerCase()))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const requestKey = (path: string, params: RequestParams): string => `${path}?${new URLSearchParams(storedParams(params)).toString()}`

  const read = (key: string, freshSince: string) =>
    withDb(`cannot read the ${options.source} cache`, (db) =>
      db.selectFrom(table).select(["answer", "fetched_at"]).where("request_key", "=", key).where("fetched_at", ">=", freshSince).executeTakeFirst()
    ).pipe(Effect.map(storedAnswer))

  const save: RequestCache["save"] = (entry) => {
    const row = {
      request_key: requestKey(entry.path, entry.params),
      path: entry.path,
      params: JSON.stringify(Object.fromEntries(storedParams(entry.params))),
      answer: JSON.stringify(entry.answer ?? null),
      fetched_at: entry.fetchedAt
    }
    return withDb(`cannot write the ${options.source} cache`, (db) =>
      db
        .insertInto(table)
        .values(row)
        .onConflict((oc) => oc.column("request_key").doUpdateSet({ answer: row.answer, fetched_at: row.fetched_at }))
        .execute()
    ).pipe(Effect.asVoid)
  }

  return { requestKey, read, save }
}
