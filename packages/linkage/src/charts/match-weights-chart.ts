/**
 * The match-weights chart: the prior match weight, then one facet per comparison with a bar per
 * level at its partial match weight log2(m/u). Adapted from splink's
 * match_weights_interactive_history.json and `MatchWeightsChart` (charts.py) — splink, MIT License,
 * Copyright (c) 2020 Ministry of Justice. The iteration slider and mouse-wheel zoom are dropped:
 * they need a browser.
 */
import type { Settings } from "../settings/settings.js"
import { comparisonRows, levelLabelRoom, levelOrder, levelTooltip } from "./model-chart-parts.js"
import { modelParameterRecords, priorComparisonName } from "./model-parameter-records.js"
import type { VegaLiteSpec } from "./render-svg.js"

/** Red for evidence against a match, green for evidence for it. */
const weightColour = () => ({
  type: "quantitative" as const,
  field: "log2_bayes_factor",
  title: "Match weight",
  scale: { range: ["red", "#bbbbbb", "green"], interpolate: "lab" as const, domain: [-10, 0, 10] }
})

/** Heavier grid lines at 0 and ±10, dashed at ±10. */
const isDecade = "abs(datum.value / 10)  <= 1 & datum.value % 10 === 0"
const weightGrid = () => ({
  gridColor: { condition: { test: isDecade, value: "#aaa" }, value: "#ddd" },
  gridDash: { condition: { test: "abs(datum.value / 10) == 1", value: [3] }, value: null },
  gridWidth: { condition: { test: isDecade, value: 2 }, value: 1 }
})


export const matchWeightsChart = (model: Settings): VegaLiteSpec => {
  const records = modelParameterRecords(model)
  // A symmetric x domain wide enough for the largest finite weight (splink rounds it up).
  const largest = Math.max(1, ...records.map((r) => Math.abs(r.log2_bayes_factor)).filter(Number.isFinite))
  const domain = [-Math.ceil(largest), Math.ceil(largest)]
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: {
      view: { discreteWidth: 400, discreteHeight: 60 },
      mark: { tooltip: null },
      title: { anchor: "middle" },
      header: { title: null }
    },
    data: { values: records },
    vconcat: [
      {
        height: 20,
        mark: { type: "bar", clip: true, height: 15 },
        transform: [{ filter: `(datum.comparison_name == '${priorComparisonName}')` }],
        encoding: {
          color: weightColour(),
          tooltip: [
            { type: "nominal", field: "comparison_name", title: "Comparison name" },
            {
              type: "nominal",
              field: "probability_two_random_records_match",
              format: ".4f",
              title: "Probability two random records match"
            },
            { type: "quantitative", field: "log2_bayes_factor", title: "Equivalent match weight", format: ",.4f" },
            { type: "nominal", field: "bayes_factor_description", title: "Match weight description" }
          ],
          x: {
            type: "quantitative",
            field: "log2_bayes_factor",
            axis: { labels: false, domain: false, title: "", ticks: false, ...weightGrid() },
            scale: { domain }
          },
          y: {
            type: "nominal",
            field: "label_for_charts",
            axis: {
              title: "Prior (starting) match weight",
              titleAngle: 0,
              titleAlign: "right",
              titleFontWeight: "normal",
              ...levelLabelRoom()
            },
            sort: levelOrder()
          }
        }
      },
      {
        height: { step: 12 },
        mark: { type: "bar", clip: true },
        transform: [{ filter: `(datum.comparison_name != '${priorComparisonName}')` }],
        encoding: {
          color: weightColour(),
          row: comparisonRows(),
          tooltip: levelTooltip(),
          x: {
            type: "quantitative",
            field: "log2_bayes_factor",
            axis: { title: "Comparison level match weight = log2(m/u)", ...weightGrid() },
            scale: { domain }
          },
          y: {
            type: "nominal",
            field: "label_for_charts",
            axis: { title: null, ...levelLabelRoom() },
            sort: levelOrder()
          }
        },
        resolve: { axis: { y: "independent" }, scale: { y: "independent" } }
      }
    ],
    resolve: { axis: { y: "independent" }, scale: { y: "independent" } },
    title: { text: "Partial match weights (components of final match weight)" }
  }
}
