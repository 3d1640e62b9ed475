import { Schema } from "effect"
import { listField, optionalField } from "./tolerant.js"

/*
 * Songstats Enterprise API payloads, as far as Liner reads them (contracts/songstats.md; the
 * official SDKs and public client code show the shapes). Unknown fields are ignored, a field of
 * the wrong type reads as absent, an unreadable list item is left out: only what identifies an
 * answer (an id, a name) is required.
 */

/** `result` and `message`, on every answer: `{"result": "success", "message": "Data Retrieved."}`. */
const envelope = {
  result: optionalField(Schema.String),
  message: optionalField(Schema.String)
}

export interface SongstatsEnvelope {
  readonly result?: string | undefined
  readonly message?: string | undefined
}

export const SongstatsLabelPayload = Schema.Struct({
  name: Schema.NonEmptyString,
  songstats_label_id: optionalField(Schema.String)
})

export const SongstatsArtistRefPayload = Schema.Struct({
  songstats_artist_id: Schema.NonEmptyString,
  name: Schema.String,
  site_url: optionalField(Schema.String)
})

export const SongstatsTrackArtistPayload = Schema.Struct({
  name: Schema.NonEmptyString,
  songstats_artist_id: optionalField(Schema.String)
})

/** `GET /artists/search?q=…`. */
export const ArtistSearchResponse = Schema.Struct({
  ...envelope,
  results: listField(SongstatsArtistRefPayload)
})
export type ArtistSearchResponse = typeof ArtistSearchResponse.Type

/** `GET /artists/info?songstats_artist_id=…`: labels and genres inside `artist_info` or beside it. */
export const ArtistInfoResponse = Schema.Struct({
  ...envelope,
  artist_info: Schema.Struct({
    ...SongstatsArtistRefPayload.fields,
    genres: listField(Schema.String),
    labels: listField(SongstatsLabelPayload)
  }),
  genres: listField(Schema.String),
  labels: listField(SongstatsLabelPayload)
})
export type ArtistInfoResponse = typeof ArtistInfoResponse.Type

export const SongstatsCatalogTrackPayload = Schema.Struct({
  songstats_track_id: Schema.NonEmptyString,
  title: Schema.String,
  release_date: optionalField(Schema.String),
  isrcs: listField(Schema.String),
  artists: listField(SongstatsTrackArtistPayload),
  labels: listField(SongstatsLabelPayload)
})

/** `GET /artists/catalog?songstats_artist_id=…&limit=…&offset=…`, one page. */
export const ArtistCatalogResponse = Schema.Struct({
  ...envelope,
  catalog: listField(SongstatsCatalogTrackPayload),
  tracks_total: optionalField(Schema.Number),
  next_url: optionalField(Schema.String)
})
export type ArtistCatalogResponse = typeof ArtistCatalogResponse.Type

/** One DJ (a curator of the `tracklist` source) who supports the artist. */
export const SongstatsCuratorPayload = Schema.Struct({
  curator_name: Schema.NonEmptyString,
  curator_id: optionalField(Schema.Union(Schema.String, Schema.Number)),
  external_url: optionalField(Schema.String),
  followers_total: optionalField(Schema.Number)
})

/** `GET /artists/top_curators?songstats_artist_id=…&source=tracklist`: one group per source. */
export const ArtistTopCuratorsResponse = Schema.Struct({
  ...envelope,
  data: listField(
    Schema.Struct({
      source: optionalField(Schema.String),
      top_curators: listField(SongstatsCuratorPayload)
    })
  )
})
export type ArtistTopCuratorsResponse = typeof ArtistTopCuratorsResponse.Type
