/**
 * The precision-recall curve from a truth table, one point per threshold. Adapted from splink's
 * precision_recall.json and `PrecisionRecallChart` (charts.py) — splink, MIT License, Copyright (c)
 * 2020 Ministry of Justice. Mouse-wheel zoom is dropped (it needs a browser).
 */
import type { VegaLiteSpec } from "./render-svg.js"
import { curveColour, type TruthTableRow, truthTableTooltip, withRates } from "./truth-table-rows.js"

export const precisionRecallChart = (rows: ReadonlyArray<TruthTableRow>): VegaLiteSpec => ({
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  title: "Precision-recall curve",
  height: 400,
  width: 400,
  data: { values: rows.map(withRates) },
  mark: { type: "line", clip: true, point: true },
  encoding: {
    tooltip: truthTableTooltip(),
    x: {
      type: "quantitative",
      field: "recall",
      sort: ["-recall"],
      title: "Recall",
      axis: { format: ".2%" }
    },
    y: {
      type: "quantitative",
      field: "precision",
      sort: ["-precision"],
      title: "Precision",
      axis: { format: ".2%" },
      // From the lowest precision up to 1, as splink scales it.
      scale: { domain: [Math.min(1, ...rows.map((row) => row.precision)), 1] }
    },
    ...curveColour(rows)
  }
})
