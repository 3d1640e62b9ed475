import { Schema } from "effect"

/**
 * The host pipeline's local soundtrack database (`config/bollywood_soundtracks.json`): an object
 * keyed `"Title (Year)"`; keys starting with `_` (`_template`) are not films.
 */
const CommaJoined = Schema.String

export const HostTrack = Schema.Struct({
  title: Schema.Trim.pipe(Schema.nonEmptyString()),
  artist: Schema.optional(Schema.NullOr(CommaJoined)),
  composer: Schema.optional(Schema.NullOr(CommaJoined)),
  lyricist: Schema.optional(Schema.NullOr(CommaJoined)),
  duration_ms: Schema.optional(Schema.NullOr(Schema.Number))
})

export const HostFilm = Schema.Struct({
  title: Schema.Trim.pipe(Schema.nonEmptyString()),
  year: Schema.optional(Schema.NullOr(Schema.Union(Schema.Int, Schema.NumberFromString.pipe(Schema.int())))),
  imdb_id: Schema.optional(Schema.NullOr(Schema.String)),
  tracks: Schema.Array(HostTrack)
})
export type HostFilm = typeof HostFilm.Type

/** `"Rashid Ali, Madhushree"` → `["Rashid Ali", "Madhushree"]`. */
export const splitNames = (joined: string | null | undefined): Array<string> =>
  (joined ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name.length > 0)

export const isHostFile = (json: unknown): json is Record<string, unknown> =>
  typeof json === "object" && json !== null && !Array.isArray(json) && !("liner" in json)
