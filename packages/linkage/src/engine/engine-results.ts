/** What the engine's operations hand back, besides `Input` and `ComparisonVectors`. */
import type { ComparisonVectors } from "./comparison-vectors.js"

/** One blocking rule's counts, as splink's `count_comparisons_from_blocking_rules` reports them. */
export interface BlockingRuleCount {
  readonly rule: string
  /** Its position in the list: splink's `match_key`. */
  readonly matchKey: number
  /** Pairs this rule creates that no earlier rule created (post-filter): `marginal_comparison_count`. */
  readonly comparisons: number
  /** Pairs created by this rule and all earlier ones: `cumulative_comparison_count`. */
  readonly cumulativeComparisons: number
  /**
   * Pairs the rule's equi-join conditions alone create, before its other conditions and the
   * link-type condition: Σ over blocks of count_l·count_r (self-pairs and both orders included),
   * as splink's `count_comparisons_from_blocking_rule(…)` pre-filter figure.
   */
  readonly preFilterComparisons: number
  /** The rule's equi-join conditions, `l.x = r.y` each (empty when it has none: a cartesian join). */
  readonly equiJoinConditions: ReadonlyArray<string>
  /** The largest blocks (pre-filter), when asked for: splink's `n_largest_blocks`. */
  readonly largestBlocks?: ReadonlyArray<Block>
}

export interface Block {
  /** The values of the equi-join keys, in the order of `equiJoinConditions`. */
  readonly keys: ReadonlyArray<string | number | null>
  readonly countL: number
  readonly countR: number
  /** countL · countR */
  readonly blockCount: number
}

/** γ vectors of random record pairs for u estimation, and how many records were drawn. */
export interface SampledComparisonVectors extends ComparisonVectors {
  readonly sampledRecords: number
}

/** γ vectors of the labelled pairs (pair ids always present), in the order of the labels file. */
export interface LabelledPairVectors {
  readonly vectors: ComparisonVectors
  /** Per pair: 1 when one of the blocking rules generates it (splink scores the others −999). */
  readonly foundByBlockingRules: Uint8Array
  /** Per pair: the label's `clerical_match_score` (≥ 0.5 is a match). */
  readonly clericalMatchScore: Float64Array
  /** Labels naming a record that is not in the data (splink drops them silently). */
  readonly unmatchedLabels: number
}

/** One record: its unique id and, when linking, its source dataset. */
export interface RecordKey {
  readonly uniqueId: string
  readonly sourceDataset?: string
}

/** Which pair `pairValues` should look up. */
export interface PairKey {
  readonly uniqueIdL: string
  readonly uniqueIdR: string
  readonly sourceDatasetL?: string
  readonly sourceDatasetR?: string
}

/**
 * A pair's `<col>_l` / `<col>_r` values for every column its comparisons use, and `tf_<col>_l` /
 * `tf_<col>_r` for their term-frequency columns (keys in that order).
 */
export type PairValues = Readonly<Record<string, string | number | null>>

/** One row of a term-frequency table: splink's `__splink__df_tf_<col>`. */
export interface TermFrequency {
  readonly value: string | number
  /** count(value) / count(non-null values) over the whole input. */
  readonly tf: number
}
