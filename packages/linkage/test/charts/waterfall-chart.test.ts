import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { renderSvg } from "../../src/charts/render-svg.js"
import { waterfallChart, type WaterfallRow } from "../../src/charts/waterfall-chart.js"
import { vegaNumber } from "./model-fixtures.js"
import { labelField, markLabels, texts } from "./svg-inspection.js"

const prior = Math.log2(0.00298012298012298 / (1 - 0.00298012298012298))
const level = (
  column_name: string,
  label_for_charts: string,
  values: [string, string],
  gamma: number | null,
  weight: number,
  extra: Partial<WaterfallRow> = {}
): WaterfallRow => ({
  column_name,
  label_for_charts,
  value_l: values[0],
  value_r: values[1],
  comparison_vector_value: gamma,
  bayes_factor: 2 ** weight,
  log2_bayes_factor: weight,
  ...extra
})

/** One pair as splink's waterfall records describe it: prior, levels, a TF row, a null level, the final score. */
const [firstName, tfFirstName, surname, dob, city] = [6.30994761938, -0.8, -2.16, 0, 2.37]
const finalWeight = prior + firstName + tfFirstName + surname + dob + city
const rows: Array<WaterfallRow> = [
  level("Prior", "Starting match weight (prior)", ["", ""], null, prior),
  level("first_name", "Exact match on first_name", ["Julia", "Julia"], 4, firstName),
  level("tf_first_name", "Term freq adjustment on first_name", ["Julia", "Julia"], 4, tfFirstName, { term_frequency_adjustment: true }),
  level("surname", "All other comparisons", ["Taylor", "Smith"], 0, surname),
  level("dob", "dob is NULL", ["None", "1990-01-01"], -1, dob),
  level("city", "Exact match on city", ["London", "London"], 1, city),
  level("Final score", "Final score", ["", ""], null, finalWeight)
]

const probability = (weight: number) => 2 ** weight / (1 + 2 ** weight)

describe("waterfallChart", () => {
  it.effect("stacks the prior and each comparison's weight up to the final match weight and probability", () =>
    Effect.gen(function*() {
      const svg = yield* renderSvg(waterfallChart(rows))
      const bars = markLabels(svg, "bar")
      // The null level (Bayes factor 1) changes nothing and is left out, as splink does.
      expect(bars.map((b) => labelField(b, "column_name"))).toEqual(
        ["Prior", "first_name", "tf_first_name", "surname", "city", "Final score"]
      )

      let cumulative = 0
      for (const bar of bars.slice(0, -1)) {
        const row = rows.find((r) => r.column_name === labelField(bar, "column_name"))
        expect(vegaNumber(labelField(bar, "previous_sum"))).toBeCloseTo(cumulative, 2)
        cumulative += row?.log2_bayes_factor ?? NaN
        expect(vegaNumber(labelField(bar, "sum"))).toBeCloseTo(cumulative, 2)
        expect(vegaNumber(labelField(bar, "Cumulative match probability"))).toBeCloseTo(probability(cumulative), 4)
      }
      const final = bars.at(-1) ?? ""
      expect(vegaNumber(labelField(final, "previous_sum"))).toBe(0)
      expect(vegaNumber(labelField(final, "sum"))).toBeCloseTo(finalWeight, 2)
      expect(vegaNumber(labelField(final, "Cumulative match probability"))).toBeCloseTo(probability(finalWeight), 4)

      const shown = texts(svg)
      expect(shown).toContain("Match weights waterfall chart")
      expect(shown).toContain("Match Weight")
      expect(shown).toContain("Probability")
      for (const value of ["Julia", "Taylor", "Smith", "London", "tf_first_name"]) expect(shown).toContain(value)
      // Weights larger than 1 are written on their bars.
      expect(shown).toContain("6.31")
      expect(shown).toContain("\u22122.16")
    }))

  it.effect("keeps rows that change nothing when asked", () =>
    Effect.gen(function*() {
      const bars = markLabels(yield* renderSvg(waterfallChart(rows, { filterNulls: false })), "bar")
      expect(bars.map((b) => labelField(b, "column_name"))).toContain("dob")
      expect(bars).toHaveLength(rows.length)
    }))
})
