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
import type { DiscogsSearchResult } from "./client.js"

/**
 * Which of Discogs' search results is the film's soundtrack, by the same rule as Spotify's and
 * MusicBrainz's (a clear winner by score AND margin, else "ambiguous"): title similarity after
 * soundtrack noise is stripped, the year, the format (a single is one song at best), and whether
 * Discogs files it as film music. Songs albums are decided before a score.
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

/** A soundtrack often comes out a little before or after its film: one year off is nearly as good. */
const yearFactor = (wanted: number | undefined, result: DiscogsSearchResult): number => {
  const year = resultYear(result)
  if (wanted === undefined || year === undefined) return 1
  const gap = Math.abs(year - wanted)
  return gap === 0 ? 1 : gap === 1 ? 0.95 : 0.5
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

interface Scored {
  readonly result: DiscogsSearchResult
  readonly prepared: PreparedTitle
  readonly similarity: number
}

export interface ReleaseChoice {
  readonly decision: Decision<DiscogsSearchResult>
  /** When one was accepted: the other albums whose title is as close (score, other editions, remakes). */
  readonly alternatives: ReadonlyArray<DiscogsSearchResult>
}

export const chooseSoundtrackRelease = (
  film: { readonly title: string; readonly year?: number | undefined },
  results: ReadonlyArray<DiscogsSearchResult>
): ReleaseChoice => {
  const wanted = prepareTitle(film.title)
  const distinct = [...new Map(results.map((r) => [albumKey(r), r])).values()]
  const scored: Array<Scored> = distinct.map((result) => {
    const prepared = prepareTitle(albumTitle(result))
    return { result, prepared, similarity: titleSimilarity(wanted, prepared) }
  })
  const decideAmong = (pool: ReadonlyArray<Scored>): Decision<DiscogsSearchResult> =>
    decide(
      pool.map(
        (s): ScoredCandidate<DiscogsSearchResult> => ({
          candidate: s.result,
          score: s.similarity * yearFactor(film.year, s.result) * formatFactor(s.result) * filmMusicFactor(s.result),
          label: labelOf(s.result)
        })
      ),
      defaultMatchRule
    )
  const alternativesTo = (decision: Decision<DiscogsSearchResult>) =>
    decision._tag === "Accepted"
      ? scored.filter((s) => albumKey(s.result) !== albumKey(decision.candidate) && s.similarity >= defaultMatchRule.minScore).map((s) => s.result)
      : []
  const songs = decideAmong(scored.filter((s) => !s.prepared.isScore))
  if (songs._tag !== "NoMatch") return { decision: songs, alternatives: alternativesTo(songs) }
  const score = decideAmong(scored.filter((s) => s.prepared.isScore))
  if (score._tag !== "NoMatch") return { decision: score, alternatives: alternativesTo(score) }
  const best = [songs.best, score.best].filter((b) => b !== undefined).sort((x, y) => y.score - x.score)[0]
  return { decision: best === undefined ? { _tag: "NoMatch" } : { _tag: "NoMatch", best }, alternatives: [] }
}

/** Plain words only: Discogs' search reads some punctuation as syntax. */
export const searchWords = (title: string) => normalizeText(title)
