/**
 * What the metrics report (`report/`) reads from the store: the lookup log with its attempts,
 * the queries looked up before a date, and how complete the stored tracks are. Reads only.
 */
import { Effect } from "effect"
import { sql } from "kysely"
import { type Store, type StoreError, withDb } from "./store.js"

export interface LoggedAttempt {
  readonly tier: string
  readonly outcome: string
  readonly durationMs: number
  readonly requests: number | null
  readonly detail: string | null
}

export interface LoggedLookupEntry {
  readonly id: number
  readonly kind: string
  /** The query as logged (parsed JSON; the raw text when it is not JSON). */
  readonly query: unknown
  readonly status: string
  readonly source: string | null
  readonly startedAt: string
  readonly durationMs: number
  readonly attempts: ReadonlyArray<LoggedAttempt>
}

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/** The lower bound of a period: every ISO 8601 timestamp sorts after the empty string. */
const from = (since: string | null): string => since ?? ""

/** Every logged lookup started at or after `since` (all when null), oldest first, with its attempts. */
export const readLookupLogSince = (since: string | null): Effect.Effect<ReadonlyArray<LoggedLookupEntry>, StoreError, Store> =>
  withDb("cannot read the lookup log", async (db) => {
    const lookups = await db
      .selectFrom("lookups")
      .selectAll()
      .where("started_at", ">=", from(since))
      .orderBy("started_at")
      .orderBy("id")
      .execute()
    // A join rather than `lookup_id in (…)`: the log may hold more lookups than SQLite takes parameters.
    const attempts = await db
      .selectFrom("attempts")
      .innerJoin("lookups", "lookups.id", "attempts.lookup_id")
      .select(["attempts.lookup_id", "attempts.tier", "attempts.outcome", "attempts.duration_ms", "attempts.requests", "attempts.detail"])
      .where("lookups.started_at", ">=", from(since))
      .orderBy("attempts.id")
      .execute()
    const byLookup = new Map<number, Array<LoggedAttempt>>()
    for (const a of attempts) {
      const list = byLookup.get(a.lookup_id) ?? []
      list.push({ tier: a.tier, outcome: a.outcome, durationMs: a.duration_ms, requests: a.requests, detail: a.detail })
      byLookup.set(a.lookup_id, list)
    }
    return lookups.map((l) => ({
      id: l.id,
      kind: l.kind,
      query: parsed(l.query),
      status: l.status,
      source: l.source,
      startedAt: l.started_at,
      durationMs: l.duration_ms,
      attempts: byLookup.get(l.id) ?? []
    }))
  })

/** The distinct queries of one kind looked up before `before` (parsed like the log's). */
export const readQueriesLookedUpBefore = (kind: string, before: string): Effect.Effect<ReadonlyArray<unknown>, StoreError, Store> =>
  withDb("cannot read the lookup log", (db) =>
    db.selectFrom("lookups").select("query").distinct().where("kind", "=", kind).where("started_at", "<", before).execute()
  ).pipe(Effect.map((rows) => rows.map((r) => parsed(r.query))))

/** How many stored tracks of one origin carry each field. */
export interface TrackCompletenessCounts {
  readonly origin: string
  readonly tracks: number
  readonly withTitle: number
  readonly withArtist: number
  readonly withDuration: number
  readonly withComposer: number
  readonly withLyricist: number
}

/** Counts per origin of the tracks of soundtracks stored (fetched) at or after `since` (all when null). */
export const readTrackCompleteness = (since: string | null): Effect.Effect<ReadonlyArray<TrackCompletenessCounts>, StoreError, Store> =>
  withDb("cannot read the stored tracks", (db) => {
    const credited = (role: string) =>
      sql<number>`coalesce(sum(case when exists (select 1 from credits c where c.track_id = t.id and c.role = ${role} and trim(c.name) <> '') then 1 else 0 end), 0)`
    return db
      .selectFrom("tracks as t")
      .innerJoin("soundtracks as s", "s.id", "t.soundtrack_id")
      .select((eb) => [
        "s.origin",
        eb.fn.countAll<number>().as("tracks"),
        sql<number>`coalesce(sum(case when trim(t.title) <> '' then 1 else 0 end), 0)`.as("withTitle"),
        credited("artist").as("withArtist"),
        sql<number>`coalesce(sum(case when t.duration_ms > 0 then 1 else 0 end), 0)`.as("withDuration"),
        credited("composer").as("withComposer"),
        credited("lyricist").as("withLyricist")
      ])
      .where("s.fetched_at", ">=", from(since))
      .groupBy("s.origin")
      .orderBy("s.origin")
      .execute()
  }).pipe(
    Effect.map((rows) =>
      rows.map((r) => ({
        origin: r.origin,
        tracks: Number(r.tracks),
        withTitle: Number(r.withTitle),
        withArtist: Number(r.withArtist),
        withDuration: Number(r.withDuration),
        withComposer: Number(r.withComposer),
        withLyricist: Number(r.withLyricist)
      }))
    )
  )
