/** Conversions between probabilities, Bayes factors and match weights, after splink's misc.py. */

/** m and u are floored here before taking logs (splink's `M_U_CLAMP_MIN`). */
export const M_U_CLAMP_MIN = 1e-300

export const probabilityToBayesFactor = (p: number): number => (p !== 1 ? p / (1 - p) : Infinity)

export const bayesFactorToProbability = (bf: number): number => bf / (1 + bf)

export const probabilityToMatchWeight = (p: number): number => Math.log2(probabilityToBayesFactor(p))

/** A level's Bayes factor m / u (infinite when u is 0), as splink's `_bayes_factor`. */
export const bayesFactorOf = (m: number, u: number): number => (u === 0 ? Infinity : m / u)

/** A level's partial match weight log2(m / u), both floored at 1e-300. */
export const partialMatchWeight = (m: number, u: number): number =>
  Math.log2(Math.max(m, M_U_CLAMP_MIN) / Math.max(u, M_U_CLAMP_MIN))

/**
 * Probability from a match weight the way splink's SQL computes it: 1 / (1 + 2^−w) for w ≥ 0,
 * 2^w / (1 + 2^w) below, so that neither branch overflows. 2^x is taken as e^(x·ln 2): several
 * times faster than Math.pow in V8, and equal to it within a few units in the last place.
 */
export const matchWeightToProbability = (w: number): number => {
  if (w >= 0) return 1 / (1 + Math.exp(-w * Math.LN2))
  const bf = Math.exp(w * Math.LN2)
  return bf / (1 + bf)
}

/** Python's `statistics.median`: the middle value, or the mean of the two middle values. */
export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  if (sorted.length % 2 === 1) return sorted[middle]!
  return (sorted[middle - 1]! + sorted[middle]!) / 2
}
