/**
 * Label tier 2's memory: every label Liner accepted, kept per credited artist and track, so that
 * "which labels has this artist released on, and how often" can be counted later.
 *
 * Multi-artist credits count for each artist: "A & B – Track [X]" is a track of A on X and a
 * track of B on X. Artist credits are split and normalised by the matcher, so "A & B", "B, A" and
 * "A feat. B" record (and later find) the same two artists.
 */
import { Effect } from "effect"
import { normalizeText, tokensOf } from "../match/normalize.js"
import { prepareArtistList, prepareTrackTitle } from "../match/track-title.js"
import { type Store, type StoreError, withDb } from "./store.js"

/** Credits that name nobody in particular: they must never accumulate labels. */
const PLACEHOLDER_ARTISTS: ReadonlySet<string> = new Set(["id", "unknown", "unknown artist", "various", "various artists", "va"])

export interface ArtistKey {
  /** The normalised name (initials joined, diacritics and punctuation gone). */
  readonly key: string
  /** The name as credited. */
  readonly name: string
}

/** The individual artists of a credit, normalised, placeholders ("ID", "Various Artists") left out. */
export const artistKeys = (credit: string | ReadonlyArray<string>): ReadonlyArray<ArtistKey> =>
  prepareArtistList(credit)
    .names.filter((n) => !PLACEHOLDER_ARTISTS.has(n.key))
    .map((n) => ({ key: n.key, name: n.original.trim() }))

/**
 * A track's identity for counting: its core title words, so "Velvet Static (Extended Mix)" and
 * "Velvet Static [Nightglass]" are one track. Falls back to the whole title when nothing is left.
 */
export const trackKey = (title: string): string => {
  const core = prepareTrackTitle(title).core.key
  return core !== "" ? core : normalizeText(title)
}

// "Nightglass" and "Nightglass Records" are one label; "X Music" may be another company, so it stays.
const LABEL_SUFFIX_WORDS: ReadonlySet<string> = new Set(["records", "recordings", "rec", "recs"])

/** A label's spelling for agreement: normalised, without a trailing "Records"/"Recordings". */
export const labelKey = (label: string): string => {
  const words = [...tokensOf(normalizeText(label))]
  while (words.length > 1 && LABEL_SUFFIX_WORDS.has(words.at(-1) ?? "")) words.pop()
  return words.join(" ")
}

export interface LabelObservation {
  /** The credit as given: "A & B". */
  readonly artist: string
  readonly title: string
  readonly label: string
  /** Which tier accepted it, or "known" when the catalogue already carried it. */
  readonly source: string
  readonly observedAt: string
}

/**
 * Records an accepted label for every artist of the credit (replacing an earlier label of the
 * same artist and track). Returns how many artists it was recorded for: 0 when the credit names
 * nobody or the label is blank.
 */
export const recordLabelObservation = (observation: LabelObservation): Effect.Effect<number, StoreError, Store> => {
  const artists = artistKeys(observation.artist)
  const label = observation.label.replace(/\s+/g, " ").trim()
  const key = labelKey(label)
  if (artists.length === 0 || key === "") return Effect.succeed(0)
  const track = trackKey(observation.title)
  const rows = artists.map((a) => ({
    artist_key: a.key,
    track_key: track,
    artist: a.name,
    label,
    label_key: key,
    source: observation.source,
    observed_at: observation.observedAt
  }))
  return withDb("cannot record the label", (db) =>
    db
      .insertInto("label_observations")
      .values(rows)
      .onConflict((oc) =>
        oc.columns(["artist_key", "track_key"]).doUpdateSet((eb) => ({
          artist: eb.ref("excluded.artist"),
          label: eb.ref("excluded.label"),
          label_key: eb.ref("excluded.label_key"),
          source: eb.ref("excluded.source"),
          observed_at: eb.ref("excluded.observed_at")
        }))
      )
      .execute()
  ).pipe(Effect.as(rows.length))
}

/** How often the artists of a credit were seen on one label. */
export interface LabelTally {
  /** The most recent spelling. */
  readonly label: string
  readonly labelKey: string
  /** Distinct tracks (of any of the credit's artists) on this label. */
  readonly tracks: number
  /** The credited artists these tracks came from, as last spelled. */
  readonly artists: ReadonlyArray<string>
}

/**
 * The labels the credit's artists were seen on, most tracks first (ties: most recent first).
 * The artists' histories are pooled, counting each track once: a collaboration seen under both
 * artists is one track, not two.
 */
export const labelTallies = (credit: string | ReadonlyArray<string>): Effect.Effect<ReadonlyArray<LabelTally>, StoreError, Store> => {
  const keys = [...new Set(artistKeys(credit).map((a) => a.key))]
  if (keys.length === 0) return Effect.succeed([])
  return withDb("cannot read the label knowledge", (db) =>
    db
      .selectFrom("label_observations")
      .select(["artist", "track_key", "label", "label_key", "observed_at"])
      .where("artist_key", "in", keys)
      .orderBy("observed_at", "desc")
      .execute()
  ).pipe(
    Effect.map((rows) => {
      const byLabel = new Map<string, { label: string; tracks: Set<string>; artists: Set<string>; lastSeen: string }>()
      for (const row of rows) {
        // Rows come newest first: the first spelling seen is the most recent.
        const entry = byLabel.get(row.label_key) ?? { label: row.label, tracks: new Set(), artists: new Set(), lastSeen: row.observed_at }
        entry.tracks.add(row.track_key)
        entry.artists.add(row.artist)
        byLabel.set(row.label_key, entry)
      }
      return [...byLabel.entries()]
        .sort(([, a], [, b]) => b.tracks.size - a.tracks.size || b.lastSeen.localeCompare(a.lastSeen))
        .map(([labelKey, e]) => ({ label: e.label, labelKey, tracks: e.tracks.size, artists: [...e.artists] }))
    })
  )
}
