import { normalizeText } from "@liner/core"
import { type AlbumChoice, chooseAlbum, releaseYearFactor } from "../soundtrack/album-choice.js"
import type { DiscogsSearchResult } from "./client.js"

/**
 * Which of Discogs' search results is the film's soundtrack (`../soundtrack/album-choice.ts`):
 * the title, the year, the format (a single is one song at best), and whether Discogs files it as
 * film music.
 */

/** Genres and styles Discogs gives film music ("Stage & Screen"; Indian films: "Bollywood", "Filmi"). */
const filmMusic = new Set(["stage & screen", "soundtrack", "score", "bollywood", "filmi", "musical"])

/** "A. R. Rahman - Lagaan" → "Lagaan": the title after the first " - " (artist names keep their inner hyphens). */
export const albumTitle = (result: DiscogsSearchResult): string => {
  const at = result.title.indexOf(" - ")
  return at < 0 ? result.title : result.title.slice(at + 3)
}

export const resultYear = (result: DiscogsSearchResult): number | undefined => {
  const year = Number(result.year ?? Number.NaN)
  return Number.isInteger(year) && year > 0 ? year : undefined
}

const formatFactor = (result: DiscogsSearchResult): number =>
  result.format.some((f) => /^(single|ep|maxi-single)$/i.test(f.trim())) ? 0.8 : 1

/** An album with the film's name that Discogs does not file as film music is another album (a band's, a pop record). */
const filmMusicFactor = (result: DiscogsSearchResult): number =>
  [...result.genre, ...result.style].some((g) => filmMusic.has(g.trim().toLowerCase())) ? 1 : 0.8

const labelOf = (result: DiscogsSearchResult) => {
  const year = resultYear(result)
  return year === undefined ? albumTitle(result) : `${albumTitle(result)} (${year})`
}

/** Several releases of one master are one album, not a tie. */
const albumKey = (result: DiscogsSearchResult) =>
  result.type === "master" ? `master/${result.id}` : result.master_id !== undefined && result.master_id !== null && result.master_id > 0 ? `master/${result.master_id}` : `release/${result.id}`

/** Where an answer's album is on Discogs: "master/402001" or "release/1402003". */
export const discogsAlbumId = albumKey

export const chooseSoundtrackRelease = (
  film: { readonly title: string; readonly year?: number | undefined },
  results: ReadonlyArray<DiscogsSearchResult>
): AlbumChoice<DiscogsSearchResult> =>
  chooseAlbum(
    film.title,
    // Several releases of one master are one album: one of them stands for it.
    [...new Map(results.map((r) => [albumKey(r), r])).values()].map((result) => ({
      album: result,
      title: albumTitle(result),
      factor: releaseYearFactor(film.year, resultYear(result)) * formatFactor(result) * filmMusicFactor(result),
      label: labelOf(result),
      key: albumKey(result)
    }))
  )

/** Plain words only: Discogs' search reads some punctuation as syntax. */
export const searchWords = (title: string) => normalizeText(title)
