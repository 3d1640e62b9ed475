/**
 * Blocked pairs as the EM loop and the scorer read them: one typed array per comparison, one entry
 * per pair, in the same pair order everywhere. Built by the DuckDB engine; nothing else in the
 * package runs SQL.
 */
export interface ComparisonVectors {
  readonly pairCount: number
  /** In settings order, one per comparison. */
  readonly comparisons: ReadonlyArray<ComparisonColumn>
  /** The pair's records (present when the caller asked for ids, e.g. for predict and evaluate). */
  readonly pairs?: PairIds
}

export interface ComparisonColumn {
  /** The comparison's `output_column_name`. */
  readonly name: string
  /** γ per pair: −1 for the null level, else n−1 … 0 for the n non-null levels in listed order. */
  readonly gamma: Int8Array
  /**
   * For each term-frequency column a level of this comparison names: greatest(tf_l, tf_r) per pair,
   * NaN where both sides are NULL.
   */
  readonly tf: ReadonlyMap<string, Float64Array>
}

export interface PairIds {
  readonly uniqueIdL: ReadonlyArray<string>
  readonly uniqueIdR: ReadonlyArray<string>
  /** Present when linking (link_only / link_and_dedupe). */
  readonly sourceDatasetL?: ReadonlyArray<string>
  readonly sourceDatasetR?: ReadonlyArray<string>
}
