/**
 * A track has one maker. The model scores each (track, candidate) pair on its own, so the
 * label-mates of the maker, who share the maker's context (same labels, same DJs), each score
 * nearly as high: one by one, every one of them looks likely. Their probabilities are taken
 * together instead: with match weight w_c (log2 of the posterior odds that c made the track
 * against "none of them did"), the probability that c is the maker, given at most one of the
 * candidates is, is 2^w_c / (1 + Σ_k 2^w_k). Close candidates share the probability (an
 * ambiguous answer); one that stands out keeps it.
 */
export const oneMakerProbabilities = (matchWeights: ReadonlyArray<number>): Array<number> => {
  // In log space around the largest term, so that weights of ±1000 stay finite.
  const top = Math.max(0, ...matchWeights)
  const none = Math.pow(2, -top)
  const odds = matchWeights.map((w) => Math.pow(2, w - top))
  const total = none + odds.reduce((sum, o) => sum + o, 0)
  return odds.map((o) => o / total)
}
