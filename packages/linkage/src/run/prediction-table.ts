/**
 * Predictions as the rows `liner linkage predict` writes, with splink's column names and order:
 * match_weight, match_probability, (source_dataset_l/_r when linking), unique_id_l/_r, then per
 * comparison gamma_<name> and, when explained, bf_<name> and bf_tf_adj_<name>.
 */
import type { ComparisonVectors, PairIds } from "../engine/comparison-vectors.js"
import type { Predictions } from "../scoring/predict.js"

export type Cell = string | number

export interface PredictionTable {
  readonly columns: ReadonlyArray<string>
  /** The rows, produced on demand: a run can have millions of pairs. */
  readonly rows: () => Iterable<ReadonlyArray<Cell>>
  readonly rowCount: number
}

/** The table of the pairs `selected` (indices into the vectors), in that order. */
export const predictionTable = (
  vectors: ComparisonVectors,
  predictions: Predictions,
  selected: Int32Array,
  pairs: PairIds
): PredictionTable => {
  const linking = pairs.sourceDatasetL !== undefined && pairs.sourceDatasetR !== undefined
  const explained = predictions.explanation ?? []
  const columns = [
    "match_weight",
    "match_probability",
    ...(linking ? ["source_dataset_l", "source_dataset_r"] : []),
    "unique_id_l",
    "unique_id_r",
    ...vectors.comparisons.flatMap((comparison, c) => {
      const explanation = explained[c]
      return [
        `gamma_${comparison.name}`,
        ...(explanation === undefined ? [] : [`bf_${comparison.name}`]),
        ...(explanation?.tfBayesFactor === undefined ? [] : [`bf_tf_adj_${comparison.name}`])
      ]
    })
  ]
  function* rows(): Iterable<ReadonlyArray<Cell>> {
    for (const i of selected) {
      const row: Array<Cell> = [predictions.matchWeight[i]!, predictions.matchProbability[i]!]
      if (linking) row.push(pairs.sourceDatasetL![i]!, pairs.sourceDatasetR![i]!)
      row.push(pairs.uniqueIdL[i]!, pairs.uniqueIdR[i]!)
      for (const [c, comparison] of vectors.comparisons.entries()) {
        row.push(comparison.gamma[i]!)
        const explanation = explained[c]
        if (explanation !== undefined) row.push(explanation.bayesFactor[i]!)
        if (explanation?.tfBayesFactor !== undefined) row.push(explanation.tfBayesFactor[i]!)
      }
      yield row
    }
  }
  return { columns, rows, rowCount: selected.length }
}
