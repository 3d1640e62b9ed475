import type { Album, Track } from "@liner/core"
import type { MbArtistCredit, MbRelease, MbTrack, MbWorkRelation } from "./schemas.js"
import { isNotASongArtist, isNotASongTitle, isPlaceholderName } from "./special-artists.js"

/**
 * Turns a release lookup (`inc=artist-credits+labels+recordings+release-groups+
 * recording-level-rels+work-rels+work-level-rels+artist-rels`) into Liner's album and tracks.
 *
 * Rules (documented choices where MusicBrainz leaves room):
 * - Tracks are numbered 1..n in order across all media, after leaving out what is not a song:
 *   tracks titled `[data track]` / `[silence]`, and tracks credited only to `[data]`,
 *   `[unknown]`, `[no artist]` or `[anonymous]`.
 * - Singers are the track's artist credit, in credit order. When that credit holds only the
 *   composers of the song (film albums often credit the music director on every track) and the
 *   recording has `vocal` relationships, the vocalists are the singers instead.
 * - Composers come from the `composer` relationships of the works the recording performs,
 *   lyricists from `lyricist` (and `librettist`). A `writer` (composer/lyricist split unknown)
 *   fills whichever side has nobody: it counts as composer when no composer is known and as
 *   lyricist when no lyricist is known, so it is never lost and never overrides a clear credit.
 * - Names are as credited on the relationship (`target-credit`), else the artist's name;
 *   duplicates and placeholders (`[traditional]`, `[unknown]`) are dropped.
 * - Duration: the track's length, else the recording's, else null.
 * - The album label is the first label-info entry with a label (not `[no label]`).
 */

const unique = (names: ReadonlyArray<string>): ReadonlyArray<string> => {
  const seen = new Set<string>()
  const out: Array<string> = []
  for (const raw of names) {
    const name = raw.trim()
    if (name === "" || isPlaceholderName(name) || seen.has(name.toLowerCase())) continue
    seen.add(name.toLowerCase())
    out.push(name)
  }
  return out
}

const creditedName = (rel: MbWorkRelation): string => (rel["target-credit"] !== "" ? rel["target-credit"] : (rel.artist?.name ?? ""))

/** Artists of one relationship type on the works of a recording. */
const workArtists = (track: MbTrack, types: ReadonlyArray<string>): ReadonlyArray<string> =>
  (track.recording?.relations ?? [])
    .filter((r) => r.type === "performance" && r.work !== undefined)
    .flatMap((r) => r.work?.relations ?? [])
    .filter((r) => types.includes(r.type) && r.artist !== undefined)
    .map(creditedName)

const creditNames = (credit: ReadonlyArray<MbArtistCredit>): ReadonlyArray<string> => credit.map((c) => c.name)

export const isSong = (track: MbTrack): boolean => {
  if (isNotASongTitle(track.title)) return false
  const credit = track["artist-credit"].length > 0 ? track["artist-credit"] : (track.recording?.["artist-credit"] ?? [])
  return credit.length === 0 || !credit.every((c) => isNotASongArtist(c.artist))
}

export const trackOf = (track: MbTrack, position: number): Track => {
  const composersOnly = workArtists(track, ["composer"])
  const lyricistsOnly = workArtists(track, ["lyricist", "librettist"])
  const writers = workArtists(track, ["writer"])
  const composers = unique(composersOnly.length > 0 ? composersOnly : writers)
  const lyricists = unique(lyricistsOnly.length > 0 ? lyricistsOnly : writers)

  const credit = track["artist-credit"].length > 0 ? track["artist-credit"] : (track.recording?.["artist-credit"] ?? [])
  const credited = unique(creditNames(credit))
  const vocalists = unique(
    (track.recording?.relations ?? [])
      .filter((r) => r.type === "vocal" && r.artist !== undefined)
      .map((r) => (r["target-credit"] !== "" ? r["target-credit"] : (r.artist?.name ?? "")))
  )
  const composerKeys = new Set(composers.map((n) => n.toLowerCase()))
  const creditIsOnlyComposers = credited.length > 0 && credited.every((n) => composerKeys.has(n.toLowerCase()))
  const artists = creditIsOnlyComposers && vocalists.length > 0 ? vocalists : credited

  return {
    position,
    title: track.title,
    artists,
    composers,
    lyricists,
    durationMs: track.length ?? track.recording?.length ?? null,
    musicbrainz: track.recording === undefined ? null : { recordingId: track.recording.id }
  }
}

/** The songs of a release, numbered across media. */
export const tracksOf = (release: MbRelease): ReadonlyArray<Track> =>
  release.media
    .flatMap((medium) => medium.tracks)
    .filter(isSong)
    .map((track, i) => trackOf(track, i + 1))

export const labelOf = (release: MbRelease): string | null => {
  const entry = release["label-info"].find((li) => li.label !== null && !isPlaceholderName(li.label.name))
  return entry?.label?.name ?? null
}

export const albumOf = (release: MbRelease, releaseGroup: { readonly id: string; readonly title: string; readonly firstReleaseDate: string }): Album => ({
  title: releaseGroup.title !== "" ? releaseGroup.title : release.title,
  releaseDate: release.date !== "" ? release.date : releaseGroup.firstReleaseDate !== "" ? releaseGroup.firstReleaseDate : null,
  label: labelOf(release),
  musicbrainz: { releaseGroupId: releaseGroup.id, releaseId: release.id },
  spotify: null
})
