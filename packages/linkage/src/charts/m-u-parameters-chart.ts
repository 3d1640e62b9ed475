/**
 * The m/u parameters chart: per comparison and level, the proportion of matching (m, green) and
 * non-matching (u, red) record comparisons in that level. Adapted from splink's
 * m_u_parameters_interactive_history.json and `MUParametersChart` (charts.py) — splink, MIT
 * License, Copyright (c) 2020 Ministry of Justice. The iteration slider is dropped (it needs a browser).
 */
import type { Settings } from "../settings/settings.js"
import { comparisonRows, levelLabelRoom, levelOrder, levelTooltip } from "./model-chart-parts.js"
import { modelParameterRecords, priorComparisonName } from "./model-parameter-records.js"
import type { VegaLiteSpec } from "./render-svg.js"

const proportionPanel = (
  probability: "m_probability" | "u_probability",
  title: string,
  colour: string,
  header: { readonly labels?: boolean }
) => ({
  mark: "bar" as const,
  title: { text: title, fontWeight: "bold" as const, fontSize: 12 },
  encoding: {
    row: comparisonRows(header),
    x: { type: "quantitative" as const, field: probability, axis: { title: "Proportion of record comparisons" } },
    y: {
      type: "nominal" as const,
      axis: { title: null, ...levelLabelRoom() },
      field: "label_for_charts",
      sort: levelOrder()
    },
    tooltip: levelTooltip(),
    color: { value: colour }
  },
  resolve: { scale: { y: "independent" as const } },
  width: 150,
  height: { step: 12 }
})

export const mUParametersChart = (model: Settings): VegaLiteSpec => ({
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  config: {
    view: { discreteWidth: 400, discreteHeight: 300 },
    title: { anchor: "middle", offset: 10 },
    header: { title: null }
  },
  data: { values: modelParameterRecords(model).filter((r) => r.comparison_name !== priorComparisonName) },
  hconcat: [
    proportionPanel("m_probability", "Amongst matching record comparisons:", "green", {}),
    proportionPanel("u_probability", "Amongst non-matching record comparisons:", "red", { labels: false })
  ],
  title: {
    text: "Proportion of record comparisons in each comparison level by match status",
    subtitle: "(m and u probabilities)"
  }
})
