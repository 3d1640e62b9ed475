/**
 * DJ sets in the store (contracts/identify.md): importing sets idempotently, and the reads that
 * identification needs (occurrences of a track, its neighbours, the DJs, who plays whom, labels
 * and their artists).
 *
 * A set is the unit of writing: it is added, replaced (its DJs, tracks and artists deleted and
 * written again, the set keeping its id) or, when its digest is unchanged, left alone. Each set
 * is written inside one transaction, never half; consecutive sets share a transaction up to
 * `rowsPerTransaction` rows, because every commit is a disk sync and a catalogue has tens of
 * thousands of sets (one commit per set writes about 3× slower: bench/sets-import.ts). Not many
 * more: a transaction holds the store's write lock, and other workers wait for it only
 * `storeBusyTimeoutMs`; 10 000 rows take well under a second.
 */
import { Effect } from "effect"
import type { Kysely } from "kysely"
import type { DjName } from "../sets/dj-list.js"
import type { DjSet } from "../sets/dj-set.js"
import { teachesLabel } from "../sets/played-track.js"
import type { Database } from "./database.js"
import { type ArtistKey, recordLabelObservation } from "./label-knowledge.js"
import { inTransaction } from "./in-transaction.js"
import { type Store, type StoreError, withDb } from "./store.js"

export interface SetImportOptions {
  /** The time written as `imported_at` and on learned labels. */
  readonly now: string
  /** Whole sets share a transaction until it holds this many rows (default 10 000; 1: one set per transaction). */
  readonly rowsPerTransaction?: number
}

export interface SetImportReport {
  /** Sets not in the store before. */
  readonly added: number
  /** Sets in the store with other content: replaced whole. */
  readonly replaced: number
  /** Sets in the store with the same content: left alone. */
  readonly unchanged: number
  /** Played tracks written (those of added and replaced sets). */
  readonly tracksWritten: number
  /** Label observations recorded for the label hunter (artist and track pairs, each once). */
  readonly labelsLearned: number
}

// SQLite allows 32 766 bound values per statement; these stay far below with the widest rows.
const TRACKS_PER_INSERT = 500
const KEYS_PER_QUERY = 500
const DEFAULT_ROWS_PER_TRANSACTION = 10_000

const slices = <A>(items: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Consecutive sets, whole, up to `rows` played tracks per group (a larger set is a group of its own). */
const groupsOf = (sets: ReadonlyArray<DjSet>, rows: number): Array<ReadonlyArray<DjSet>> => {
  const groups: Array<Array<DjSet>> = []
  let current: Array<DjSet> = []
  let count = 0
  for (const set of sets) {
    if (current.length > 0 && count + set.tracks.length > rows) {
      groups.push(current)
      current = []
      count = 0
    }
    current.push(set)
    count += set.tracks.length
  }
  if (current.length > 0) groups.push(current)
  return groups
}

/** The ids of DJs by key, adding the DJs not stored yet; `known` caches them across groups. */
const djIds = (db: Kysely<Database>, djs: ReadonlyArray<DjName>, known: Map<string, number>): Promise<void> => {
  const missing = [...new Map(djs.filter((d) => !known.has(d.key)).map((d) => [d.key, d])).values()]
  return slices(missing, KEYS_PER_QUERY).reduce(async (previous, slice) => {
    await previous
    await db.insertInto("djs").values(slice.map((d) => ({ key: d.key, name: d.name }))).onConflict((oc) => oc.column("key").doNothing()).execute()
    const rows = await db.selectFrom("djs").select(["id", "key"]).where("key", "in", slice.map((d) => d.key)).execute()
    for (const row of rows) known.set(row.key, row.id)
  }, Promise.resolve())
}

interface GroupOutcome {
  readonly added: number
  readonly replaced: number
  readonly unchanged: number
  readonly written: ReadonlyArray<DjSet>
}

/** Writes one group of sets (inside the transaction): added, replaced or left alone by digest. */
const writeGroup = (db: Kysely<Database>, sets: ReadonlyArray<DjSet>, now: string, knownDjs: Map<string, number>): Promise<GroupOutcome> =>
  (async () => {
    const existing = new Map<string, { readonly id: number; readonly content_hash: string }>()
    for (const slice of slices(sets, KEYS_PER_QUERY)) {
      const rows = await db.selectFrom("dj_sets").select(["id", "source_id", "content_hash"]).where("source_id", "in", slice.map((s) => s.sourceId)).execute()
      for (const row of rows) existing.set(row.source_id, row)
    }
    const ids = new Map<string, number>()
    const added: Array<DjSet> = []
    const replaced: Array<DjSet> = []
    for (const set of sets) {
      const stored = existing.get(set.sourceId)
      if (stored === undefined) added.push(set)
      else if (stored.content_hash !== set.contentHash) {
        replaced.push(set)
        ids.set(set.sourceId, stored.id)
      }
    }
    if (replaced.length > 0) {
      for (const slice of slices(replaced.map((s) => ids.get(s.sourceId) ?? -1), KEYS_PER_QUERY)) {
        await db.deleteFrom("played_track_artists").where("set_id", "in", slice).execute()
        await db.deleteFrom("played_tracks").where("set_id", "in", slice).execute()
        await db.deleteFrom("dj_set_djs").where("set_id", "in", slice).execute()
      }
      for (const set of replaced) {
        await db
          .updateTable("dj_sets")
          .set({ date: set.date, content_hash: set.contentHash, tracks: set.tracks.length, imported_at: now })
          .where("id", "=", ids.get(set.sourceId) ?? -1)
          .execute()
      }
    }
    for (const slice of slices(added, KEYS_PER_QUERY)) {
      const inserted = await db
        .insertInto("dj_sets")
        .values(slice.map((s) => ({ source_id: s.sourceId, date: s.date, content_hash: s.contentHash, tracks: s.tracks.length, imported_at: now })))
        .returning(["id", "source_id"])
        .execute()
      for (const row of inserted) ids.set(row.source_id, row.id)
    }
    const written = [...added, ...replaced]
    await djIds(db, written.flatMap((s) => s.djs), knownDjs)
    const setDjs = written.flatMap((s) => s.djs.map((dj, ordinal) => ({ set_id: ids.get(s.sourceId) ?? -1, dj_id: knownDjs.get(dj.key) ?? -1, ordinal })))
    for (const slice of slices(setDjs, KEYS_PER_QUERY)) await db.insertInto("dj_set_djs").values(slice).execute()
    const tracks = written.flatMap((s) =>
      s.tracks.map((t) => ({
        set_id: ids.get(s.sourceId) ?? -1,
        position: t.position,
        artist: t.artist,
        title: t.title,
        label: t.label,
        track_key: t.trackKey,
        artist_unknown: t.artistUnknown ? 1 : 0,
        title_unknown: t.titleUnknown ? 1 : 0,
        title_key: t.titleKey,
        label_key: t.labelKey
      }))
    )
    for (const slice of slices(tracks, TRACKS_PER_INSERT)) await db.insertInto("played_tracks").values(slice).execute()
    const artists = written.flatMap((s) =>
      s.tracks.flatMap((t) => t.artists.map((a) => ({ set_id: ids.get(s.sourceId) ?? -1, position: t.position, artist_key: a.key, artist: a.name })))
    )
    for (const slice of slices(artists, TRACKS_PER_INSERT * 2)) await db.insertInto("played_track_artists").values(slice).execute()
    return { added: added.length, replaced: replaced.length, unchanged: sets.length - written.length, written }
  })()

/**
 * The labels the written sets show for known tracks, each (credit, title) once with the label
 * of its last play: what the label hunter learns from them (the same rule as its own answers:
 * a later label of the same artist and track replaces the earlier).
 */
const learnLabels = (sets: ReadonlyArray<DjSet>, now: string, recorded: Map<string, string>): Effect.Effect<number, StoreError, Store> => {
  const latest = new Map<string, { readonly artist: string; readonly title: string; readonly label: string }>()
  for (const set of sets) {
    for (const track of set.tracks) {
      if (teachesLabel(track) && track.label !== null) latest.set(`${track.artist}\u0000${track.titleKey}`, { artist: track.artist, title: track.title, label: track.label })
    }
  }
  // A hit is played in thousands of sets: what this import already recorded is not recorded again.
  const fresh = [...latest.entries()].filter(([key, seen]) => recorded.get(key) !== seen.label)
  return Effect.reduce(fresh, 0, (sum, [key, seen]) =>
    recordLabelObservation({ artist: seen.artist, title: seen.title, label: seen.label, source: "known", observedAt: now }).pipe(
      Effect.tap(() => Effect.sync(() => recorded.set(key, seen.label))),
      Effect.map((n) => sum + n)
    )
  )
}

/**
 * Imports sets (each once, as `groupSetRows` gives them): a set not stored yet is added, one stored with other content is replaced whole
 * (its rows, DJs and artists), one stored with the same content is left alone. Known labels of
 * known tracks of the written sets feed the label hunter's learned knowledge (source "known").
 */
export const importDjSets = (sets: ReadonlyArray<DjSet>, options: SetImportOptions): Effect.Effect<SetImportReport, StoreError, Store> =>
  Effect.gen(function* () {
    const knownDjs = new Map<string, number>()
    const recordedLabels = new Map<string, string>()
    let added = 0
    let replaced = 0
    let unchanged = 0
    let tracksWritten = 0
    let labelsLearned = 0
    for (const group of groupsOf(sets, Math.max(1, options.rowsPerTransaction ?? DEFAULT_ROWS_PER_TRANSACTION))) {
      const outcome = yield* inTransaction(
        "cannot import the DJ sets",
        Effect.gen(function* () {
          const written = yield* withDb("cannot import the DJ sets", (db) => writeGroup(db, group, options.now, knownDjs))
          const learned = yield* learnLabels(written.written, options.now, recordedLabels)
          return { ...written, learned }
        })
      ).pipe(
        // What the failed transaction wrote is gone again.
        Effect.tapError(() =>
          Effect.sync(() => {
            knownDjs.clear()
            recordedLabels.clear()
          })
        )
      )
      added += outcome.added
      replaced += outcome.replaced
      unchanged += outcome.unchanged
      tracksWritten += outcome.written.reduce((n, s) => n + s.tracks.length, 0)
      labelsLearned += outcome.learned
    }
    return { added, replaced, unchanged, tracksWritten, labelsLearned }
  })

// ---------------------------------------------------------------------------------------------
// Reads for identification

export interface StoredSetRef {
  /** The store's id of the set. */
  readonly id: number
  /** The source's id (`set_id`). */
  readonly sourceId: string
  readonly date: string | null
}

/** A played track as stored, with its set. */
export interface StoredPlay {
  readonly set: StoredSetRef
  readonly position: number
  readonly artist: string
  readonly title: string
  readonly label: string | null
  readonly trackKey: string | null
  readonly artistUnknown: boolean
  readonly titleUnknown: boolean
  readonly titleKey: string | null
  readonly labelKey: string | null
  /** The credited artists, normalised (none when the artist is unknown). */
  readonly artists: ReadonlyArray<ArtistKey>
}

type PlayFilter = (query: PlayQuery) => PlayQuery
const playQuery = (db: Kysely<Database>) =>
  db
    .selectFrom("played_tracks as p")
    .innerJoin("dj_sets as s", "s.id", "p.set_id")
    .leftJoin("played_track_artists as a", (join) => join.onRef("a.set_id", "=", "p.set_id").onRef("a.position", "=", "p.position"))
    .select([
      "p.set_id",
      "s.source_id",
      "s.date",
      "p.position",
      "p.artist",
      "p.title",
      "p.label",
      "p.track_key",
      "p.artist_unknown",
      "p.title_unknown",
      "p.title_key",
      "p.label_key",
      "a.artist_key",
      "a.artist as credited"
    ])
type PlayQuery = ReturnType<typeof playQuery>
type PlayRow = Awaited<ReturnType<PlayQuery["execute"]>>[number]

/** One play per (set, position), its artist rows gathered, in set and position order. */
const playsOf = (rows: ReadonlyArray<PlayRow>): Array<StoredPlay> => {
  const plays = new Map<string, { play: StoredPlay; artists: Array<ArtistKey> }>()
  for (const row of rows) {
    const key = `${row.set_id}:${row.position}`
    let entry = plays.get(key)
    if (entry === undefined) {
      const artists: Array<ArtistKey> = []
      entry = {
        artists,
        play: {
          set: { id: row.set_id, sourceId: row.source_id, date: row.date },
          position: row.position,
          artist: row.artist,
          title: row.title,
          label: row.label,
          trackKey: row.track_key,
          artistUnknown: row.artist_unknown === 1,
          titleUnknown: row.title_unknown === 1,
          titleKey: row.title_key,
          labelKey: row.label_key,
          artists
        }
      }
      plays.set(key, entry)
    }
    if (row.artist_key !== null && row.credited !== null) entry.artists.push({ key: row.artist_key, name: row.credited })
  }
  return [...plays.values()].map((e) => e.play).sort((a, b) => a.set.id - b.set.id || a.position - b.position)
}

const readPlays = (what: string, filter: PlayFilter): Effect.Effect<ReadonlyArray<StoredPlay>, StoreError, Store> =>
  withDb(what, (db) => filter(playQuery(db)).execute()).pipe(Effect.map(playsOf))

/** Every play of a track by the source's key: one unknown track, even when artist and title are `ID`. */
export const playsOfTrackKey = (trackKey: string): Effect.Effect<ReadonlyArray<StoredPlay>, StoreError, Store> =>
  readPlays("cannot read the plays of a track", (q) => q.where("p.track_key", "=", trackKey))

/**
 * Every play of a title (by its normalised key, see `trackKey`); `artistUnknown` keeps only the
 * plays whose artist is unknown (true) or known (false).
 */
export const playsOfTitleKey = (titleKey: string, filter: { readonly artistUnknown?: boolean } = {}): Effect.Effect<ReadonlyArray<StoredPlay>, StoreError, Store> =>
  readPlays("cannot read the plays of a title", (q) => {
    const byTitle = q.where("p.title_key", "=", titleKey)
    return filter.artistUnknown === undefined ? byTitle : byTitle.where("p.artist_unknown", "=", filter.artistUnknown ? 1 : 0)
  })

/** The plays of a set within `window` positions before and after `position` (the play itself left out). */
export const neighbourPlays = (setId: number, position: number, window: number): Effect.Effect<ReadonlyArray<StoredPlay>, StoreError, Store> =>
  readPlays("cannot read the neighbours of a play", (q) =>
    q.where("p.set_id", "=", setId).where("p.position", ">=", position - window).where("p.position", "<=", position + window).where("p.position", "!=", position)
  )

/** The sets (by source id) as stored: date, DJs and every play in order; absent ones are left out. */
export const readDjSets = (
  sourceIds: ReadonlyArray<string>
): Effect.Effect<ReadonlyArray<StoredSetRef & { readonly djs: ReadonlyArray<DjName>; readonly plays: ReadonlyArray<StoredPlay> }>, StoreError, Store> =>
  Effect.gen(function* () {
    const refs = yield* withDb("cannot read the DJ sets", (db) =>
      sourceIds.length === 0 ? Promise.resolve([]) : db.selectFrom("dj_sets").select(["id", "source_id", "date"]).where("source_id", "in", sourceIds).orderBy("id").execute()
    )
    const ids = refs.map((r) => r.id)
    const djs = yield* djsOfSets(ids)
    const plays = ids.length === 0 ? [] : yield* readPlays("cannot read the DJ sets", (q) => q.where("p.set_id", "in", ids))
    return refs.map((r) => ({ id: r.id, sourceId: r.source_id, date: r.date, djs: djs.get(r.id) ?? [], plays: plays.filter((p) => p.set.id === r.id) }))
  })

/** The DJs of each set (by the store's set id), in the order the set names them. */
export const djsOfSets = (setIds: ReadonlyArray<number>): Effect.Effect<ReadonlyMap<number, ReadonlyArray<DjName>>, StoreError, Store> =>
  withDb("cannot read the DJs of the sets", async (db) => {
    const bySet = new Map<number, Array<DjName>>()
    for (const slice of slices([...new Set(setIds)], KEYS_PER_QUERY)) {
      const rows = await db
        .selectFrom("dj_set_djs as sd")
        .innerJoin("djs as d", "d.id", "sd.dj_id")
        .select(["sd.set_id", "d.key", "d.name"])
        .where("sd.set_id", "in", slice)
        .orderBy("sd.set_id")
        .orderBy("sd.ordinal")
        .execute()
      for (const row of rows) bySet.set(row.set_id, [...(bySet.get(row.set_id) ?? []), { key: row.key, name: row.name }])
    }
    return bySet
  })

export interface PlayCount {
  /** Plays (a track credited to several artists counts for each). */
  readonly plays: number
  /** Distinct sets. */
  readonly sets: number
}

/** Who plays an artist: each DJ with the plays of the artist's tracks in their sets, most first. */
export const artistPlaysByDj = (artistKey: string): Effect.Effect<ReadonlyArray<PlayCount & { readonly dj: DjName }>, StoreError, Store> =>
  withDb("cannot read the plays of an artist", (db) =>
    db
      .selectFrom("played_track_artists as a")
      .innerJoin("dj_set_djs as sd", "sd.set_id", "a.set_id")
      .innerJoin("djs as d", "d.id", "sd.dj_id")
      .select((eb) => ["d.key", "d.name", eb.fn.countAll<number>().as("plays"), eb.fn.count<number>("a.set_id").distinct().as("sets")])
      .where("a.artist_key", "=", artistKey)
      .groupBy("d.id")
      .orderBy("plays", "desc")
      .orderBy("d.key")
      .execute()
  ).pipe(Effect.map((rows) => rows.map((r) => ({ dj: { key: r.key, name: r.name }, plays: Number(r.plays), sets: Number(r.sets) }))))

/** What a DJ plays: the artists most played in the DJ's sets, at most `limit`. */
export const topArtistsOfDj = (djKey: string, limit: number): Effect.Effect<ReadonlyArray<PlayCount & { readonly artist: ArtistKey }>, StoreError, Store> =>
  withDb("cannot read the plays of a DJ", (db) =>
    db
      .selectFrom("djs as d")
      .innerJoin("dj_set_djs as sd", "sd.dj_id", "d.id")
      .innerJoin("played_track_artists as a", "a.set_id", "sd.set_id")
      .select((eb) => ["a.artist_key", eb.fn.max("a.artist").as("artist"), eb.fn.countAll<number>().as("plays"), eb.fn.count<number>("a.set_id").distinct().as("sets")])
      .where("d.key", "=", djKey)
      .groupBy("a.artist_key")
      .orderBy("plays", "desc")
      .orderBy("a.artist_key")
      .limit(limit)
      .execute()
  ).pipe(Effect.map((rows) => rows.map((r) => ({ artist: { key: r.artist_key, name: r.artist }, plays: Number(r.plays), sets: Number(r.sets) }))))

export interface LabelPlays {
  /** A spelling seen. */
  readonly label: string
  readonly labelKey: string
  readonly plays: number
}

/** The labels the sets show with an artist's tracks, most plays first. */
export const labelsOfArtist = (artistKey: string): Effect.Effect<ReadonlyArray<LabelPlays>, StoreError, Store> =>
  withDb("cannot read the labels of an artist", (db) =>
    db
      .selectFrom("played_track_artists as a")
      .innerJoin("played_tracks as p", (join) => join.onRef("p.set_id", "=", "a.set_id").onRef("p.position", "=", "a.position"))
      .select((eb) => ["p.label_key", eb.fn.max("p.label").as("label"), eb.fn.countAll<number>().as("plays")])
      .where("a.artist_key", "=", artistKey)
      .where("p.label_key", "is not", null)
      .groupBy("p.label_key")
      .orderBy("plays", "desc")
      .orderBy("p.label_key")
      .execute()
  ).pipe(Effect.map((rows) => rows.map((r) => ({ label: r.label ?? "", labelKey: r.label_key ?? "", plays: Number(r.plays) }))))

/** A label's roster as the sets show it: the artists of its played tracks, most plays first. */
export const artistsOfLabel = (labelKey: string): Effect.Effect<ReadonlyArray<{ readonly artist: ArtistKey; readonly plays: number }>, StoreError, Store> =>
  withDb("cannot read the artists of a label", (db) =>
    db
      .selectFrom("played_tracks as p")
      .innerJoin("played_track_artists as a", (join) => join.onRef("a.set_id", "=", "p.set_id").onRef("a.position", "=", "p.position"))
      .select((eb) => ["a.artist_key", eb.fn.max("a.artist").as("artist"), eb.fn.countAll<number>().as("plays")])
      .where("p.label_key", "=", labelKey)
      .groupBy("a.artist_key")
      .orderBy("plays", "desc")
      .orderBy("a.artist_key")
      .execute()
  ).pipe(Effect.map((rows) => rows.map((r) => ({ artist: { key: r.artist_key, name: r.artist }, plays: Number(r.plays) }))))

/** How much the store holds: sets, DJs, played tracks. */
export const djSetCounts = (): Effect.Effect<{ readonly sets: number; readonly djs: number; readonly playedTracks: number }, StoreError, Store> =>
  withDb("cannot count the DJ sets", async (db) => {
    const count = async (table: "dj_sets" | "djs" | "played_tracks") =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n)
    return { sets: await count("dj_sets"), djs: await count("djs"), playedTracks: await count("played_tracks") }
  })
