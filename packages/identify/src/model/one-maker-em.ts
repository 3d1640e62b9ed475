/**
 * EM under the problem's own structure: a track has one maker (or none among its candidates).
 * splink's EM takes each pair on its own, so the maker's label-mates, who share the maker's
 * context, pull the match class towards them. Here the E-step is taken track by track: each
 * candidate's posterior is its share of the track's one maker (`oneMakerProbabilities` on the
 * pairs' match weights, with the model's TF adjustments), and the M-step sets every m to the
 * posterior-weighted share of each level (with the starting values as a prior worth
 * `priorWeight` pairs, so a level the makers seem never to fall in keeps some weight), and λ to
 * the expected number of makers per pair (a track whose maker is none of its candidates, such as
 * an artist no set shows, adds less than one). u stays fixed.
 */
import { type ComparisonVectors, compileModel, type LinkageError, predict, type Settings } from "@liner/linkage"
import { Effect } from "effect"
import { oneMakerProbabilities } from "../identify/one-maker.js"

export interface OneMakerEmReport {
  readonly iterations: number
  readonly largestChange: number
  readonly converged: boolean
}

/** `trackOfPair[i]`: the track of the vectors' pair i. */
export const oneMakerEm = (
  settings: Settings,
  vectors: ComparisonVectors,
  trackOfPair: Int32Array,
  options: { readonly maxIterations: number; readonly convergence: number; readonly prior: Settings; readonly priorWeight: number }
): Effect.Effect<{ readonly settings: Settings; readonly report: OneMakerEmReport }, LinkageError> =>
  Effect.gen(function* () {
    const pairsOfTrack = new Map<number, Array<number>>()
    for (let i = 0; i < vectors.pairCount; i++) {
      const t = trackOfPair[i]!
      let pairs = pairsOfTrack.get(t)
      if (pairs === undefined) pairsOfTrack.set(t, (pairs = []))
      pairs.push(i)
    }
    const posterior = new Float64Array(vectors.pairCount)
    let current = settings
    let largestChange = Number.POSITIVE_INFINITY
    let iterations = 0
    while (iterations < options.maxIterations && largestChange >= options.convergence) {
      iterations++
      const model = yield* compileModel(current)
      const { matchWeight } = yield* predict(model, vectors)
      for (const pairs of pairsOfTrack.values()) {
        const shares = oneMakerProbabilities(pairs.map((i) => matchWeight[i]!))
        pairs.forEach((i, k) => (posterior[i] = shares[k]!))
      }
      largestChange = 0
      const comparisons = current.comparisons.map((comparison, c) => {
        const compiled = model.comparisons[c]!
        if (compiled.levels.some((level) => level.fixM)) return comparison
        const gamma = vectors.comparisons.find((column) => column.name === compiled.name)!.gamma
        const priorLevels = options.prior.comparisons[c]!.comparison_levels
        const weight = new Float64Array(compiled.byGamma.length)
        let total = 0
        for (let i = 0; i < vectors.pairCount; i++) {
          const g = gamma[i]!
          if (g < 0) continue
          weight[g]! += posterior[i]!
          total += posterior[i]!
        }
        if (total === 0) return comparison
        return {
          ...comparison,
          comparison_levels: comparison.comparison_levels.map((level, index) => {
            const compiledLevel = compiled.levels[index]!
            if (compiledLevel.isNull) return level
            const m = (weight[compiledLevel.gamma]! + options.priorWeight * (priorLevels[index]!.m_probability ?? compiledLevel.defaultM)) / (total + options.priorWeight)
            largestChange = Math.max(largestChange, Math.abs(m - (level.m_probability ?? compiledLevel.defaultM)))
            return { ...level, m_probability: m }
          })
        }
      })
      // λ: the expected number of makers among the pairs (a track whose maker is none of its candidates adds nothing).
      let makers = 0
      for (let i = 0; i < vectors.pairCount; i++) makers += posterior[i]!
      const lambda = Math.min(0.5, Math.max(1e-6, makers / vectors.pairCount))
      largestChange = Math.max(largestChange, Math.abs(lambda - (current.probability_two_random_records_match ?? lambda)))
      current = { ...current, comparisons, probability_two_random_records_match: lambda }
    }
    return { settings: current, report: { iterations, largestChange, converged: largestChange < options.convergence } }
  })
