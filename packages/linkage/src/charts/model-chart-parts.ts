/** Pieces splink's two model charts share (match_weights_interactive_history.json and
 * m_u_parameters_interactive_history.json). */

/** The tooltip of a level's bar. A static SVG shows no tooltip, but Vega-Lite turns it into the
 * bar's accessible description. */
export const levelTooltip = () => [
  { type: "nominal" as const, field: "comparison_name", title: "Comparison name" },
  { type: "ordinal" as const, field: "label_for_charts", title: "Label" },
  { type: "nominal" as const, field: "sql_condition", title: "SQL condition" },
  { type: "quantitative" as const, field: "m_probability", format: ".10~g", title: "M probability" },
  { type: "quantitative" as const, field: "u_probability", format: ".10~g", title: "U probability" },
  { type: "quantitative" as const, field: "bayes_factor", title: "Bayes factor = m/u", format: ",.6f" },
  { type: "quantitative" as const, field: "log2_bayes_factor", title: "Match weight = log2(m/u)", format: ".4~g" },
  { type: "nominal" as const, field: "bayes_factor_description", title: "Match weight description" },
  { type: "nominal" as const, field: "m_probability_description", title: "m probability description" },
  { type: "nominal" as const, field: "u_probability_description", title: "u probability description" }
]

/** Levels top to bottom in the settings' order (highest γ first). */
export const levelOrder = () => ({ field: "comparison_vector_value", order: "descending" as const })

/** One facet per comparison, in the settings' order, its name on the left. */
export const comparisonRows = (header: { readonly labels?: boolean } = {}) => ({
  type: "nominal" as const,
  field: "comparison_name",
  sort: { field: "comparison_sort_order" },
  header: header.labels === false
    ? { labels: false }
    : { labelAngle: 0, labelAnchor: "middle" as const, labelAlign: "left" as const }
})

/** Room for a level's label. Without a canvas Vega estimates text at 0.8 em a character, wider than
 * it draws, so splink's 270 px would cut "Jaro-Winkler distance of first_name >= 0.92" short. */
export const levelLabelRoom = () => ({ labelLimit: 500, maxExtent: 520 })
