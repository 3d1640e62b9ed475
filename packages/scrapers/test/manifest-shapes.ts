/**
 * Parser results in the manifest's vocabulary (snake_case keys), so tests compare them with
 * `expected` / `expected_results` as written. Keys starting with "_" in the manifest are notes.
 */
import type { BeatportTrack, JunoRelease, JunoTrack, TraxsourceTitlePage, TraxsourceTrack, TraxsourceTrackPage } from "../src/index.js"

export const withoutNotes = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutNotes)
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !k.startsWith("_"))
        .map(([k, v]) => [k, withoutNotes(v)])
    )
  }
  return value
}

/** Replaces the live site's origin in every string (expected URLs) by a local server's. */
export const rebase = (value: unknown, live: string, local: string): unknown => {
  if (typeof value === "string") return value.startsWith(live) ? local + value.slice(live.length) : value
  if (Array.isArray(value)) return value.map((v) => rebase(v, live, local))
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rebase(v, live, local)]))
  }
  return value
}

export const beatportShape = (t: BeatportTrack) => ({
  track_id: t.trackId,
  title: t.title,
  mix_name: t.mix,
  artists: t.artists,
  remixers: t.remixers,
  label: t.label,
  catalog_number: t.catalogNumber,
  release_title: t.releaseTitle,
  release_id: t.releaseId,
  release_date: t.releaseDate,
  isrc: t.isrc,
  bpm: t.bpm,
  key: t.key,
  genre: t.genre,
  sub_genre: t.subGenre,
  duration_ms: t.durationMs,
  url: t.url
})

export const junoTrackShape = (t: JunoTrack) => ({
  title_display: t.titleDisplay,
  artists_display: t.artistsDisplay,
  artist: t.artistsDisplay[0],
  label: t.label,
  bpm: t.bpm,
  duration: t.duration,
  genre: t.genre,
  release_date: t.releaseDate,
  track_number: t.trackNumber,
  number: t.trackNumber,
  url: t.url
})

export const junoReleaseShape = (r: JunoRelease) => ({
  release_title: r.releaseTitle,
  label: r.label,
  catalog_number: r.catalogNumber,
  release_date: r.releaseDate,
  url: r.url,
  // The manifest writes a VA release's artist as the plain string shown.
  artists_display: r.various ? r.artistsDisplay[0] : r.artistsDisplay,
  genre: r.genre,
  tracks: r.tracks.map(junoTrackShape)
})

export const traxsourceRowShape = (t: TraxsourceTrack) => ({
  track_id: t.trackId,
  title: t.title,
  version: t.version,
  artists: t.artists,
  remixers: t.remixers,
  label: t.label,
  key: t.key,
  bpm: t.bpm,
  genre: t.genre,
  release_date: t.releaseDate,
  preorder: t.preorder,
  duration: t.duration,
  title_id: t.titleId,
  url: t.url
})

export const traxsourceTrackPageShape = (p: TraxsourceTrackPage) => ({
  title: p.title,
  version: p.version,
  artists: p.artists,
  release_title: p.releaseTitle,
  release_url: p.releaseUrl,
  label: p.label,
  release_date: p.releaseDate,
  duration: p.duration,
  key: p.key,
  bpm: p.bpm,
  genre: p.genre
})

export const traxsourceTitleShape = (p: TraxsourceTitlePage) => ({
  release_title: p.releaseTitle,
  release_artists: p.releaseArtists,
  label: p.label,
  catalog_number: p.catalogNumber,
  release_date: p.releaseDate,
  track_total: p.trackTotal,
  track_numbers: Object.fromEntries(p.tracks.map((t) => [String(t.trackId), t.trackNumber])),
  remixers: Object.fromEntries(p.tracks.filter((t) => t.remixers.length > 0).map((t) => [String(t.trackId), t.remixers]))
})
