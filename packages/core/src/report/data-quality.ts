/**
 * How complete the stored soundtracks are: the share of their tracks that carry a title, a singer,
 * a duration, a composer and a lyricist, against the completeness target, overall and per origin.
 */
import type { TrackCompletenessCounts } from "../store/report-queries.js"
import { shareOf } from "./kpi.js"
import { reportTargets } from "./targets.js"

export const trackFields = ["title", "artist", "duration", "composer", "lyricist"] as const
export type TrackField = (typeof trackFields)[number]

export interface FieldCompleteness {
  readonly field: TrackField
  readonly tracks: number
  readonly share: number | null
  readonly met: boolean | null
}

export interface DataQuality {
  readonly tracks: number
  readonly fields: ReadonlyArray<FieldCompleteness>
  /** The same, per origin of the stored soundtrack (pinned, imported, musicbrainz, spotify). */
  readonly byOrigin: ReadonlyArray<{ readonly origin: string; readonly tracks: number; readonly fields: ReadonlyArray<FieldCompleteness> }>
}

const countOf = (row: TrackCompletenessCounts, field: TrackField): number =>
  ({ title: row.withTitle, artist: row.withArtist, duration: row.withDuration, composer: row.withComposer, lyricist: row.withLyricist })[field]

const fieldsOf = (rows: ReadonlyArray<TrackCompletenessCounts>): ReadonlyArray<FieldCompleteness> => {
  const total = rows.reduce((n, r) => n + r.tracks, 0)
  return trackFields.map((field) => {
    const tracks = rows.reduce((n, r) => n + countOf(r, field), 0)
    const value = shareOf(tracks, total)
    return { field, tracks, share: value, met: value === null ? null : value > reportTargets.completeness }
  })
}

export const dataQualityOf = (rows: ReadonlyArray<TrackCompletenessCounts>): DataQuality => ({
  tracks: rows.reduce((n, r) => n + r.tracks, 0),
  fields: fieldsOf(rows),
  byOrigin: rows.map((r) => ({ origin: r.origin, tracks: r.tracks, fields: fieldsOf([r]) }))
})
