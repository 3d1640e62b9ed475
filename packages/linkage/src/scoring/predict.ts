/**
 * Scoring of blocked pairs: match weight = log2(λ/(1−λ)) + Σ partial weights + Σ TF adjustments,
 * summed in splink's order (prior, then each comparison's weight and its TF adjustment), and the
 * probability from it. After splink's predict.py.
 */
import { Either } from "effect"
import type { ComparisonVectors } from "../engine/comparison-vectors.js"
import type { LinkageInternalError } from "../errors.js"
import { alignVectors } from "./aligned-vectors.js"
import type { Model } from "./model.js"
import { matchWeightToProbability, probabilityToMatchWeight } from "./probability.js"
import type { ComparisonTables } from "./weight-tables.js"
import { comparisonTables, effectiveParameters, tfAdjustment } from "./weight-tables.js"

/** splink's intermediate columns for one comparison (`bf_<name>`, `bf_tf_adj_<name>`). */
export interface ComparisonExplanation {
  readonly name: string
  /** The Bayes factor m/u of the pair's level (1 for the null level). */
  readonly bayesFactor: Float64Array
  /** 2^(TF adjustment): present when a level of the comparison names a TF column. */
  readonly tfBayesFactor: Float64Array | undefined
}

export interface Predictions {
  readonly pairCount: number
  readonly matchWeight: Float64Array
  readonly matchProbability: Float64Array
  /** With `explain`, one entry per comparison in settings order. */
  readonly explanation?: ReadonlyArray<ComparisonExplanation>
}

export interface PredictOptions {
  readonly explain?: boolean
}

export const modelTables = (model: Model): Array<ComparisonTables> =>
  model.comparisons.map((comparison) => {
    const { m, u } = effectiveParameters(comparison)
    return comparisonTables(comparison.byGamma, m, u)
  })

/** Score every pair of the vectors with the model. */
export const predict = (
  model: Model,
  vectors: ComparisonVectors,
  options: PredictOptions = {}
): Either.Either<Predictions, LinkageInternalError> =>
  Either.map(alignVectors(model.comparisons, vectors), (aligned) => {
    const pairCount = vectors.pairCount
    const tables = modelTables(model)
    const prior = probabilityToMatchWeight(model.lambda)
    const matchWeight = new Float64Array(pairCount).fill(prior)
    const explanation: Array<ComparisonExplanation> = []
    // Comparison by comparison over all pairs: the sum keeps splink's order of terms per pair.
    for (const [c, comparison] of model.comparisons.entries()) {
      const { gamma, tfByGamma } = aligned[c]!
      const { weight, bayesFactor, tfWeight, tfLog2UExact, tfMinimumU } = tables[c]!
      const hasTf = tfByGamma.some((tf) => tf !== undefined)
      const namesTfColumn = comparison.levels.some((level) => level.tfColumn !== undefined)
      const bf = options.explain ? new Float64Array(pairCount) : undefined
      const tfBf = options.explain && namesTfColumn ? new Float64Array(pairCount).fill(1) : undefined
      for (let i = 0; i < pairCount; i++) {
        const g = gamma[i]!
        let w = matchWeight[i]! + weight[g + 1]!
        if (hasTf && g >= 0) {
          const tf = tfByGamma[g]
          if (tf !== undefined) {
            const adjustment = tfAdjustment(tfWeight[g]!, tfLog2UExact[g]!, tf[i]!, tfMinimumU[g]!)
            w += adjustment
            if (tfBf !== undefined) tfBf[i] = Math.pow(2, adjustment)
          }
        }
        matchWeight[i] = w
        if (bf !== undefined) bf[i] = bayesFactor[g + 1]!
      }
      if (bf !== undefined) explanation.push({ name: comparison.name, bayesFactor: bf, tfBayesFactor: tfBf })
    }
    const matchProbability = new Float64Array(pairCount)
    for (let i = 0; i < pairCount; i++) matchProbability[i] = matchWeightToProbability(matchWeight[i]!)
    return options.explain
      ? { pairCount, matchWeight, matchProbability, explanation }
      : { pairCount, matchWeight, matchProbability }
  })
