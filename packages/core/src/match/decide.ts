/**
 * The decision rule shared by every matching tier: precision over recall. The best candidate is
 * accepted only when it is good enough *and* clearly better than the runner-up; otherwise the
 * answer is "ambiguous" (with the close candidates, to explain it) or "no match".
 */
import type { Candidate } from "../tier/tier.js"

export interface ScoredCandidate<C> {
  readonly candidate: C
  /** In [0, 1]; non-finite scores are ignored. */
  readonly score: number
  /** How to show the candidate when explaining an ambiguous answer. */
  readonly label: string
}

export interface MatchRule {
  /** The best candidate must score at least this. */
  readonly minScore: number
  /** ...and beat the runner-up by at least this. */
  readonly minMargin: number
}

/**
 * 0.85: every spelling of the same title (diacritics, punctuation, soundtrack noise,
 * romanisation variants, word order, a number glued to a word) scores 1 with `titleSimilarity`,
 * one typo per word or a missing space in a title of two words or more scores 0.9 or more,
 * while a different film sharing most words ("Dil Se" vs "Dil Se Pukara": 0.8; "Dhoom" vs
 * "Dhoom 2": capped at 0.6) or a one-word title with a typo ("Dilwale" vs "Dilwala": 0.8) stays
 * below.
 * 0.08: candidates closer than that differ by little more than a letter's worth of evidence,
 * too close to call on text alone; the caller should add evidence (year, type) or answer
 * "ambiguous".
 */
export const defaultMatchRule: MatchRule = { minScore: 0.85, minMargin: 0.08 }

/** How many close candidates an "ambiguous" decision lists. */
const AMBIGUOUS_LIMIT = 5
/** Scores are sums of fractions: 0.93 - 0.85 must count as a margin of 0.08. */
const EPSILON = 1e-9

export type Decision<C> =
  | { readonly _tag: "Accepted"; readonly candidate: C; readonly score: number; readonly margin: number }
  | { readonly _tag: "Ambiguous"; readonly candidates: ReadonlyArray<Candidate> }
  | { readonly _tag: "NoMatch"; readonly best?: Candidate }

/**
 * Picks the best candidate under the rule. The margin of a lone candidate is its own score.
 *
 * Candidates that are *the same thing* (one release listed twice, the same album from two
 * sources) must be merged by the caller before deciding: two equal candidates are, to this
 * function, a tie, and a tie is ambiguous.
 */
export const decide = <C>(scored: ReadonlyArray<ScoredCandidate<C>>, rule: MatchRule = defaultMatchRule): Decision<C> => {
  const ranked = scored.filter((s) => Number.isFinite(s.score)).sort((x, y) => y.score - x.score)
  const best = ranked[0]
  if (best === undefined) return { _tag: "NoMatch" }
  if (best.score < rule.minScore - EPSILON) return { _tag: "NoMatch", best: { label: best.label, score: best.score } }
  const margin = best.score - (ranked[1]?.score ?? 0)
  if (margin >= rule.minMargin - EPSILON) return { _tag: "Accepted", candidate: best.candidate, score: best.score, margin }
  const close = ranked
    .filter((s) => best.score - s.score < rule.minMargin - EPSILON)
    .slice(0, AMBIGUOUS_LIMIT)
    .map((s) => ({ label: s.label, score: s.score }))
  return { _tag: "Ambiguous", candidates: close }
}
