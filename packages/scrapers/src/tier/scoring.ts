import {
  artistListSimilarity,
  bracketGroups,
  type LabelQuery,
  nameSimilarity,
  prepareArtistList,
  trackTitleSimilarity,
  withoutGroups
} from "@liner/core"
import { displayTitle, type StoreTrackHit } from "../hit.js"

/**
 * The free-text search for a query: artist and title with every bracket removed. Beatport
 * answers 403 when `q` holds more than one pair of `()`, and a version or label in brackets
 * only narrows a store's search; scoring looks at the version afterwards.
 */
export const searchText = (query: LabelQuery): string =>
  [query.artist ?? "", query.title]
    .map((part) => withoutGroups(part, bracketGroups(part)).replace(/[()[\]{}]/g, " "))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim()

/** Share of the query's artists found among the hit's (a store may credit more people). */
const coverage = (queryArtist: string, credited: ReadonlyArray<string>): number => {
  const wanted = prepareArtistList(queryArtist).names
  const found = prepareArtistList(credited).names
  if (wanted.length === 0 || found.length === 0) return 0
  const best = wanted.map((w) => Math.max(...found.map((f) => nameSimilarity(w, f))))
  return best.reduce((a, b) => a + b, 0) / wanted.length
}

/**
 * How well a store's track matches the query, in [0, 1]: the title similarity (versions weigh
 * little) times the artist similarity when the query names an artist, so both must agree. The
 * artist side takes the best of: the credited artists, artists plus remixers, and 0.95 × the
 * share of the query's artists the store credits (stores often credit more people than a
 * tracklist does).
 */
export const scoreHit = (query: LabelQuery, hit: StoreTrackHit): number => {
  const title = trackTitleSimilarity(query.title, displayTitle(hit))
  const artist = query.artist?.trim() ?? ""
  if (artist === "") return title
  const everyone = [...hit.artists, ...hit.remixers]
  const artistScore = Math.max(
    artistListSimilarity(artist, hit.artists),
    artistListSimilarity(artist, everyone),
    0.95 * coverage(artist, everyone)
  )
  return title * artistScore
}
