import type { ColumnType, Generated } from "kysely"

/** Table types of Liner's store, as kysely sees them. Timestamps are ISO-8601 strings (UTC). */
export interface Database {
  films: FilmTable
  films_fts: FilmFtsTable
  films_fts_vocab: FilmFtsVocabTable
  soundtracks: SoundtrackTable
  tracks: TrackTable
  credits: CreditTable
  misses: MissTable
  lookups: LookupTable
  attempts: AttemptTable
  batch_journal: BatchJournalTable
  label_observations: LabelObservationTable
  queue_items: QueueItemTable
  queue_history: QueueHistoryTable
  songstats_cache: SongstatsCacheTable
  discogs_cache: DiscogsCacheTable
  dj_sets: DjSetTable
  djs: DjTable
  dj_set_djs: DjSetDjTable
  played_tracks: PlayedTrackTable
  played_track_artists: PlayedTrackArtistTable
  identify_model: IdentifyModelTable
  track_facts: TrackFactTable
  contributions: ContributionTable
  wikidata_cache: WikidataCacheTable
  host_pace: HostPaceTable
}

export interface FilmTable {
  id: Generated<number>
  title: string
  year: number | null
  imdb_id: string | null
  /** Normalised, noise-free, romanisation-folded title: what exact and fuzzy matching compare. */
  norm_key: string
  created_at: string
}

/** FTS5 trigram index over `films.norm_key` (rowid = films.id) for fuzzy candidates. */
export interface FilmFtsTable {
  rowid: number
  norm_key: string
}

/** FTS5's vocabulary of `films_fts`: each trigram and how many films hold it (read-only). */
export interface FilmFtsVocabTable {
  term: string
  doc: number
  cnt: number
}

export interface SoundtrackTable {
  id: Generated<number>
  film_id: number
  /** pinned | imported | musicbrainz | spotify */
  origin: string
  album_title: string
  release_date: string | null
  label: string | null
  mb_release_group_id: string | null
  mb_release_id: string | null
  spotify_album_id: string | null
  matched_by: string | null
  confidence: number | null
  /** JSON array of alternatives. */
  alternatives: string
  fetched_at: string
  /** null: never expires (pinned and curated entries). */
  expires_at: string | null
}

export interface TrackTable {
  id: Generated<number>
  soundtrack_id: number
  position: number
  title: string
  duration_ms: number | null
  mb_recording_id: string | null
  spotify_track_id: string | null
}

export interface CreditTable {
  id: Generated<number>
  track_id: number
  /** artist | composer | lyricist */
  role: string
  name: string
  ordinal: number
}

/** Negative answers: every tier answered and none had the film. */
export interface MissTable {
  query_key: string
  query: string
  fetched_at: string
  expires_at: string
}

export interface LookupTable {
  id: Generated<number>
  /** soundtrack | label */
  kind: string
  query: string
  status: string
  source: string | null
  started_at: string
  duration_ms: number
}

export interface AttemptTable {
  id: Generated<number>
  lookup_id: number
  tier: string
  outcome: string
  duration_ms: number
  requests: ColumnType<number | null, number | null | undefined, number | null>
  detail: string | null
}

/** Answers of an unfinished batch, so a re-run asks only what is still open. */
export interface BatchJournalTable {
  /** The batch file's absolute path and kind. */
  batch: string
  /** The query's key within the batch. */
  item: string
  /** The answer as printed (JSON). */
  result: string
  answered_at: string
}

/**
 * Label knowledge (label tier 2): one accepted label per credited artist and track. Several
 * versions of one track count once; a later answer for the same track replaces the earlier one.
 */
export interface LabelObservationTable {
  /** One artist of the credit, normalised (see `artistKeys`): "A & B" gives a row for A and one for B. */
  artist_key: string
  /** The track's core title, normalised, without version or label brackets (see `trackKey`). */
  track_key: string
  /** The artist as credited. */
  artist: string
  /** The label as accepted. */
  label: string
  /** The label normalised (see `labelKey`): what agreement compares. */
  label_key: string
  /** The tier that gave the label (title, musicbrainz, beatport, ...) or "known" (the catalogue had it). */
  source: string
  observed_at: string
}

/** The cool-down queue: lookups that did not answer, one row per (kind, key). */
export interface QueueItemTable {
  id: Generated<number>
  /** soundtrack | label | identify */
  kind: string
  key: string
  /** The query (JSON). */
  query: string
  /** The options it was asked with (JSON object). */
  options: string
  /** pending | in_progress | done | cooling_down | permanently_failed */
  status: string
  not_found_attempts: number
  unavailable_attempts: number
  last_outcome: string | null
  last_error: string | null
  /** null once nothing more will be tried. */
  next_attempt_at: string | null
  created_at: string
  updated_at: string
  lease_owner: string | null
  lease_until: string | null
}

/** Every try of a queue item: kept when the item fails permanently. */
export interface QueueHistoryTable {
  id: Generated<number>
  item_id: number
  at: string
  outcome: string
  detail: string | null
}

/** Songstats answers, one per request (path and parameters, never the API key): every call is billable. */
export interface SongstatsCacheTable {
  /** The path and its parameters in name order (see `songstatsRequestKey`). */
  request_key: string
  /** The API path: "artists/info", "artists/catalog"… */
  path: string
  /** The parameters (JSON object). */
  params: string
  /** The decoded answer (JSON), or `null` when Songstats had no such entity. */
  answer: string
  fetched_at: string
}

/** Discogs answers, one per request (path and parameters, never the token): the API allows 60 requests a minute. */
export interface DiscogsCacheTable {
  /** The path and its parameters in name order (see `discogsRequestKey`). */
  request_key: string
  /** The API path: "database/search", "masters/1234", "releases/5678". */
  path: string
  /** The parameters (JSON object). */
  params: string
  /** The decoded answer (JSON). */
  answer: string
  fetched_at: string
}

/** A DJ set, by the source's id: replaced whole when it is imported with changes. */
export interface DjSetTable {
  id: Generated<number>
  /** The source's id of the set (`set_id`). */
  source_id: string
  /** ISO date (YYYY-MM-DD). */
  date: string | null
  /** Digest of the set as imported: the same digest again leaves the set alone. */
  content_hash: string
  /** How many played tracks it holds. */
  tracks: number
  imported_at: string
}

/** A DJ, by normalised name (the same normalisation as artist keys, so a DJ and an artist compare). */
export interface DjTable {
  id: Generated<number>
  key: string
  /** As first written. */
  name: string
}

/** The DJs of a set: one for a solo set, each DJ of a back-to-back set. */
export interface DjSetDjTable {
  set_id: number
  dj_id: number
  /** The order the set names them in. */
  ordinal: number
}

/** A track played in a set, as the tracklist shows it and with the keys identification compares. */
export interface PlayedTrackTable {
  set_id: number
  /** 1-based, the order of play. */
  position: number
  /** As written; "" when empty. */
  artist: string
  title: string
  label: string | null
  /** The source's own id of the track. */
  track_key: string | null
  /** 1 when the artist is `ID`, `Unknown`, `Unknown Artist` or empty. */
  artist_unknown: number
  /** 1 when the title is `ID` or empty. */
  title_unknown: number
  /** The title's core words normalised (see `trackKey`); null when unknown. */
  title_key: string | null
  /** The label normalised (see `labelKey`); null when none is shown. */
  label_key: string | null
}

/** Each credited artist of a played track (none for an unknown artist). */
export interface PlayedTrackArtistTable {
  set_id: number
  position: number
  /** Normalised (see `artistKeys`). */
  artist_key: string
  /** As credited. */
  artist: string
}

/** The artist-identification model (one row, id 1): splink's settings JSON with trained m and u. */
export interface IdentifyModelTable {
  id: number
  /** The model as splink saves it (JSON). */
  model: string
  trained_at: string
  /** The candidate pairs it was trained on. */
  pairs: number
}

/** An unknown track's artist, as `liner identify` asserted it (only `identified` answers). */
export interface TrackFactTable {
  /** The track's group key: `key:<track_key>` or `title:<title key>` (see `trackGroupKey` in @liner/identify). */
  track: string
  /** The artist credit, as the candidate was spelled. */
  artist: string
  probability: number
  identified_at: string
}

/** Wikidata's answer for a film, by its IMDb id (wikidata-cache.ts): positive and negative answers alike. */
export interface WikidataCacheTable {
  imdb_id: string
  /** The decoded answer (JSON), or `null` when Wikidata has no film with this IMDb id. */
  answer: string
  fetched_at: string
}

/** A MusicBrainz seeding page `liner contribute` wrote for a film (contributions.ts). */
export interface ContributionTable {
  film_id: number
  /** sha256 of the page as written: the same page again is the same contribution. */
  digest: string
  /** The origin of the soundtrack it was built from (pinned, imported, spotify, discogs…). */
  origin: string
  album_title: string
  created_at: string
  /** When a lookup found the film's release group in MusicBrainz; null while pending. */
  landed_at: string | null
  /** The release group it landed as. */
  mb_release_group_id: string | null
}

/** One row per outside host: its pace, shared by every worker of the store (host-pace.ts). */
export interface HostPaceTable {
  host: string
  /** No request to the host starts before this (ms since the epoch; bigint: a string from `pg`). */
  next_at: ColumnType<number | string, number, number>
  /** A worker holds the turn (its request due or in flight) until it hands it back or this passes (ms since the epoch; 0: none). */
  busy_until: ColumnType<number | string, number, number>
  /** The turn's holder: only it may hand the turn back. */
  holder: string | null
}
