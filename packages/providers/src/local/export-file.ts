import { Origin, Soundtrack } from "@liner/core"
import { Schema } from "effect"

/** Liner's own export: every stored soundtrack with its origin; it round-trips through import. */
export const ExportedSoundtrack = Schema.Struct({
  film: Schema.Struct({ title: Schema.String, year: Schema.NullOr(Schema.Number), imdbId: Schema.NullOr(Schema.String) }),
  origin: Origin,
  matchedBy: Schema.NullOr(Schema.String),
  confidence: Schema.NullOr(Schema.Number),
  fetchedAt: Schema.String,
  expiresAt: Schema.NullOr(Schema.String),
  soundtrack: Soundtrack
})
export type ExportedSoundtrack = typeof ExportedSoundtrack.Type

export const ExportFile = Schema.Struct({
  liner: Schema.Literal("soundtracks"),
  version: Schema.Literal(1),
  exportedAt: Schema.String,
  soundtracks: Schema.Array(ExportedSoundtrack)
})
export type ExportFile = typeof ExportFile.Type
