import {
  decide,
  type Decision,
  defaultMatchRule,
  normalizeText,
  prepareTitle,
  type PreparedTitle,
  type ScoredCandidate,
  titleSimilarity
} from "@liner/core"
import type { SpotifyAlbumSummary } from "./client.js"

/**
 * Which of Spotify's search results is the film's soundtrack: title similarity after soundtrack
 * noise is stripped, the release year, the album type, and the songs album before a score,
 * decided by the shared rule (a clear winner, or "ambiguous").
 */

/** The first year in a Spotify `release_date` ("2009", "2009-11", "2009-11-27"). */
const releaseYear = (album: SpotifyAlbumSummary): number | undefined => {
  const year = Number(album.release_date?.slice(0, 4))
  return Number.isInteger(year) && year > 0 ? year : undefined
}

/**
 * A soundtrack often comes out some weeks before or after its film, so one year off is nearly as
 * good; further off is another film (a remake, a sequel) unless the title says otherwise.
 */
const yearFactor = (wanted: number | undefined, album: SpotifyAlbumSummary): number => {
  const year = releaseYear(album)
  if (wanted === undefined || year === undefined) return 1
  const gap = Math.abs(year - wanted)
  return gap === 0 ? 1 : gap === 1 ? 0.95 : 0.5
}

/** A single is one song of the film at best, not its soundtrack. */
const typeFactor = (album: SpotifyAlbumSummary): number => (album.album_type.toLowerCase() === "single" ? 0.8 : 1)

interface Scored {
  readonly album: SpotifyAlbumSummary
  readonly prepared: PreparedTitle
  /** Title similarity alone, before year and type. */
  readonly similarity: number
}

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

/** Albums as close by title as the accepted one, reported beside the answer. */
const alternativesTo = (decision: Decision<SpotifyAlbumSummary>, scored: ReadonlyArray<Scored>) =>
  decision._tag === "Accepted"
    ? scored.filter((s) => s.album.id !== decision.candidate.id && s.similarity >= defaultMatchRule.minScore).map((s) => s.album)
    : []

export interface AlbumChoice {
  readonly decision: Decision<SpotifyAlbumSummary>
  /** When one was accepted: the other albums whose title is as close (score, other editions, remakes). */
  readonly alternatives: ReadonlyArray<SpotifyAlbumSummary>
}

/**
 * Songs albums are decided among themselves first: a score album of the same film is the
 * expected companion, not a rival. Only when no songs album matches is a score considered.
 */
export const chooseSoundtrackAlbum = (
  film: { readonly title: string; readonly year?: number | undefined },
  albums: ReadonlyArray<SpotifyAlbumSummary>
): AlbumChoice => {
  const wanted = prepareTitle(film.title)
  const scored: Array<Scored> = distinct(albums).map((album) => {
    const prepared = prepareTitle(album.name)
    return { album, prepared, similarity: titleSimilarity(wanted, prepared) }
  })
  const decideAmong = (pool: ReadonlyArray<Scored>): Decision<SpotifyAlbumSummary> =>
    decide(
      pool.map(
        (s): ScoredCandidate<SpotifyAlbumSummary> => ({
          candidate: s.album,
          score: s.similarity * yearFactor(film.year, s.album) * typeFactor(s.album),
          label: labelOf(s.album)
        })
      ),
      defaultMatchRule
    )
  const songs = decideAmong(scored.filter((s) => !s.prepared.isScore))
  if (songs._tag !== "NoMatch") return { decision: songs, alternatives: alternativesTo(songs, scored) }
  const score = decideAmong(scored.filter((s) => s.prepared.isScore))
  if (score._tag !== "NoMatch") return { decision: score, alternatives: alternativesTo(score, scored) }
  // Neither matched: explain with the closest of all.
  const best = [songs.best, score.best].filter((b) => b !== undefined).sort((x, y) => y.score - x.score)[0]
  return { decision: best === undefined ? { _tag: "NoMatch" } : { _tag: "NoMatch", best }, alternatives: [] }
}
