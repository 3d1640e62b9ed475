/**
 * The share of pairs falling in each non-null level of each comparison: u when the pairs are
 * random (non-matches), m when they are known matches. splink computes these with
 * `compute_new_parameters_sql` at a match probability of 0 or 1; a level with no pairs is "not
 * observed" and gets no estimate.
 */
import { Either } from "effect"
import type { ComparisonVectors } from "../engine/comparison-vectors.js"
import { LinkageInternalError } from "../errors.js"
import type { Model } from "../scoring/model.js"
import type { LevelNotObserved } from "./train-report.js"
import { recordEstimates, type TrainedValues } from "./trained-values.js"

export interface LevelShares {
  /** Pairs per γ (the null level excluded). */
  readonly counts: Float64Array
  /** count / Σ counts by γ; null where the level has no pairs. */
  readonly shares: ReadonlyArray<number | null>
}

/** Shares per comparison (settings order), over the pairs `include` keeps (all when absent). */
export const levelShares = (
  model: Model,
  vectors: ComparisonVectors,
  include?: (pair: number) => boolean
): Either.Either<Array<LevelShares>, LinkageInternalError> => {
  const result: Array<LevelShares> = []
  for (const comparison of model.comparisons) {
    const column = vectors.comparisons.find((c) => c.name === comparison.name)
    if (column === undefined) {
      return Either.left(
        new LinkageInternalError({ message: `the comparison vectors lack γ for comparison "${comparison.name}"` })
      )
    }
    const counts = new Float64Array(comparison.byGamma.length)
    for (let i = 0; i < vectors.pairCount; i++) {
      const g = column.gamma[i]!
      if (g >= 0 && (include === undefined || include(i))) counts[g]!++
    }
    const total = counts.reduce((a, b) => a + b, 0)
    result.push({ counts, shares: Array.from(counts, (count) => (count > 0 ? count / total : null)) })
  }
  return Either.right(result)
}

/**
 * Record the shares as one step's estimates of m or u for every non-null level (only the levels
 * not fixed, with `skipFixed`), and list the levels that had no pairs.
 */
export const recordShares = (
  trained: TrainedValues,
  model: Model,
  shares: ReadonlyArray<LevelShares>,
  parameter: "m" | "u",
  description: string,
  skipFixed = false
): { readonly trained: TrainedValues; readonly notObserved: ReadonlyArray<LevelNotObserved> } => {
  const notObserved: Array<LevelNotObserved> = []
  const updated = recordEstimates(trained, (c, levelIndex) => {
    const comparison = model.comparisons[c]!
    const level = comparison.levels[levelIndex]!
    if (level.isNull) return {}
    if (skipFixed && (parameter === "m" ? level.fixM : level.fixU)) return {}
    const share = shares[c]!.shares[level.gamma]!
    if (share === null) {
      notObserved.push({ comparison: comparison.name, label_for_charts: level.label, comparison_vector_value: level.gamma })
    }
    return { [parameter]: { probability: share, description } }
  })
  return { trained: updated, notObserved }
}
