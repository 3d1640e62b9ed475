import { Schema } from "effect"

/**
 * ws/2 JSON payloads, as far as Liner reads them. Unknown fields are ignored; keys that search
 * answers leave out when empty (`secondary-types`, `joinphrase`, `status`, `date`…) decode to
 * `[]`, `""` or `null`, so lookups and searches reach the code in the same shape. Keys keep
 * MusicBrainz's spelling (`"sort-name"`, `release_group` in relations).
 */

const arrayOf = <S extends Schema.Schema.Any>(item: S) => Schema.optionalWith(Schema.Array(item), { default: () => [] })
const nullable = <S extends Schema.Schema.Any>(value: S) => Schema.optionalWith(Schema.NullOr(value), { default: () => null })
/** `""` for a missing or null string. */
const stringOrEmpty = Schema.optionalWith(Schema.String, { default: () => "", nullable: true })

export const MbArtist = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  "sort-name": stringOrEmpty,
  type: nullable(Schema.String),
  disambiguation: stringOrEmpty
})
export type MbArtist = typeof MbArtist.Type

const CreditAsSent = Schema.Struct({
  /** Some search answers leave the credited name out when it is the artist's name. */
  name: Schema.optional(Schema.String),
  /** Omitted by search answers when empty. */
  joinphrase: stringOrEmpty,
  artist: MbArtist
})

export const MbArtistCredit = Schema.transform(
  CreditAsSent,
  Schema.Struct({
    /** The name as credited here (may differ from the artist's name). */
    name: Schema.String,
    joinphrase: Schema.String,
    artist: Schema.typeSchema(MbArtist)
  }),
  { strict: true, decode: (c) => ({ ...c, name: c.name ?? c.artist.name }), encode: (c) => c }
)
export type MbArtistCredit = typeof MbArtistCredit.Type

export const MbLabel = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  "sort-name": stringOrEmpty,
  type: nullable(Schema.String),
  country: nullable(Schema.String),
  disambiguation: stringOrEmpty,
  /** Search answers only. */
  score: Schema.optional(Schema.Number)
})
export type MbLabel = typeof MbLabel.Type

export const MbLabelInfo = Schema.Struct({
  "catalog-number": nullable(Schema.String),
  label: nullable(MbLabel)
})
export type MbLabelInfo = typeof MbLabelInfo.Type

/** A release group as lookups, searches and relations send it (relations: types are null). */
const releaseGroupFields = {
  id: Schema.String,
  title: stringOrEmpty,
  "primary-type": nullable(Schema.String),
  "secondary-types": arrayOf(Schema.String),
  /** `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or "". */
  "first-release-date": stringOrEmpty,
  disambiguation: stringOrEmpty,
  "artist-credit": arrayOf(MbArtistCredit)
}
export const MbReleaseGroupRef = Schema.Struct(releaseGroupFields)
export type MbReleaseGroupRef = typeof MbReleaseGroupRef.Type

/** Common fields of every relation; the target sits under a key named after `target-type`. */
const relationFields = {
  type: Schema.String,
  "type-id": nullable(Schema.String),
  "target-type": stringOrEmpty,
  direction: stringOrEmpty,
  attributes: arrayOf(Schema.String),
  /** The target's name as credited on this relation ("" when not credited differently). */
  "target-credit": stringOrEmpty,
  artist: Schema.optional(MbArtist),
  /** Spelled with an underscore in relations (and only there). */
  release_group: Schema.optional(MbReleaseGroupRef),
  recording: Schema.optional(Schema.Struct({ id: Schema.String, title: stringOrEmpty }))
}

/** A relation of a work (composer, lyricist, writer…); a nested work keeps only its id and title. */
export const MbWorkRelation = Schema.Struct({
  ...relationFields,
  work: Schema.optional(Schema.Struct({ id: Schema.String, title: stringOrEmpty }))
})
export type MbWorkRelation = typeof MbWorkRelation.Type

export const MbWork = Schema.Struct({
  id: Schema.String,
  title: stringOrEmpty,
  relations: arrayOf(MbWorkRelation)
})
export type MbWork = typeof MbWork.Type

/** A relation of a url or a recording (IMDb, performance → work, vocal → artist…). */
export const MbRelation = Schema.Struct({
  ...relationFields,
  work: Schema.optional(MbWork)
})
export type MbRelation = typeof MbRelation.Type

/** A track inside a search answer's medium (`track`, singular). */
export const MbSearchTrack = Schema.Struct({
  id: Schema.String,
  number: stringOrEmpty,
  title: stringOrEmpty,
  length: nullable(Schema.Number)
})

export const MbRecordingRef = Schema.Struct({
  id: Schema.String,
  title: stringOrEmpty,
  length: nullable(Schema.Number),
  "artist-credit": arrayOf(MbArtistCredit),
  relations: arrayOf(MbRelation)
})
export type MbRecordingRef = typeof MbRecordingRef.Type

/** A track of a release lookup. */
export const MbTrack = Schema.Struct({
  id: Schema.String,
  number: stringOrEmpty,
  position: Schema.optional(Schema.Number),
  title: stringOrEmpty,
  length: nullable(Schema.Number),
  "artist-credit": arrayOf(MbArtistCredit),
  recording: Schema.optional(MbRecordingRef)
})
export type MbTrack = typeof MbTrack.Type

export const MbMedium = Schema.Struct({
  position: Schema.optional(Schema.Number),
  format: nullable(Schema.String),
  "track-count": Schema.optional(Schema.Number),
  "track-offset": Schema.optional(Schema.Number),
  /** Lookups and browses with `inc=recordings`. */
  tracks: arrayOf(MbTrack),
  /** Search answers: only the matching track, under the singular key. */
  track: arrayOf(MbSearchTrack)
})
export type MbMedium = typeof MbMedium.Type

/** A release as a lookup, a browse page, a release-group lookup or a search lists it. */
export const MbRelease = Schema.Struct({
  id: Schema.String,
  title: stringOrEmpty,
  status: nullable(Schema.String),
  date: stringOrEmpty,
  country: nullable(Schema.String),
  "artist-credit": arrayOf(MbArtistCredit),
  "label-info": arrayOf(MbLabelInfo),
  media: arrayOf(MbMedium),
  "track-count": Schema.optional(Schema.Number),
  "release-group": Schema.optional(MbReleaseGroupRef)
})
export type MbRelease = typeof MbRelease.Type

/** A release group with its releases (lookup `inc=releases`, or a search hit with its `score`). */
export const MbReleaseGroup = Schema.Struct({
  ...releaseGroupFields,
  releases: arrayOf(MbRelease),
  /** Search hits: how many releases the group has (`releases` lists them). */
  count: Schema.optional(Schema.Number),
  score: Schema.optional(Schema.Number)
})
export type MbReleaseGroup = typeof MbReleaseGroup.Type

/** A recording (lookup, or a search hit with `score` and its releases). */
export const MbRecording = Schema.Struct({
  ...MbRecordingRef.fields,
  "first-release-date": stringOrEmpty,
  releases: arrayOf(MbRelease),
  score: Schema.optional(Schema.Number)
})
export type MbRecording = typeof MbRecording.Type

// ---------------------------------------------------------------------------------------------
// Whole answers.

/** `GET /ws/2/url?resource=X` (one resource): the url itself; a miss is a 404. */
export const MbUrl = Schema.Struct({
  id: Schema.String,
  resource: Schema.String,
  relations: arrayOf(MbRelation)
})
export type MbUrl = typeof MbUrl.Type

/** `GET /ws/2/url?resource=A&resource=B`: the envelope; a miss is `url-count: 0`. */
export const MbUrlList = Schema.Struct({
  "url-count": Schema.Number,
  "url-offset": Schema.optional(Schema.Number),
  urls: arrayOf(MbUrl)
})
export type MbUrlList = typeof MbUrlList.Type

const searchEnvelope = {
  count: Schema.optional(Schema.Number),
  offset: Schema.optional(Schema.Number)
}

export const MbReleaseGroupSearch = Schema.Struct({ ...searchEnvelope, "release-groups": arrayOf(MbReleaseGroup) })
export type MbReleaseGroupSearch = typeof MbReleaseGroupSearch.Type

export const MbRecordingSearch = Schema.Struct({ ...searchEnvelope, recordings: arrayOf(MbRecording) })
export type MbRecordingSearch = typeof MbRecordingSearch.Type

export const MbLabelSearch = Schema.Struct({ ...searchEnvelope, labels: arrayOf(MbLabel) })
export type MbLabelSearch = typeof MbLabelSearch.Type

/** Release search (answers carry `label-info`). */
export const MbReleaseSearch = Schema.Struct({ ...searchEnvelope, releases: arrayOf(MbRelease) })
export type MbReleaseSearch = typeof MbReleaseSearch.Type

/** `GET /ws/2/release?<entity>=<mbid>`: one page of a browse. */
export const MbReleaseBrowse = Schema.Struct({
  "release-count": Schema.Number,
  "release-offset": Schema.optional(Schema.Number),
  releases: arrayOf(MbRelease)
})
export type MbReleaseBrowse = typeof MbReleaseBrowse.Type

/** `{"error": "...", "help": "..."}` of 400/404 answers. */
export const MbError = Schema.Struct({ error: Schema.String, help: Schema.optional(Schema.String) })
export type MbError = typeof MbError.Type
