import { decide, type Decision, defaultMatchRule, prepareTitle, type ScoredCandidate, titleSimilarity } from "@liner/core"

/**
 * Which of a store's search results is the film's soundtrack, by the rule every tier keeps (a clear
 * winner by score AND margin, else "ambiguous"): title similarity after soundtrack noise is
 * stripped, times what the source knows of each album (year, format, genre). Songs albums are
 * decided among themselves first: a score album of the same film is the expected companion, not a
 * rival. Only when no songs album matches is a score considered. Spotify and Discogs choose here.
 */

export interface AlbumCandidate<A> {
  readonly album: A
  /** The album's title, as its source writes it. */
  readonly title: string
  /** What the source knows besides the title, as a factor in (0, 1] (see `releaseYearFactor`). */
  readonly factor: number
  /** How the candidate is named in "ambiguous" answers: "Title (Year)". */
  readonly label: string
  /** The same key is the same album (another edition, market or upload): never a rival of itself. */
  readonly key: string
}

export interface AlbumChoice<A> {
  readonly decision: Decision<A>
  /** When one was accepted: the other albums whose title is as close (score, other editions, remakes). */
  readonly alternatives: ReadonlyArray<A>
}

/** A soundtrack often comes out some weeks before or after its film: one year off is nearly as good; further off is another film (a remake, a sequel). */
export const releaseYearFactor = (wanted: number | undefined, year: number | undefined): number => {
  if (wanted === undefined || year === undefined) return 1
  const gap = Math.abs(year - wanted)
  return gap === 0 ? 1 : gap === 1 ? 0.95 : 0.5
}

export const chooseAlbum = <A>(filmTitle: string, candidates: ReadonlyArray<AlbumCandidate<A>>): AlbumChoice<A> => {
  const wanted = prepareTitle(filmTitle)
  const scored = candidates.map((candidate) => {
    const prepared = prepareTitle(candidate.title)
    return { candidate, prepared, similarity: titleSimilarity(wanted, prepared) }
  })
  type Scored = (typeof scored)[number]
  const decideAmong = (pool: ReadonlyArray<Scored>): Decision<A> =>
    decide(
      pool.map((s): ScoredCandidate<A> => ({ candidate: s.candidate.album, score: s.similarity * s.candidate.factor, label: s.candidate.label })),
      defaultMatchRule
    )
  const alternativesTo = (decision: Decision<A>, chosenKey: string | undefined): ReadonlyArray<A> =>
    decision._tag === "Accepted" ? scored.filter((s) => s.candidate.key !== chosenKey && s.similarity >= defaultMatchRule.minScore).map((s) => s.candidate.album) : []
  const keyOf = (decision: Decision<A>) => (decision._tag === "Accepted" ? candidates.find((c) => c.album === decision.candidate)?.key : undefined)

  const songs = decideAmong(scored.filter((s) => !s.prepared.isScore))
  if (songs._tag !== "NoMatch") return { decision: songs, alternatives: alternativesTo(songs, keyOf(songs)) }
  const score = decideAmong(scored.filter((s) => s.prepared.isScore))
  if (score._tag !== "NoMatch") return { decision: score, alternatives: alternativesTo(score, keyOf(score)) }
  // Neither matched: explain with the closest of all.
  const best = [songs.best, score.best].filter((b) => b !== undefined).sort((x, y) => y.score - x.score)[0]
  return { decision: best === undefined ? { _tag: "NoMatch" } : { _tag: "NoMatch", best }, alternatives: [] }
}
