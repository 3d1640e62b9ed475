/**
 * The ROC curve from a truth table: false positive rate against true positive rate amongst the
 * labelled pairs, one point per threshold. Adapted from splink's roc.json and `ROCChart`
 * (charts.py) — splink, MIT License, Copyright (c) 2020 Ministry of Justice. Mouse-wheel zoom is
 * dropped (it needs a browser).
 */
import type { VegaLiteSpec } from "./render-svg.js"
import { curveColour, type TruthTableRow, truthTableTooltip, withRates } from "./truth-table-rows.js"

export const rocChart = (rows: ReadonlyArray<TruthTableRow>): VegaLiteSpec => ({
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  title: "Receiver operating characteristic curve",
  height: 400,
  width: 400,
  data: { values: rows.map(withRates) },
  mark: { type: "line", clip: true, point: true },
  encoding: {
    tooltip: truthTableTooltip(),
    x: {
      type: "quantitative",
      field: "fp_rate",
      sort: ["truth_threshold"],
      title: "False Positive Rate amongst clerically reviewed records",
      axis: { format: ".2%" }
    },
    y: {
      type: "quantitative",
      field: "tp_rate",
      sort: ["truth_threshold"],
      title: "True Positive Rate amongst clerically reviewed records",
      axis: { format: ".2%" }
    },
    ...curveColour(rows)
  }
})
