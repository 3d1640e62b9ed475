import { Schema } from "effect"
import { Attempt } from "./attempt.js"

/** Where a stored soundtrack came from. */
export const Origin = Schema.Literal("pinned", "imported", "musicbrainz", "spotify", "discogs")
export type Origin = typeof Origin.Type

/** The tier that answered a lookup (`cache` when the store served an earlier answer). */
export const SoundtrackSource = Schema.Literal("pinned", "cache", "musicbrainz", "local", "spotify", "discogs")
export type SoundtrackSource = typeof SoundtrackSource.Type

export const MusicBrainzTrackRef = Schema.Struct({ recordingId: Schema.String })
export const SpotifyTrackRef = Schema.Struct({ trackId: Schema.String })

export const Track = Schema.Struct({
  position: Schema.Int,
  title: Schema.String,
  /** Singers / performers in credit order. */
  artists: Schema.Array(Schema.String),
  /** Composers: the "music director" of an Indian film. */
  composers: Schema.Array(Schema.String),
  lyricists: Schema.Array(Schema.String),
  durationMs: Schema.NullOr(Schema.Number),
  musicbrainz: Schema.optional(Schema.NullOr(MusicBrainzTrackRef)),
  spotify: Schema.optional(Schema.NullOr(SpotifyTrackRef)),
  /**
   * Where `composers` or `lyricists` came from when not from the album's own source (e.g.
   * `{"composers": "wikidata"}`: the album lacked them and the film's Wikidata item filled them).
   * Absent when every credit is the album source's own.
   */
  creditSources: Schema.optional(Schema.Struct({ composers: Schema.optional(Schema.String), lyricists: Schema.optional(Schema.String) }))
})
export type Track = typeof Track.Type

export const Album = Schema.Struct({
  title: Schema.String,
  releaseDate: Schema.NullOr(Schema.String),
  label: Schema.NullOr(Schema.String),
  musicbrainz: Schema.NullOr(Schema.Struct({ releaseGroupId: Schema.String, releaseId: Schema.String })),
  spotify: Schema.NullOr(Schema.Struct({ albumId: Schema.String }))
})
export type Album = typeof Album.Type

/** Another soundtrack album of the same film (score, singles…), reported but not chosen. */
export const Alternative = Schema.Struct({
  source: Schema.String,
  title: Schema.String,
  releaseGroupId: Schema.optional(Schema.String),
  albumId: Schema.optional(Schema.String)
})
export type Alternative = typeof Alternative.Type

/** How a tier matched the film (`wikidata`: through the film's Wikidata item, from its IMDb id to the album's release group). */
export const MatchedBy = Schema.Literal("pinned", "imdb", "key", "title", "fuzzy", "wikidata")
export type MatchedBy = typeof MatchedBy.Type

/** A soundtrack as a tier finds it, before it becomes a result. */
export const Soundtrack = Schema.Struct({
  album: Album,
  tracks: Schema.Array(Track),
  alternatives: Schema.Array(Alternative)
})
export type Soundtrack = typeof Soundtrack.Type

export const LookupStatus = Schema.Literal("found", "not_found", "unavailable")
export type LookupStatus = typeof LookupStatus.Type

/** The JSON document of `liner soundtrack --json` (contracts/cli.md), also the programmatic result. */
export const SoundtrackResult = Schema.Struct({
  query: Schema.Struct({
    title: Schema.NullOr(Schema.String),
    year: Schema.NullOr(Schema.Number),
    imdbId: Schema.NullOr(Schema.String)
  }),
  status: LookupStatus,
  source: Schema.NullOr(SoundtrackSource),
  matchedBy: Schema.NullOr(MatchedBy),
  confidence: Schema.NullOr(Schema.Number),
  stale: Schema.Boolean,
  fetchedAt: Schema.NullOr(Schema.String),
  /** Where the answer first came from, kept when the store serves it again. */
  origin: Schema.optional(Schema.NullOr(Origin)),
  album: Schema.NullOr(Album),
  tracks: Schema.Array(Track),
  alternatives: Schema.Array(Alternative),
  attempts: Schema.Array(Attempt)
})
export type SoundtrackResult = typeof SoundtrackResult.Type

/** A result without a soundtrack: the query echoed, nothing found (yet). */
export const emptySoundtrackResult = (
  query: { readonly title?: string | undefined; readonly year?: number | undefined; readonly imdbId?: string | undefined },
  status: LookupStatus,
  attempts: ReadonlyArray<Attempt>
): SoundtrackResult => ({
  query: { title: query.title ?? null, year: query.year ?? null, imdbId: query.imdbId ?? null },
  status,
  source: null,
  matchedBy: null,
  confidence: null,
  stale: false,
  fetchedAt: null,
  origin: null,
  album: null,
  tracks: [],
  alternatives: [],
  attempts
})
