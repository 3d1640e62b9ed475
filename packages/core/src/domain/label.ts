import { Schema } from "effect"
import { Attempt } from "./attempt.js"

/** A DJ track whose label is wanted. */
export const LabelQuery = Schema.Struct({
  title: Schema.Trim.pipe(Schema.nonEmptyString({ message: () => "the track title is empty" })),
  artist: Schema.optional(Schema.String),
  /** A label the catalogue already carries; such tracks are skipped unless asked. */
  labelKnown: Schema.optional(Schema.String)
})
export type LabelQuery = typeof LabelQuery.Type

export const LabelSource = Schema.Literal("title", "learned", "musicbrainz", "beatport", "junodownload", "traxsource")
export type LabelSource = typeof LabelSource.Type

export const LabelEvidence = Schema.Struct({
  url: Schema.optional(Schema.String),
  matchedTitle: Schema.optional(Schema.String),
  matchedArtists: Schema.optional(Schema.Array(Schema.String)),
  score: Schema.optional(Schema.Number)
})
export type LabelEvidence = typeof LabelEvidence.Type

/** What a label tier found. */
export interface LabelFinding {
  readonly label: string
  readonly catalogNumber: string | null
  readonly evidence: LabelEvidence
}

export const LabelStatus = Schema.Literal("found", "not_found", "unavailable", "blocked", "skipped")

/** The JSON document of `liner label --json`. */
export const LabelResult = Schema.Struct({
  query: Schema.Struct({ title: Schema.String, artist: Schema.NullOr(Schema.String), labelKnown: Schema.NullOr(Schema.String) }),
  status: LabelStatus,
  label: Schema.NullOr(Schema.String),
  catalogNumber: Schema.NullOr(Schema.String),
  source: Schema.NullOr(LabelSource),
  confidence: Schema.NullOr(Schema.Number),
  evidence: LabelEvidence,
  attempts: Schema.Array(Attempt)
})
export type LabelResult = typeof LabelResult.Type
