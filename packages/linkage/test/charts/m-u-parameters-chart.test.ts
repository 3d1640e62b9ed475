import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { mUParametersChart } from "../../src/charts/m-u-parameters-chart.js"
import { renderSvg } from "../../src/charts/render-svg.js"
import { loadModel, vegaNumber } from "./model-fixtures.js"
import { elements, labelField, markLabels, texts } from "./svg-inspection.js"

describe("mUParametersChart", () => {
  it.effect("draws splink's saved model: per level an m bar (green) and a u bar (red), a facet per comparison", () =>
    Effect.gen(function*() {
      const model = yield* loadModel("saved_model_from_demo.json")
      const svg = yield* renderSvg(mUParametersChart(model))

      const levels = model.comparisons.flatMap((c) =>
        c.comparison_levels
          .filter((l) => l.is_null_level !== true)
          .map((l) => ({ comparison: c.output_column_name, label: l.label_for_charts ?? "", m: l.m_probability ?? NaN, u: l.u_probability ?? NaN }))
      )
      const bars = markLabels(svg, "bar")
      expect(bars).toHaveLength(2 * levels.length)

      for (const level of levels) {
        const barOf = (field: "m_probability" | "u_probability") =>
          bars.find((b) =>
            labelField(b, field) !== undefined && labelField(b, "Comparison name") === level.comparison &&
            labelField(b, "label_for_charts") === level.label
          )
        expect(vegaNumber(labelField(barOf("m_probability") ?? "", "m_probability"))).toBeCloseTo(level.m, 10)
        expect(vegaNumber(labelField(barOf("u_probability") ?? "", "u_probability"))).toBeCloseTo(level.u, 10)
      }

      const fills = elements(svg).filter((e) => e.attributes["aria-roledescription"] === "bar").map((e) => e.attributes["fill"])
      expect(fills.filter((f) => f === "green")).toHaveLength(levels.length)
      expect(fills.filter((f) => f === "red")).toHaveLength(levels.length)

      const shown = texts(svg)
      for (const c of model.comparisons) expect(shown).toContain(c.output_column_name)
      expect(shown).toContain("Amongst matching record comparisons:")
      expect(shown).toContain("Amongst non-matching record comparisons:")
      expect(shown.filter((t) => t === "Proportion of record comparisons")).toHaveLength(2)
      // The prior is not a level: it has no m or u to draw.
      expect(bars.some((b) => labelField(b, "Comparison name") === "probability_two_random_records_match")).toBe(false)
    }))
})
