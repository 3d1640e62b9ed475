/**
 * The DJ sets of the store, read once into compact arrays: what every feature of every
 * (track, candidate) pair is computed from. Names (artists, DJs, labels, keys) are interned to
 * numbers, plays are kept in set and position order, so a set's neighbours are one index range.
 *
 * A store of a million played tracks is read in chunks of sets (a bounded number of rows in
 * memory at a time) and holds a few tens of megabytes here.
 */
import { artistKeys, readTrackFacts, type Store, type StoreError, type TrackFact, withDb } from "@liner/core"
import { Effect } from "effect"

/** Names interned to dense ids, in the order first seen. */
export interface NameTable {
  readonly key: ReadonlyArray<string>
  /** The first spelling seen. */
  readonly name: ReadonlyArray<string>
  readonly idOf: ReadonlyMap<string, number>
}

export interface Snapshot {
  readonly sets: {
    readonly sourceId: ReadonlyArray<string>
    /** Plays of set s are [playStart[s], playStart[s + 1]). */
    readonly playStart: Int32Array
    /** DJs of set s are djs[djStart[s] … djStart[s + 1]), in the order the set names them. */
    readonly djStart: Int32Array
    readonly djs: Int32Array
  }
  readonly djs: NameTable
  readonly artists: NameTable
  readonly labels: NameTable
  readonly plays: {
    readonly count: number
    readonly set: Int32Array
    readonly position: Int32Array
    /** Credit id (see `credits`), −1 when the artist is unknown. */
    readonly credit: Int32Array
    /** Label id, −1 when none is shown. */
    readonly label: Int32Array
    /** Interned track key (the source's id), −1 when none. */
    readonly trackKey: Int32Array
    /** Interned title key, −1 when the title is unknown. */
    readonly titleKey: Int32Array
  }
  /** Credit id → the artist ids it credits ("A & B" → [A, B]). */
  readonly credits: ReadonlyArray<Int32Array>
  readonly trackKeys: ReadonlyArray<string>
  readonly titleKeys: ReadonlyArray<string>
  /** The title as shown, for plays whose artist was unknown when imported (by play index). */
  readonly unknownTitles: ReadonlyMap<number, string>
  /** Unknown tracks whose artist is known after all, by group key (see `Resolution`). */
  readonly resolved: ReadonlyMap<string, Resolution>
  /** Learned artist → label knowledge from outside the sets (the label hunter, earlier identifications). */
  readonly learnedLabels: ReadonlyArray<{ readonly artist: number; readonly label: number }>
}

/** Why an unknown track's artist is known: a tracklist that names it, or an earlier identification. */
export type Resolution =
  | { readonly _tag: "Tracklist"; readonly credit: number; readonly set: number }
  | { readonly _tag: "Fact"; readonly credit: number; readonly fact: TrackFact }

/** The group key of an unknown play: its track key, else its title's key; null for a keyless `ID – ID`. */
export const trackGroupKey = (trackKey: string | null, titleKey: string | null): string | null =>
  trackKey !== null ? `key:${trackKey}` : titleKey !== null ? `title:${titleKey}` : null

class Interner {
  readonly key: Array<string> = []
  readonly name: Array<string> = []
  readonly idOf = new Map<string, number>()
  id(key: string, name: string = key): number {
    let id = this.idOf.get(key)
    if (id === undefined) {
      id = this.key.length
      this.idOf.set(key, id)
      this.key.push(key)
      this.name.push(name)
    }
    return id
  }
}

// Sets read per query: about 50 000 played tracks at a catalogue's 25 per set.
const SETS_PER_CHUNK = 2_000

/** Reads the store's DJ sets, with the facts and learned labels, into a snapshot. */
export const readSnapshot = (): Effect.Effect<Snapshot, StoreError, Store> =>
  Effect.gen(function* () {
    const facts = yield* readTrackFacts()
    const setRows = yield* withDb("cannot read the DJ sets", (db) => db.selectFrom("dj_sets").select(["id", "source_id"]).orderBy("id").execute())
    const setIndex = new Map(setRows.map((row, i) => [row.id, i]))
    const djRows = yield* withDb("cannot read the DJs of the sets", (db) =>
      db.selectFrom("dj_set_djs as sd").innerJoin("djs as d", "d.id", "sd.dj_id").select(["sd.set_id", "d.key", "d.name"]).orderBy("sd.set_id").orderBy("sd.ordinal").execute()
    )
    const djs = new Interner()
    const djStart = new Int32Array(setRows.length + 1)
    const setDjs: Array<number> = []
    {
      let row = 0
      for (let s = 0; s < setRows.length; s++) {
        djStart[s] = setDjs.length
        const id = setRows[s]!.id
        while (row < djRows.length && djRows[row]!.set_id < id) row++
        while (row < djRows.length && djRows[row]!.set_id === id) {
          setDjs.push(djs.id(djRows[row]!.key, djRows[row]!.name))
          row++
        }
      }
      djStart[setRows.length] = setDjs.length
    }

    const artists = new Interner()
    const labels = new Interner()
    const trackKeys = new Interner()
    const titleKeys = new Interner()
    const creditIds = new Map<string, number>()
    const credits: Array<Int32Array> = []
    const creditOf = (ids: ReadonlyArray<number>): number => {
      const sorted = [...new Set(ids)].sort((a, b) => a - b)
      const key = sorted.join(",")
      let id = creditIds.get(key)
      if (id === undefined) {
        id = credits.length
        creditIds.set(key, id)
        credits.push(Int32Array.from(sorted))
      }
      return id
    }
    const playSet: Array<number> = []
    const playPosition: Array<number> = []
    const playCredit: Array<number> = []
    const playLabel: Array<number> = []
    const playTrackKey: Array<number> = []
    const playTitleKey: Array<number> = []
    const unknownTitles = new Map<number, string>()
    const playStart = new Int32Array(setRows.length + 1)

    for (let first = 0; first < setRows.length; first += SETS_PER_CHUNK) {
      const last = Math.min(setRows.length, first + SETS_PER_CHUNK) - 1
      const low = setRows[first]!.id
      const high = setRows[last]!.id
      const [plays, credited] = yield* withDb("cannot read the played tracks", (db) =>
        Promise.all([
          db
            .selectFrom("played_tracks")
            .select(["set_id", "position", "artist_unknown", "title", "track_key", "title_key", "label", "label_key"])
            .where("set_id", ">=", low)
            .where("set_id", "<=", high)
            .orderBy("set_id")
            .orderBy("position")
            .execute(),
          db
            .selectFrom("played_track_artists")
            .select(["set_id", "position", "artist_key", "artist"])
            .where("set_id", ">=", low)
            .where("set_id", "<=", high)
            .orderBy("set_id")
            .orderBy("position")
            .execute()
        ])
      )
      let a = 0
      let currentSet = first - 1
      for (const play of plays) {
        const s = setIndex.get(play.set_id)!
        while (currentSet < s) playStart[++currentSet] = playSet.length
        const ids: Array<number> = []
        while (a < credited.length && (credited[a]!.set_id < play.set_id || (credited[a]!.set_id === play.set_id && credited[a]!.position < play.position))) a++
        while (a < credited.length && credited[a]!.set_id === play.set_id && credited[a]!.position === play.position) {
          ids.push(artists.id(credited[a]!.artist_key, credited[a]!.artist))
          a++
        }
        const index = playSet.length
        playSet.push(s)
        playPosition.push(play.position)
        playCredit.push(play.artist_unknown === 1 || ids.length === 0 ? -1 : creditOf(ids))
        playLabel.push(play.label_key === null ? -1 : labels.id(play.label_key, play.label ?? play.label_key))
        playTrackKey.push(play.track_key === null ? -1 : trackKeys.id(play.track_key))
        playTitleKey.push(play.title_key === null ? -1 : titleKeys.id(play.title_key))
        if (play.artist_unknown === 1 || ids.length === 0) unknownTitles.set(index, play.title)
      }
      while (currentSet < last) playStart[++currentSet] = playSet.length
    }
    playStart[setRows.length] = playSet.length

    const learned = yield* withDb("cannot read the label knowledge", (db) =>
      db.selectFrom("label_observations").select(["artist_key", "label_key", "label"]).where("source", "!=", "known").execute()
    )
    const learnedLabels = learned.flatMap((row) => {
      const artist = artists.idOf.get(row.artist_key)
      return artist === undefined ? [] : [{ artist, label: labels.id(row.label_key, row.label) }]
    })

    const credit = Int32Array.from(playCredit)
    const set = Int32Array.from(playSet)
    const trackKey = Int32Array.from(playTrackKey)
    const titleKey = Int32Array.from(playTitleKey)
    const creditOfName = (name: string): number => {
      const keys = artistKeys(name)
      return keys.length === 0 ? -1 : creditOf(keys.map((k) => artists.id(k.key, k.name)))
    }
    const resolved = resolveGroups({ credit, trackKey, titleKey, set }, trackKeys.key, titleKeys.key, facts, creditOfName)
    return {
      sets: { sourceId: setRows.map((row) => row.source_id), playStart, djStart, djs: Int32Array.from(setDjs) },
      djs,
      artists,
      labels,
      plays: {
        count: playSet.length,
        set,
        position: Int32Array.from(playPosition),
        credit,
        label: Int32Array.from(playLabel),
        trackKey,
        titleKey
      },
      credits,
      trackKeys: trackKeys.key,
      titleKeys: titleKeys.key,
      unknownTitles,
      resolved,
      learnedLabels
    }
  })

/**
 * Unknown tracks whose artist is known after all, and their plays credited to it (`credit` is
 * changed in place): a tracklist that names the track (a play with the same track key, or the
 * same title when every named play of it agrees on the credit), else an earlier identification.
 * A known artist is not unknown any more, and its plays count as the artist's.
 */
const resolveGroups = (
  plays: { readonly credit: Int32Array; readonly trackKey: Int32Array; readonly titleKey: Int32Array; readonly set: Int32Array },
  trackKeys: ReadonlyArray<string>,
  titleKeys: ReadonlyArray<string>,
  facts: ReadonlyMap<string, TrackFact>,
  creditOfName: (name: string) => number
): Map<string, Resolution> => {
  const byTrackKey = new Map<number, Map<number, { count: number; set: number }>>()
  const byTitle = new Map<number, { credit: number; set: number } | "disagree">()
  const unknownGroups = new Set<string>()
  const count = plays.credit.length
  for (let p = 0; p < count; p++) {
    const credit = plays.credit[p]!
    const tk = plays.trackKey[p]!
    const tt = plays.titleKey[p]!
    if (credit < 0) {
      const key = trackGroupKey(tk >= 0 ? trackKeys[tk]! : null, tt >= 0 ? titleKeys[tt]! : null)
      if (key !== null) unknownGroups.add(key)
      continue
    }
    if (tk >= 0) {
      const tally = byTrackKey.get(tk) ?? new Map<number, { count: number; set: number }>()
      const entry = tally.get(credit) ?? { count: 0, set: plays.set[p]! }
      entry.count++
      tally.set(credit, entry)
      byTrackKey.set(tk, tally)
    }
    if (tt >= 0) {
      const seen = byTitle.get(tt)
      if (seen === undefined) byTitle.set(tt, { credit, set: plays.set[p]! })
      else if (seen !== "disagree" && seen.credit !== credit) byTitle.set(tt, "disagree")
    }
  }
  const resolved = new Map<string, Resolution>()
  for (const [tk, tally] of byTrackKey) {
    const key = `key:${trackKeys[tk]!}`
    if (!unknownGroups.has(key)) continue
    // The credit most plays name (the first named, on a tie).
    let best: { credit: number; count: number; set: number } | undefined
    for (const [credit, entry] of tally) if (best === undefined || entry.count > best.count) best = { credit, ...entry }
    if (best !== undefined) resolved.set(key, { _tag: "Tracklist", credit: best.credit, set: best.set })
  }
  for (const [tt, seen] of byTitle) {
    const key = `title:${titleKeys[tt]!}`
    if (seen !== "disagree" && unknownGroups.has(key)) resolved.set(key, { _tag: "Tracklist", credit: seen.credit, set: seen.set })
  }
  for (const [key, fact] of facts) {
    if (resolved.has(key) || !unknownGroups.has(key)) continue
    const credit = creditOfName(fact.artist)
    if (credit >= 0) resolved.set(key, { _tag: "Fact", credit, fact })
  }
  if (resolved.size > 0) {
    for (let p = 0; p < count; p++) {
      if (plays.credit[p]! >= 0) continue
      const tk = plays.trackKey[p]!
      const tt = plays.titleKey[p]!
      const key = trackGroupKey(tk >= 0 ? trackKeys[tk]! : null, tt >= 0 ? titleKeys[tt]! : null)
      const resolution = key === null ? undefined : resolved.get(key)
      if (resolution !== undefined) plays.credit[p] = resolution.credit
    }
  }
  return resolved
}
