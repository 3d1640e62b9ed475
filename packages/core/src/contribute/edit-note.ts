/**
 * The edit note that travels with a seeded release: where the data came from and the film's IMDb
 * page. MusicBrainz voters read it to judge the edit.
 */
import type { StoredSoundtrack } from "../store/soundtracks.js"
import { LINER_VERSION } from "../version.js"

/** The film's IMDb page, as IMDb writes its address. */
export const imdbPage = (imdbId: string): string => `https://www.imdb.com/title/${imdbId}/`

/** What each origin means to a MusicBrainz editor. */
const sourceOf = (stored: StoredSoundtrack): string => {
  switch (stored.origin) {
    case "pinned":
      return "an entry added by hand to a curated soundtrack database"
    case "imported":
      return "a curated soundtrack database (imported)"
    case "spotify":
      return stored.soundtrack.album.spotify === null ? "Spotify" : `the Spotify album https://open.spotify.com/album/${stored.soundtrack.album.spotify.albumId}`
    case "discogs":
      return "Discogs"
    default:
      return stored.origin
  }
}

export const editNote = (stored: StoredSoundtrack): string => {
  const { film } = stored
  const year = film.year === null ? "" : ` (${film.year})`
  return [
    `Soundtrack of the film "${film.title}"${year}.`,
    // The address on a line of its own: punctuation after it would become part of the link.
    ...(film.imdbId === null ? [] : [`IMDb: ${imdbPage(film.imdbId)}`]),
    `Tracklist, lengths and credits from ${sourceOf(stored)}; seeded with Liner ${LINER_VERSION}.`
  ].join("\n")
}
