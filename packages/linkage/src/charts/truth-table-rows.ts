/**
 * Rows of splink's truth table (`accuracy_analysis_from_labels_table`), the data of the ROC and
 * precision-recall charts, and the tooltip both charts share (splink's roc.json and
 * precision_recall.json).
 */

export interface TruthTableRow {
  readonly truth_threshold: number
  readonly match_probability: number
  readonly tp: number
  readonly tn: number
  readonly fp: number
  readonly fn: number
  readonly precision: number
  readonly recall: number
  readonly p?: number
  readonly n?: number
  readonly f1?: number
  readonly fp_rate?: number
  readonly tp_rate?: number
  /** Several curves in one chart, coloured by this label (splink's `curve_label`). */
  readonly curve_label?: string
}

/** A row with the rates and F1 the charts plot, computed as splink's accuracy.py does when absent. */
export const withRates = (row: TruthTableRow) => {
  const positives = row.tp + row.fn
  const negatives = row.fp + row.tn
  return {
    ...row,
    fp_rate: row.fp_rate ?? row.fp / negatives,
    tp_rate: row.tp_rate ?? row.tp / positives,
    f1: row.f1 ?? (2 * row.tp) / (2 * row.tp + row.fn + row.fp)
  }
}

/** When every row names its curve, colour by it (splink drops the colour otherwise). */
export const curveColour = (rows: ReadonlyArray<TruthTableRow>) =>
  rows.length > 0 && rows.every((row) => row.curve_label !== undefined)
    ? { color: { type: "nominal" as const, field: "curve_label" } }
    : {}

export const truthTableTooltip = () => [
  { type: "quantitative" as const, field: "truth_threshold", format: ".4f" },
  { type: "quantitative" as const, field: "match_probability", format: ".4%" },
  { type: "quantitative" as const, field: "fp_rate", format: ".4f", title: "FP_rate" },
  { type: "quantitative" as const, field: "tp_rate", format: ".4f", title: "TP_rate" },
  { type: "quantitative" as const, field: "tp", format: ",.0f", title: "TP" },
  { type: "quantitative" as const, field: "tn", format: ",.0f", title: "TN" },
  { type: "quantitative" as const, field: "fp", format: ",.0f", title: "FP" },
  { type: "quantitative" as const, field: "fn", format: ",.0f", title: "FN" },
  { type: "quantitative" as const, field: "precision", format: ".4f" },
  { type: "quantitative" as const, field: "recall", format: ".4f" },
  { type: "quantitative" as const, field: "f1", format: ".4f", title: "F1" }
]
