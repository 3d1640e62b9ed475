/**
 * Lookup tables that turn a pair's γ into its partial weight with one array read: the inner loops
 * of EM and prediction allocate nothing per pair.
 */
import { bayesFactorOf, partialMatchWeight } from "./probability.js"
import type { ComparisonModel, LevelModel } from "./model.js"
import { effectiveM, effectiveU } from "./model.js"

export interface ComparisonTables {
  /** Non-null levels. */
  readonly n: number
  /** Partial weight log2(m/u) by γ + 1; index 0 is the null level (weight 0). */
  readonly weight: Float64Array
  /** Bayes factor m/u by γ + 1; index 0 is the null level (1). */
  readonly bayesFactor: Float64Array
  /** By γ: the TF adjustment weight w (0 where the level makes none). */
  readonly tfWeight: Float64Array
  /** By γ: log2 u_exact, the u of the exact-match level the TF adjustment is measured from. */
  readonly tfLog2UExact: Float64Array
  /** By γ: the floor applied to the term frequency (`tf_minimum_u_value`). */
  readonly tfMinimumU: Float64Array
}

/** Tables for one comparison from its m and u by γ. */
export const comparisonTables = (
  byGamma: ReadonlyArray<LevelModel>,
  m: ArrayLike<number>,
  u: ArrayLike<number>
): ComparisonTables => {
  const n = byGamma.length
  const weight = new Float64Array(n + 1)
  const bayesFactor = new Float64Array(n + 1)
  const tfWeight = new Float64Array(n)
  const tfLog2UExact = new Float64Array(n)
  const tfMinimumU = new Float64Array(n)
  bayesFactor[0] = 1
  for (let g = 0; g < n; g++) {
    weight[g + 1] = partialMatchWeight(m[g]!, u[g]!)
    bayesFactor[g + 1] = bayesFactorOf(m[g]!, u[g]!)
    const tf = byGamma[g]!.tf
    if (tf !== undefined) {
      tfWeight[g] = tf.weight
      tfLog2UExact[g] = Math.log2(u[tf.exactGamma]!)
      tfMinimumU[g] = tf.minimumU
    }
  }
  return { n, weight, bayesFactor, tfWeight, tfLog2UExact, tfMinimumU }
}

/** The model's own m and u (splink's defaults where absent), by γ. */
export const effectiveParameters = (
  comparison: ComparisonModel
): { readonly m: Float64Array; readonly u: Float64Array } => ({
  m: Float64Array.from(comparison.byGamma, effectiveM),
  u: Float64Array.from(comparison.byGamma, effectiveU)
})

/**
 * A level's TF adjustment for a pair, in bits: w · (log2 u_exact − log2 max(tf, tf_minimum_u_value));
 * 0 where the pair has no term frequency (both values NULL). As splink's `_tf_adjustment_sql`.
 */
export const tfAdjustment = (weight: number, log2UExact: number, tf: number, minimumU: number): number =>
  Number.isNaN(tf) ? 0 : weight * (log2UExact - Math.log2(Math.max(tf, minimumU)))
