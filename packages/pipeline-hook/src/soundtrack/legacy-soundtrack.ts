import type { Track } from "@liner/core"

/**
 * The `soundtrack` field of the host's older `02_tmdb/enrichment.json`, which its song-bias and
 * lyrics stages read: one entry per song, singers comma-joined (as in its local database),
 * composers joined with ", ", the duration in milliseconds or null when unknown.
 */
export interface LegacySoundtrackEntry {
  readonly title: string
  readonly artist: string
  readonly composer: string
  readonly duration_ms: number | null
}

export const toLegacySoundtrack = (tracks: ReadonlyArray<Track>): ReadonlyArray<LegacySoundtrackEntry> =>
  tracks.map((track) => ({
    title: track.title,
    artist: track.artists.join(", "),
    composer: track.composers.join(", "),
    duration_ms: track.durationMs === null ? null : Math.round(track.durationMs)
  }))
