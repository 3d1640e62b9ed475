/**
 * The release editor's seeding fields for a soundtrack Liner holds (MusicBrainz's documented
 * parameters, "Development/Release Editor Seeding", as the server's ReleaseEditor controller reads
 * them): what a POST to `/release/add` pre-fills. Unknown values are left out, never guessed; what
 * the editor cannot take is in `notSeedable` (not-seedable.ts).
 */
import type { Track } from "../domain/soundtrack.js"
import type { StoredSoundtrack } from "../store/soundtracks.js"
import { editNote } from "./edit-note.js"
import { scriptOfTexts } from "./text-script.js"

/** One form field: its documented name and its value (names repeat: `type` twice). */
export type SeedField = readonly [name: string, value: string]

export interface SeedOptions {
  /** An existing release group (MBID) to add the release to, instead of creating one. */
  readonly releaseGroupId?: string | undefined
  /** ISO 639-3, as the editor takes it (`hin`, `tam`). */
  readonly language?: string | undefined
  /** ISO 3166-1 alpha-2 of the release event (`IN`, `XW` for worldwide). */
  readonly country?: string | undefined
  /** The medium's format by its MusicBrainz name (`CD`, `Digital Media`). */
  readonly format?: string | undefined
}

/** A streaming album is a digital release; other origins do not say what the medium was. */
const formatOf = (stored: StoredSoundtrack, options: SeedOptions): string | undefined =>
  options.format ?? (stored.origin === "spotify" ? "Digital Media" : undefined)

/** The composers of the whole soundtrack, in order of first credit: a film soundtrack's release artist. */
export const releaseArtists = (tracks: ReadonlyArray<Track>): ReadonlyArray<string> => [...new Set(tracks.flatMap((t) => t.composers))]

/** `A, B & C`: the join phrase after each name but the last. */
const joinPhrase = (index: number, count: number): string => (index === count - 1 ? "" : index === count - 2 ? " & " : ", ")

const artistCredit = (prefix: string, names: ReadonlyArray<string>): ReadonlyArray<SeedField> =>
  names.flatMap((name, i) => [
    [`${prefix}.names.${i}.name`, name] as const,
    [`${prefix}.names.${i}.artist.name`, name] as const,
    ...(i < names.length - 1 ? [[`${prefix}.names.${i}.join_phrase`, joinPhrase(i, names.length)] as const] : [])
  ])

/** `2008-07-04` → year, month, day as the editor's `events.0.date.*` fields; partial dates too. */
const dateFields = (date: string | null): ReadonlyArray<SeedField> => {
  const parts = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date ?? "")
  if (parts === null) return []
  const [, year, month, day] = parts
  return [
    ["events.0.date.year", String(Number(year))] as const,
    ...(month === undefined ? [] : [["events.0.date.month", String(Number(month))] as const]),
    ...(day === undefined ? [] : [["events.0.date.day", String(Number(day))] as const])
  ]
}

/** The fields, in the order the editor's tabs show them. */
export const releaseSeed = (stored: StoredSoundtrack, options: SeedOptions = {}): ReadonlyArray<SeedField> => {
  const { album, tracks } = stored.soundtrack
  const script = scriptOfTexts([album.title, ...tracks.map((t) => t.title)])
  const format = formatOf(stored, options)
  return [
    ["name", album.title],
    ...(options.releaseGroupId !== undefined ? [["release_group", options.releaseGroupId] as const] : [["type", "Album"] as const, ["type", "Soundtrack"] as const]),
    ["status", "official"],
    ...(options.language === undefined ? [] : [["language", options.language] as const]),
    ...(script === null ? [] : [["script", script] as const]),
    ...dateFields(album.releaseDate),
    ...(options.country === undefined ? [] : [["events.0.country", options.country] as const]),
    ...(album.label === null || album.label.trim() === "" ? [] : [["labels.0.name", album.label] as const]),
    ...artistCredit("artist_credit", releaseArtists(tracks)),
    ...(format === undefined ? [] : [["mediums.0.format", format] as const]),
    ...tracks.flatMap((track, n) => [
      [`mediums.0.track.${n}.number`, String(track.position)] as const,
      [`mediums.0.track.${n}.name`, track.title] as const,
      ...(track.durationMs === null ? [] : [[`mediums.0.track.${n}.length`, String(Math.round(track.durationMs))] as const]),
      ...artistCredit(`mediums.0.track.${n}.artist_credit`, track.artists)
    ]),
    ["edit_note", editNote(stored)]
  ]
}
