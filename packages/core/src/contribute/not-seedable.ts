/**
 * What the release editor cannot be seeded with, or what Liner does not know: the person adds it
 * by hand after saving the release. Each item carries the values to enter.
 */
import type { StoredSoundtrack } from "../store/soundtracks.js"
import { imdbPage } from "./edit-note.js"
import { releaseArtists, type SeedOptions } from "./release-seed.js"

export interface ChecklistItem {
  /** What to do, in MusicBrainz's terms. */
  readonly task: string
  /** The values to enter (one a line). */
  readonly values: ReadonlyArray<string>
}

const namesByTrack = (stored: StoredSoundtrack, role: "composers" | "lyricists"): ReadonlyArray<string> =>
  stored.soundtrack.tracks.filter((t) => t[role].length > 0).map((t) => `${t.position}. ${t.title}: ${t[role].join(", ")}`)

export const notSeedable = (stored: StoredSoundtrack, options: SeedOptions = {}): ReadonlyArray<ChecklistItem> => {
  const { film, soundtrack } = stored
  const items: Array<ChecklistItem> = []
  const composers = namesByTrack(stored, "composers")
  if (composers.length > 0) items.push({ task: "Add a composer relationship to each track's work (Edit relationships, after saving)", values: composers })
  const lyricists = namesByTrack(stored, "lyricists")
  if (lyricists.length > 0) items.push({ task: "Add a lyricist relationship to each track's work (Edit relationships, after saving)", values: lyricists })
  if (options.releaseGroupId === undefined)
    items.push(
      film.imdbId === null
        ? { task: "Add the film's IMDb page to the release group's external links (Liner does not know its IMDb id)", values: [] }
        : { task: "Add the film's IMDb page to the release group's external links (Edit the release group, after saving)", values: [imdbPage(film.imdbId)] }
    )
  if (releaseArtists(soundtrack.tracks).length === 0) items.push({ task: "Choose the release artist (no composer is known)", values: [] })
  const unsung = soundtrack.tracks.filter((t) => t.artists.length === 0).map((t) => `${t.position}. ${t.title}`)
  if (unsung.length > 0) items.push({ task: "Credit the artists of these tracks (no singer is known)", values: unsung })
  const untimed = soundtrack.tracks.filter((t) => t.durationMs === null).map((t) => `${t.position}. ${t.title}`)
  if (untimed.length > 0) items.push({ task: "Enter the lengths of these tracks (unknown)", values: untimed })
  if (options.language === undefined) items.push({ task: "Choose the release's language (Liner does not know it)", values: [] })
  if (options.country === undefined) items.push({ task: "Choose the release country", values: [] })
  if (options.format === undefined && stored.origin !== "spotify") items.push({ task: "Choose the medium's format (CD, Digital Media…)", values: [] })
  return items
}
