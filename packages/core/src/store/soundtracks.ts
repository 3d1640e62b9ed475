import { Effect } from "effect"
import type { Kysely, Selectable, Transaction } from "kysely"
import type { MatchedBy, Origin, Soundtrack, Track } from "../domain/soundtrack.js"
import type { Database, SoundtrackTable } from "./database.js"
import { filmKey } from "./film-key.js"
import { indexFilmKey } from "./fuzzy-films.js"
import { type Store, type StoreError, withDb } from "./store.js"

export interface FilmRef {
  readonly title: string
  readonly year: number | null
  readonly imdbId: string | null
}

export interface StoredFilm extends FilmRef {
  readonly id: number
}

/** A soundtrack as the store holds it, with where it came from and how long it is good for. */
export interface StoredSoundtrack {
  readonly id: number
  readonly film: StoredFilm
  readonly origin: Origin
  readonly soundtrack: Soundtrack
  readonly matchedBy: MatchedBy | null
  readonly confidence: number | null
  readonly fetchedAt: string
  /** null: never expires. */
  readonly expiresAt: string | null
}

export interface SoundtrackToSave {
  readonly film: FilmRef
  readonly origin: Origin
  readonly soundtrack: Soundtrack
  readonly matchedBy: MatchedBy | null
  readonly confidence: number | null
  readonly fetchedAt: string
  readonly expiresAt: string | null
}

type Db = Kysely<Database> | Transaction<Database>

const findOrCreateFilm = async (db: Db, film: FilmRef, now: string): Promise<number> => {
  const key = filmKey(film.title)
  const byImdb =
    film.imdbId === null
      ? undefined
      : await db.selectFrom("films").select("id").where("imdb_id", "=", film.imdbId).where("norm_key", "=", key).executeTakeFirst()
  const imdbId = film.imdbId
  let sameTitle = db
    .selectFrom("films")
    .select("id")
    .where("norm_key", "=", key)
    .where((eb) => (film.year === null ? eb("year", "is", null) : eb("year", "=", film.year)))
  // A film whose IMDb id disagrees is another film (or a curated entry with a wrong id): keep it apart.
  if (imdbId !== null) sameTitle = sameTitle.where((eb) => eb.or([eb("imdb_id", "is", null), eb("imdb_id", "=", imdbId)]))
  const existing = byImdb ?? (await sameTitle.executeTakeFirst())
  if (existing !== undefined) {
    if (film.imdbId !== null) await db.updateTable("films").set({ imdb_id: film.imdbId }).where("id", "=", existing.id).execute()
    return existing.id
  }
  const inserted = await db
    .insertInto("films")
    .values({ title: film.title, year: film.year, imdb_id: film.imdbId, norm_key: key, created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow()
  await indexFilmKey(db, inserted.id, key)
  return inserted.id
}

const roles = ["artist", "composer", "lyricist"] as const
const namesOf = (track: Track, role: (typeof roles)[number]): ReadonlyArray<string> =>
  role === "artist" ? track.artists : role === "composer" ? track.composers : track.lyricists

/** Saves a soundtrack, replacing the film's earlier one from the same origin. */
export const saveSoundtrack = (entry: SoundtrackToSave): Effect.Effect<number, StoreError, Store> =>
  withDb("cannot save the soundtrack", (db) =>
    db.transaction().execute(async (trx) => {
      const filmId = await findOrCreateFilm(trx, entry.film, entry.fetchedAt)
      await trx.deleteFrom("soundtracks").where("film_id", "=", filmId).where("origin", "=", entry.origin).execute()
      const { album } = entry.soundtrack
      const { id } = await trx
        .insertInto("soundtracks")
        .values({
          film_id: filmId,
          origin: entry.origin,
          album_title: album.title,
          release_date: album.releaseDate,
          label: album.label,
          mb_release_group_id: album.musicbrainz?.releaseGroupId ?? null,
          mb_release_id: album.musicbrainz?.releaseId ?? null,
          spotify_album_id: album.spotify?.albumId ?? null,
          matched_by: entry.matchedBy,
          confidence: entry.confidence,
          alternatives: JSON.stringify(entry.soundtrack.alternatives),
          fetched_at: entry.fetchedAt,
          expires_at: entry.expiresAt
        })
        .returning("id")
        .executeTakeFirstOrThrow()
      for (const track of entry.soundtrack.tracks) {
        const row = await trx
          .insertInto("tracks")
          .values({
            soundtrack_id: id,
            position: track.position,
            title: track.title,
            duration_ms: track.durationMs,
            mb_recording_id: track.musicbrainz?.recordingId ?? null,
            spotify_track_id: track.spotify?.trackId ?? null
          })
          .returning("id")
          .executeTakeFirstOrThrow()
        const credits = roles.flatMap((role) =>
          namesOf(track, role).map((name, ordinal) => ({ track_id: row.id, role, name, ordinal }))
        )
        if (credits.length > 0) await trx.insertInto("credits").values(credits).execute()
      }
      return id
    })
  )

const soundtrackColumns = [
  "soundtracks.id as id",
  "soundtracks.origin as origin",
  "soundtracks.album_title as album_title",
  "soundtracks.release_date as release_date",
  "soundtracks.label as label",
  "soundtracks.mb_release_group_id as mb_release_group_id",
  "soundtracks.mb_release_id as mb_release_id",
  "soundtracks.spotify_album_id as spotify_album_id",
  "soundtracks.matched_by as matched_by",
  "soundtracks.confidence as confidence",
  "soundtracks.alternatives as alternatives",
  "soundtracks.fetched_at as fetched_at",
  "soundtracks.expires_at as expires_at",
  "films.id as film_id",
  "films.title as film_title",
  "films.year as film_year",
  "films.imdb_id as film_imdb_id"
] as const

/** A soundtrack row with its film's columns, as `soundtrackColumns` selects it. */
type SoundtrackRow = Selectable<SoundtrackTable> & {
  film_title: string
  film_year: number | null
  film_imdb_id: string | null
}

const loadTracks = async (db: Db, soundtrackIds: ReadonlyArray<number>): Promise<Map<number, Array<Track>>> => {
  const bySoundtrack = new Map<number, Array<Track>>()
  if (soundtrackIds.length === 0) return bySoundtrack
  const tracks = await db
    .selectFrom("tracks")
    .selectAll()
    .where("soundtrack_id", "in", soundtrackIds)
    .orderBy("soundtrack_id")
    .orderBy("position")
    .execute()
  const credits =
    tracks.length === 0
      ? []
      : await db
          .selectFrom("credits")
          .select(["track_id", "role", "name"])
          .where("track_id", "in", tracks.map((t) => t.id))
          .orderBy("track_id")
          .orderBy("role")
          .orderBy("ordinal")
          .execute()
  const creditsOf = new Map<number, { artist: Array<string>; composer: Array<string>; lyricist: Array<string> }>()
  for (const c of credits) {
    const entry = creditsOf.get(c.track_id) ?? { artist: [], composer: [], lyricist: [] }
    if (c.role === "artist" || c.role === "composer" || c.role === "lyricist") entry[c.role].push(c.name)
    creditsOf.set(c.track_id, entry)
  }
  for (const t of tracks) {
    const names = creditsOf.get(t.id) ?? { artist: [], composer: [], lyricist: [] }
    const list = bySoundtrack.get(t.soundtrack_id) ?? []
    list.push({
      position: t.position,
      title: t.title,
      artists: names.artist,
      composers: names.composer,
      lyricists: names.lyricist,
      durationMs: t.duration_ms,
      musicbrainz: t.mb_recording_id === null ? null : { recordingId: t.mb_recording_id },
      spotify: t.spotify_track_id === null ? null : { trackId: t.spotify_track_id }
    })
    bySoundtrack.set(t.soundtrack_id, list)
  }
  return bySoundtrack
}

const toStored = (row: SoundtrackRow, tracks: ReadonlyArray<Track>): StoredSoundtrack => ({
  id: row.id,
  film: { id: row.film_id, title: row.film_title, year: row.film_year, imdbId: row.film_imdb_id },
  origin: row.origin as Origin,
  soundtrack: {
    album: {
      title: row.album_title,
      releaseDate: row.release_date,
      label: row.label,
      musicbrainz:
        row.mb_release_group_id === null || row.mb_release_id === null
          ? null
          : { releaseGroupId: row.mb_release_group_id, releaseId: row.mb_release_id },
      spotify: row.spotify_album_id === null ? null : { albumId: row.spotify_album_id }
    },
    tracks,
    alternatives: JSON.parse(row.alternatives)
  },
  matchedBy: row.matched_by as MatchedBy | null,
  confidence: row.confidence,
  fetchedAt: row.fetched_at,
  expiresAt: row.expires_at
})

/** What to look for: any of the film conditions, among the given origins. */
export interface SoundtrackCriteria {
  readonly origins: ReadonlyArray<Origin>
  readonly imdbId?: string
  /** Normalised key (see filmKey). */
  readonly normKey?: string
  /** With normKey: the film year must equal it (films stored without a year match any). */
  readonly year?: number
  /** Exact title as written (with `year`: the `Title (Year)` key of curated files). */
  readonly exactTitle?: string
  readonly filmIds?: ReadonlyArray<number>
}

/** Soundtracks matching the criteria, newest first, with their tracks and credits. */
export const findSoundtracks = (criteria: SoundtrackCriteria): Effect.Effect<ReadonlyArray<StoredSoundtrack>, StoreError, Store> =>
  withDb("cannot read soundtracks", async (db) => {
    if (criteria.origins.length === 0) return []
    let query = db
      .selectFrom("soundtracks")
      .innerJoin("films", "films.id", "soundtracks.film_id")
      .select(soundtrackColumns)
      .where("soundtracks.origin", "in", criteria.origins)
    if (criteria.imdbId !== undefined) query = query.where("films.imdb_id", "=", criteria.imdbId)
    if (criteria.normKey !== undefined) query = query.where("films.norm_key", "=", criteria.normKey)
    if (criteria.exactTitle !== undefined) query = query.where("films.title", "=", criteria.exactTitle)
    if (criteria.year !== undefined) {
      const year = criteria.year
      query = query.where((eb) => eb.or([eb("films.year", "=", year), eb("films.year", "is", null)]))
    }
    if (criteria.filmIds !== undefined) {
      if (criteria.filmIds.length === 0) return []
      query = query.where("films.id", "in", criteria.filmIds)
    }
    const rows = await query.orderBy("soundtracks.fetched_at", "desc").execute()
    const tracks = await loadTracks(db, rows.map((r) => r.id))
    return rows.map((row) => toStored(row, tracks.get(row.id) ?? []))
  })

/** Every soundtrack of the given origins (for `liner db list` and export). */
export const listSoundtracks = (origins: ReadonlyArray<Origin>) => findSoundtracks({ origins })

/** Removes a film's soundtrack from one origin. */
export const deleteSoundtrack = (id: number): Effect.Effect<void, StoreError, Store> =>
  withDb("cannot delete the soundtrack", (db) => db.deleteFrom("soundtracks").where("id", "=", id).execute()).pipe(Effect.asVoid)
