import { filmTitleSimilarity, filmYearFactor, prepareTitle, type PreparedTitle, type ScoredCandidate } from "@liner/core"
import type { MbReleaseGroup } from "./schemas.js"

/**
 * Scores the release groups a soundtrack search returned against the film asked for.
 *
 *   score = title similarity (soundtrack noise stripped, romanisation folded)
 *         × year factor × kind factor
 *
 * - Title: core's `filmTitleSimilarity`, so a film known by its short title ("Don", 2006) finds
 *   its album under the full name ("Don: The Chase Begins Again", 2006) when the years agree.
 * - Year is evidence, not a filter (core's `filmYearFactor`): same year 1, one year apart 0.97
 *   (albums often come out the year before or after the film), two years 0.9, further 0.6
 *   (another film of the same title: a remake must lose). No year on either side: 1 (the title
 *   alone must then be unambiguous).
 * - Kind: not typed Soundtrack 0.8; Compilation 0.7 (anthologies, "Various Artists" hits of
 *   other films); Remix / DJ-mix 0.7; Live 0.85; a score album 0.85 when a songs album of the
 *   same film (title similarity ≥ the rule's threshold) is among the candidates.
 * The decision (minimum score, margin over the runner-up) is core's `decide`.
 */

export interface ReleaseGroupCandidate {
  readonly group: MbReleaseGroup
  readonly titleScore: number
  readonly year: number | undefined
  readonly isScore: boolean
  readonly kindFactor: number
}

const yearOf = (date: string): number | undefined => {
  const y = Number(date.slice(0, 4))
  return /^\d{4}/.test(date) && Number.isFinite(y) ? y : undefined
}

const hasType = (group: MbReleaseGroup, type: string): boolean => group["secondary-types"].some((t) => t.toLowerCase() === type)

const kindFactorOf = (group: MbReleaseGroup): number => {
  let factor = 1
  if (!hasType(group, "soundtrack")) factor *= 0.8
  if (hasType(group, "compilation")) factor *= 0.7
  if (hasType(group, "remix") || hasType(group, "dj-mix")) factor *= 0.7
  if (hasType(group, "live")) factor *= 0.85
  return factor
}

const SCORE_ALBUM_FACTOR = 0.85

/** Same film (title and year close enough), not an anthology or a remix album. */
export const isSameFilm = (c: ReleaseGroupCandidate, askedYear: number | undefined, minTitleScore: number): boolean =>
  c.titleScore >= minTitleScore && filmYearFactor(askedYear, c.year) >= 0.97 && c.kindFactor >= 0.8

export const scoreReleaseGroups = (
  title: string,
  year: number | undefined,
  groups: ReadonlyArray<MbReleaseGroup>,
  minTitleScore: number
): ReadonlyArray<ScoredCandidate<ReleaseGroupCandidate>> => {
  const asked: PreparedTitle = prepareTitle(title)
  const candidates = groups.map((group): ReleaseGroupCandidate => {
    const prepared = prepareTitle(group.title)
    const groupYear = yearOf(group["first-release-date"])
    return {
      group,
      titleScore: filmTitleSimilarity({ title: asked, year }, { title: prepared, year: groupYear }),
      year: groupYear,
      isScore: prepared.isScore,
      kindFactor: kindFactorOf(group)
    }
  })
  const songsAlbumExists = candidates.some((c) => !c.isScore && isSameFilm(c, year, minTitleScore))
  return candidates.map((c) => ({
    candidate: c,
    score: c.titleScore * filmYearFactor(year, c.year) * c.kindFactor * (c.isScore && songsAlbumExists ? SCORE_ALBUM_FACTOR : 1),
    label: `${c.group.title}${c.year === undefined ? "" : ` (${c.year})`} [${c.group.id}]`
  }))
}
