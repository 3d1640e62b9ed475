import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { matchWeightsChart } from "../../src/charts/match-weights-chart.js"
import { renderSvg } from "../../src/charts/render-svg.js"
import type { Settings } from "../../src/settings/settings.js"
import { loadModel, vegaNumber } from "./model-fixtures.js"
import { labelField, markLabels, texts } from "./svg-inspection.js"

const comparisonNames = ["first_name", "surname", "dob", "city", "email"]

describe("matchWeightsChart", () => {
  it.effect("draws splink's saved model: the prior and one bar per level with m and u, a facet per comparison", () =>
    Effect.gen(function*() {
      const model = yield* loadModel("saved_model_from_demo.json")
      const svg = yield* renderSvg(matchWeightsChart(model))

      const bars = markLabels(svg, "bar")
      const levelsWithWeights = model.comparisons.flatMap((c) =>
        c.comparison_levels.filter((l) => l.is_null_level !== true && l.m_probability !== undefined)
      )
      expect(levelsWithWeights).toHaveLength(20)
      expect(bars).toHaveLength(levelsWithWeights.length + 1)

      const shown = texts(svg)
      for (const name of comparisonNames) expect(shown).toContain(name)
      expect(shown).toContain("Partial match weights (components of final match weight)")
      expect(shown).toContain("Comparison level match weight = log2(m/u)")
      expect(shown).toContain("Prior (starting) match weight")
      expect(shown).toContain("Jaro-Winkler distance of first_name >= 0.92")
      // Null levels have no bar.
      expect(bars.some((b) => labelField(b, "label_for_charts") === "first_name is NULL")).toBe(false)
    }))

  it.effect("places each bar at log2(m/u) and the prior at log2(λ/(1−λ))", () =>
    Effect.gen(function*() {
      const model = yield* loadModel("saved_model_from_demo.json")
      const bars = markLabels(yield* renderSvg(matchWeightsChart(model)), "bar")

      const weightOf = (comparison: string, label: string) => {
        const bar = bars.find((b) =>
          labelField(b, "Comparison name") === comparison && labelField(b, "label_for_charts") === label
        )
        return vegaNumber(labelField(bar ?? "", "log2_bayes_factor"))
      }
      for (const comparison of model.comparisons) {
        for (const level of comparison.comparison_levels) {
          if (level.is_null_level === true) continue
          const expected = Math.log2((level.m_probability ?? NaN) / (level.u_probability ?? NaN))
          expect(weightOf(comparison.output_column_name, level.label_for_charts ?? "")).toBeCloseTo(expected, 9)
        }
      }
      const lambda = model.probability_two_random_records_match ?? NaN
      expect(weightOf("probability_two_random_records_match", "")).toBeCloseTo(Math.log2(lambda / (1 - lambda)), 9)
    }))

  it.effect("skips levels without m or u, and keeps two levels with the same label apart", () =>
    Effect.gen(function*() {
      const model: Settings = {
        link_type: "dedupe_only",
        comparisons: [{
          output_column_name: "name",
          comparison_levels: [
            { sql_condition: "name_l IS NULL OR name_r IS NULL", label_for_charts: "Null", is_null_level: true },
            { sql_condition: "name_l = name_r", label_for_charts: "Close", m_probability: 0.7, u_probability: 0.01 },
            { sql_condition: "levenshtein(name_l, name_r) <= 1", label_for_charts: "Close", m_probability: 0.2, u_probability: 0.02 },
            { sql_condition: "levenshtein(name_l, name_r) <= 3", label_for_charts: "Untrained", m_probability: 0.05 },
            { sql_condition: "ELSE", label_for_charts: "Else", m_probability: 0.05, u_probability: 0.97 }
          ]
        }]
      }
      const bars = markLabels(yield* renderSvg(matchWeightsChart(model)), "bar")
      const labels = bars.map((b) => labelField(b, "label_for_charts"))
      expect(labels).toEqual(["", "3. Close", "2. Close", "0. Else"])
    }))

  it.effect("renders splink's other saved models", () =>
    Effect.gen(function*() {
      for (const file of ["real_time_settings.json", "model_h50k.json"]) {
        const model = yield* loadModel(file)
        const bars = markLabels(yield* renderSvg(matchWeightsChart(model)), "bar")
        const levels = model.comparisons.flatMap((c) => c.comparison_levels.filter((l) => l.is_null_level !== true))
        expect(bars).toHaveLength(levels.length + 1)
      }
    }))
})
