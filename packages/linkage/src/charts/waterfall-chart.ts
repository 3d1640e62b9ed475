/**
 * One pair's waterfall: the prior, then each comparison's partial match weight and its term-frequency
 * adjustment, stacked up to the final match weight (left axis) and probability (right axis).
 * Adapted from splink's match_weights_waterfall.json and `WaterfallChart` (charts.py) — splink, MIT
 * License, Copyright (c) 2020 Ministry of Justice. The record slider is dropped (one pair per chart).
 */
import type { VegaLiteSpec } from "./render-svg.js"

/** The `column_name` of the first and last rows, as splink's waterfall records name them. */
export const waterfallPriorColumnName = "Prior"
export const waterfallFinalColumnName = "Final score"

/** A row of splink's waterfall data (waterfall_chart.py): the prior first, then per comparison its
 * level and (when the comparison has TF adjustments) a `tf_<comparison>` row, then "Final score"
 * whose `log2_bayes_factor` is the pair's match weight. */
export interface WaterfallRow {
  readonly column_name: string
  readonly label_for_charts: string
  readonly value_l: string
  readonly value_r: string
  readonly comparison_vector_value: number | null
  readonly bayes_factor: number
  readonly log2_bayes_factor: number
  readonly term_frequency_adjustment?: boolean | null
  readonly sql_condition?: string | null
  readonly m_probability?: number | null
  readonly u_probability?: number | null
  readonly bayes_factor_description?: string | null
}

export interface WaterfallOptions {
  /** Leave out the rows that change nothing (Bayes factor 1: null levels, TF rows without an
   * adjustment), as splink does by default. */
  readonly filterNulls?: boolean
}

const byBarOrder = () => ({ field: "bar_sort_order", order: "ascending" as const })
const columnAxis = () => ({
  type: "nominal" as const,
  axis: { labelAngle: -20, title: "Column" },
  field: "column_name",
  sort: byBarOrder()
})
const isPriorOrFinal = `datum.column_name == '${waterfallPriorColumnName}' || datum.column_name == '${waterfallFinalColumnName}'`

/** A small grey text above each bar: the pair's two values for that comparison. */
const valueText = (field: "value_l" | "value_r", dy: number) => ({
  mark: { type: "text" as const, baseline: "bottom" as const, fontSize: 8, dy },
  encoding: {
    color: { value: "grey" },
    text: { type: "nominal" as const, field },
    x: columnAxis(),
    y: { type: "quantitative" as const, field: "sum_top" }
  }
})

export const waterfallChart = (rows: ReadonlyArray<WaterfallRow>, options: WaterfallOptions = {}): VegaLiteSpec => ({
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  height: 450,
  resolve: { axis: { y: "independent" } },
  width: { step: 75 },
  data: {
    values: rows.map((row, index) => ({
      sql_condition: null,
      m_probability: null,
      u_probability: null,
      bayes_factor_description: null,
      term_frequency_adjustment: null,
      ...row,
      bar_sort_order: index
    }))
  },
  config: { view: { continuousWidth: 400, continuousHeight: 300 } },
  title: {
    text: "Match weights waterfall chart",
    subtitle: "How each comparison contributes to the final match score"
  },
  transform: [
    ...(options.filterNulls === false ? [] : [{ filter: "(datum.bayes_factor !== 1.0)" }]),
    {
      window: [
        { op: "sum" as const, field: "log2_bayes_factor", as: "sum" },
        { op: "lead" as const, field: "column_name", as: "lead" }
      ],
      frame: [null, 0]
    },
    {
      calculate: `datum.column_name === "${waterfallFinalColumnName}" ? datum.sum - datum.log2_bayes_factor : datum.sum`,
      as: "sum"
    },
    { calculate: "datum.lead === null ? datum.column_name : datum.lead", as: "lead" },
    {
      calculate: `${isPriorOrFinal} ? 0 : datum.sum - datum.log2_bayes_factor`,
      as: "previous_sum"
    },
    { calculate: "datum.sum > datum.previous_sum ? datum.column_name : \"\"", as: "top_label" },
    { calculate: "datum.sum < datum.previous_sum ? datum.column_name : \"\"", as: "bottom_label" },
    { calculate: "datum.sum > datum.previous_sum ? datum.sum : datum.previous_sum", as: "sum_top" },
    { calculate: "datum.sum < datum.previous_sum ? datum.sum : datum.previous_sum", as: "sum_bottom" },
    { calculate: "(datum.sum + datum.previous_sum) / 2", as: "center" },
    {
      calculate: "(datum.log2_bayes_factor > 0 ? \"+\" : \"\") + datum.log2_bayes_factor",
      as: "text_log2_bayes_factor"
    },
    { calculate: "datum.sum < datum.previous_sum ? 4 : -4", as: "dy" },
    { calculate: "datum.sum < datum.previous_sum ? \"top\" : \"bottom\"", as: "baseline" },
    { calculate: "1. / (1 + pow(2, -1.*datum.sum))", as: "prob" },
    { calculate: "0*datum.sum", as: "zero" }
  ],
  layer: [
    {
      layer: [
        {
          mark: "rule",
          encoding: {
            y: { field: "zero", type: "quantitative" },
            size: { value: 0.5 },
            color: { value: "black" }
          }
        },
        {
          mark: { type: "bar", width: 60 },
          encoding: {
            color: { condition: { value: "red", test: "(datum.log2_bayes_factor < 0)" }, value: "green" },
            // splink tests for "Prior match weight", an older name of the prior's row.
            opacity: { condition: { value: 1, test: isPriorOrFinal }, value: 0.5 },
            tooltip: [
              { type: "nominal", field: "column_name", title: "Comparison column" },
              { type: "nominal", field: "value_l", title: "Value (L)" },
              { type: "nominal", field: "value_r", title: "Value (R)" },
              { type: "ordinal", field: "label_for_charts", title: "Label" },
              { type: "nominal", field: "sql_condition", title: "SQL condition" },
              { type: "nominal", field: "comparison_vector_value", title: "Comparison vector value" },
              { type: "quantitative", field: "bayes_factor", title: "Bayes factor = m/u", format: ",.4f" },
              { type: "quantitative", field: "log2_bayes_factor", title: "Match weight = log2(m/u)", format: ",.4f" },
              { type: "quantitative", field: "prob", format: ".4f", title: "Cumulative match probability" },
              { type: "nominal", field: "bayes_factor_description", title: "Match weight description" }
            ],
            x: {
              type: "nominal",
              axis: {
                labelExpr: `datum.value == '${waterfallPriorColumnName}' || datum.value == '${waterfallFinalColumnName}' ? '' : datum.value`,
                labelAngle: -20,
                labelAlign: "center",
                labelPadding: 10,
                title: "Column",
                grid: true,
                tickBand: "extent"
              },
              field: "column_name",
              sort: byBarOrder()
            },
            y: {
              type: "quantitative",
              axis: { grid: false, orient: "left", title: "Match Weight" },
              field: "previous_sum"
            },
            y2: { field: "sum" }
          }
        },
        {
          mark: { type: "text", fontWeight: "bold" },
          encoding: {
            color: { value: "white" },
            text: {
              condition: {
                type: "quantitative",
                field: "log2_bayes_factor",
                format: ".2f",
                test: "abs(datum.log2_bayes_factor) > 1"
              },
              value: ""
            },
            x: columnAxis(),
            y: { type: "quantitative", axis: { orient: "left" }, field: "center" }
          }
        },
        {
          mark: { type: "text", baseline: "bottom", dy: -25, fontWeight: "bold" },
          encoding: {
            color: { value: "black" },
            text: { type: "nominal", field: "column_name" },
            x: columnAxis(),
            y: { type: "quantitative", field: "sum_top" }
          }
        },
        valueText("value_l", -13),
        valueText("value_r", -5)
      ]
    },
    {
      mark: { type: "rule", color: "black", strokeWidth: 2, x2Offset: 30, xOffset: -30 },
      encoding: {
        x: columnAxis(),
        x2: { field: "lead" },
        y: {
          type: "quantitative",
          axis: {
            labelExpr: "format(1 / (1 + pow(2, -1*datum.value)), '.2r')",
            orient: "right",
            title: "Probability"
          },
          field: "sum",
          scale: { zero: false }
        }
      }
    }
  ]
})
