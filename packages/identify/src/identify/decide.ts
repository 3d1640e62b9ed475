/**
 * From scored candidates to a status, precision first (contracts/identify.md): `identified` only
 * when the best guess is high (probability > 0.85) and beats the runner-up by a margin;
 * `ambiguous` when the best guesses are close or only medium (0.70–0.85), listing them and
 * asserting none; `not_found` below that. A wrong artist written into a catalogue costs more than
 * a missing one.
 */
import type { Confidence, IdentifyStatus } from "./identify-answer.js"

export const HIGH_PROBABILITY = 0.85
export const MEDIUM_PROBABILITY = 0.7
/**
 * The margin: the best guess must be this many times as likely as the runner-up, and as "none of
 * them" (the maker is an artist the sets never show). Precision first: on generated worlds of
 * 4 000 sets (seeds 1, 2 and 5) a margin of 30 leaves 2.8–5.5 % of the answers wrong, 100 leaves
 * 1–2.5 %, at a recall of about 45 %.
 */
export const MARGIN_RATIO = 100
/** At most this many guesses are listed. */
export const MAX_GUESSES = 5

export interface RankedCandidate {
  /** The probability that this candidate made the track (see `oneMakerProbabilities`). */
  readonly probability: number
  readonly matchWeight: number
}

export const confidenceOf = (probability: number): Confidence =>
  probability > HIGH_PROBABILITY ? "high" : probability >= MEDIUM_PROBABILITY ? "medium" : "low"

export interface Decision {
  readonly status: Exclude<IdentifyStatus, "insufficient">
  /** How many of the ranked candidates to list as guesses. */
  readonly listed: number
}

/** `ranked` best first; `none` is the probability that none of them made the track. */
export const decide = (ranked: ReadonlyArray<RankedCandidate>, none: number): Decision => {
  const best = ranked[0]
  if (best === undefined) return { status: "not_found", listed: 0 }
  const runnerUp = Math.max(ranked[1]?.probability ?? 0, none)
  if (best.probability > HIGH_PROBABILITY && best.probability >= MARGIN_RATIO * runnerUp) {
    // The answer, and the runner-up it beat.
    return { status: "identified", listed: Math.min(2, ranked.length) }
  }
  if (best.probability >= MEDIUM_PROBABILITY || ranked.filter((c) => c.probability >= MEDIUM_PROBABILITY / 2).length > 1) {
    // Close guesses, or one that is only medium: all listed, none asserted.
    const close = ranked.filter((c) => c.probability >= best.probability / MARGIN_RATIO).length
    return { status: "ambiguous", listed: Math.min(MAX_GUESSES, Math.max(1, close)) }
  }
  // Nothing is likely: the three best, for a person to look at.
  return { status: "not_found", listed: Math.min(3, ranked.length) }
}
