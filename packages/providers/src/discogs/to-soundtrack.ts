import type { Alternative, Soundtrack, Track } from "@liner/core"
import type { DiscogsArtistCredit, DiscogsRelease, DiscogsSubTrack, DiscogsTrack } from "./client.js"
import { creditedName, type CreditKind, creditKinds } from "./credit-roles.js"
import { tracksCovered } from "./track-ranges.js"

/**
 * A Discogs release as a soundtrack: its tracklist in order with durations, and its credits —
 * per track (`extraartists` of the track) and release-wide (with `tracks` ranges) — mapped onto
 * composers, lyricists and singers.
 *
 * Headings (`type_: "heading"`, "Side One") are titles over tracks, not tracks: left out.
 * An index track (`type_: "index"`, a medley with `sub_tracks`) is kept as ONE track: it is one
 * recording on the medium (one CD index), as MusicBrainz lists it and as a listener hears it; its
 * sub-tracks are parts within it. Its duration is its own, else the sum of its parts when every
 * part has one; credits on the parts or naming their positions are the index track's.
 */

/** "3:45" → 225 000 ms, "1:02:03" → 3 723 000 ms; "" or anything else → null. */
export const durationMs = (duration: string): number | null => {
  const parts = /^(\d+):(\d{1,2})(?::(\d{1,2}))?$/.exec(duration.trim())
  if (parts === null) return null
  const [a, b, c] = [Number(parts[1]), Number(parts[2]), parts[3] === undefined ? undefined : Number(parts[3])]
  const seconds = c === undefined ? a * 60 + b : a * 3600 + b * 60 + c
  return seconds > 0 ? seconds * 1000 : null
}

/** "2001-05-08" as is; "2001-05-00" → "2001-05"; "2001-00-00" → "2001"; else the year, else null. */
const releaseDate = (release: DiscogsRelease): string | null => {
  const released = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(release.released ?? "")
  if (released !== null && released[1] !== "0000") {
    const [, year = "", month, day] = released
    if (month === undefined || month === "00") return year
    if (day === undefined || day === "00") return `${year}-${month}`
    return `${year}-${month}-${day}`
  }
  return release.year !== undefined && release.year !== null && release.year > 0 ? String(release.year) : null
}

/** One track of the answer, with every position that names it (its own, its parts'). */
interface Entry {
  readonly title: string
  readonly positions: ReadonlyArray<string>
  readonly durationMs: number | null
  readonly artists: ReadonlyArray<DiscogsArtistCredit>
  readonly credits: ReadonlyArray<DiscogsArtistCredit>
}

const indexEntry = (index: DiscogsTrack): Entry => {
  const parts: ReadonlyArray<DiscogsSubTrack> = index.sub_tracks.filter((s) => s.type_ !== "heading")
  const partDurations = parts.map((p) => durationMs(p.duration))
  const own = durationMs(index.duration)
  return {
    title: index.title.trim() !== "" ? index.title : parts.map((p) => p.title).join(" / "),
    positions: [index.position, ...parts.map((p) => p.position)].filter((p) => p.trim() !== ""),
    durationMs: own ?? (partDurations.length > 0 && partDurations.every((d) => d !== null) ? partDurations.reduce<number>((sum, d) => sum + (d ?? 0), 0) : null),
    artists: [...index.artists, ...parts.flatMap((p) => p.artists)],
    credits: [...index.extraartists, ...parts.flatMap((p) => p.extraartists)]
  }
}

const entriesOf = (tracklist: ReadonlyArray<DiscogsTrack>): ReadonlyArray<Entry> =>
  tracklist.flatMap((track): ReadonlyArray<Entry> => {
    if (track.type_ === "heading") return []
    if (track.type_ === "index") return [indexEntry(track)]
    return [{ title: track.title, positions: track.position.trim() === "" ? [] : [track.position], durationMs: durationMs(track.duration), artists: track.artists, credits: track.extraartists }]
  })

const distinctNames = (credits: ReadonlyArray<DiscogsArtistCredit>): ReadonlyArray<string> => [...new Set(credits.map(creditedName).filter((n) => n !== ""))]

const withKind = (credits: ReadonlyArray<DiscogsArtistCredit>, kind: CreditKind) => credits.filter((c) => creditKinds(c.role).has(kind))

/** The credits of an entry: its own, and the release-wide ones whose ranges cover one of its positions. */
const creditsFor = (entry: Entry, release: DiscogsRelease, allPositions: ReadonlyArray<string>): ReadonlyArray<DiscogsArtistCredit> => [
  ...entry.credits,
  ...release.extraartists.filter((credit) => {
    const covered = tracksCovered(credit.tracks, allPositions)
    return covered === "all" || entry.positions.some((p) => covered.has(p))
  })
]

export const toSoundtrack = (release: DiscogsRelease, alternatives: ReadonlyArray<Alternative>): Soundtrack => {
  const entries = entriesOf(release.tracklist)
  const allPositions = entries.flatMap((e) => e.positions)
  return {
    album: {
      title: release.title,
      releaseDate: releaseDate(release),
      label: release.labels[0] === undefined ? null : creditedName({ name: release.labels[0].name, anv: "" }) || null,
      musicbrainz: null,
      spotify: null
    },
    tracks: entries.map((entry, index): Track => {
      const credits = creditsFor(entry, release, allPositions)
      const writers = distinctNames(withKind(credits, "writer"))
      const composers = distinctNames(withKind(credits, "composer"))
      const lyricists = distinctNames(withKind(credits, "lyricist"))
      return {
        position: index + 1,
        title: entry.title.trim(),
        // The track's own main artists are its performers on a soundtrack; sung-by credits add to them.
        artists: distinctNames([...entry.artists, ...withKind(credits, "singer")]),
        composers: composers.length > 0 ? composers : writers,
        lyricists: lyricists.length > 0 ? lyricists : writers,
        durationMs: entry.durationMs,
        musicbrainz: null,
        spotify: null
      }
    }),
    alternatives
  }
}
