import { normalizeText } from "@liner/core"
import { type AlbumChoice, chooseAlbum, releaseYearFactor } from "../soundtrack/album-choice.js"
import type { SpotifyAlbumSummary } from "./client.js"

/**
 * Which of Spotify's search results is the film's soundtrack (`../soundtrack/album-choice.ts`):
 * the title, the release year and the album type.
 */

/** The first year in a Spotify `release_date` ("2009", "2009-11", "2009-11-27"). */
const releaseYear = (album: SpotifyAlbumSummary): number | undefined => {
  const year = Number(album.release_date?.slice(0, 4))
  return Number.isInteger(year) && year > 0 ? year : undefined
}

/** A single is one song of the film at best, not its soundtrack. */
const typeFactor = (album: SpotifyAlbumSummary): number => (album.album_type.toLowerCase() === "single" ? 0.8 : 1)

const labelOf = (album: SpotifyAlbumSummary) => {
  const year = releaseYear(album)
  return year === undefined ? album.name : `${album.name} (${year})`
}

/** The same album listed twice (another market, a re-upload) is one candidate, not a tie. */
const sameRelease = (a: SpotifyAlbumSummary, b: SpotifyAlbumSummary) =>
  a.id === b.id ||
  (normalizeText(a.name) === normalizeText(b.name) &&
    (a.release_date ?? null) === (b.release_date ?? null) &&
    (a.total_tracks ?? null) === (b.total_tracks ?? null) &&
    a.artists.map((x) => x.name).join("|") === b.artists.map((x) => x.name).join("|"))

const distinct = (albums: ReadonlyArray<SpotifyAlbumSummary>) =>
  albums.reduce<Array<SpotifyAlbumSummary>>((kept, album) => (kept.some((k) => sameRelease(k, album)) ? kept : [...kept, album]), [])

export const chooseSoundtrackAlbum = (
  film: { readonly title: string; readonly year?: number | undefined },
  albums: ReadonlyArray<SpotifyAlbumSummary>
): AlbumChoice<SpotifyAlbumSummary> =>
  chooseAlbum(
    film.title,
    distinct(albums).map((album) => ({
      album,
      title: album.name,
      factor: releaseYearFactor(film.year, releaseYear(album)) * typeFactor(album),
      label: labelOf(album),
      key: album.id
    }))
  )
