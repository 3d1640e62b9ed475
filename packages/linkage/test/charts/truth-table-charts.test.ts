import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { precisionRecallChart } from "../../src/charts/precision-recall-chart.js"
import { renderSvg } from "../../src/charts/render-svg.js"
import { rocChart } from "../../src/charts/roc-chart.js"
import type { TruthTableRow } from "../../src/charts/truth-table-rows.js"
import { vegaNumber } from "./model-fixtures.js"
import { labelField, markLabels, texts } from "./svg-inspection.js"

/** A truth table of 6 labelled pairs (3 matches), as `evaluate --json` prints it. */
const row = (truth_threshold: number, tp: number, fp: number): TruthTableRow => {
  const fn = 3 - tp
  const tn = 3 - fp
  return {
    truth_threshold,
    match_probability: 2 ** truth_threshold / (1 + 2 ** truth_threshold),
    p: 3,
    n: 3,
    tp,
    tn,
    fp,
    fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp / 3
  }
}
const table = [row(-4.2, 3, 2), row(-1.1, 3, 1), row(2.5, 2, 1), row(7.9, 1, 0)]

describe("rocChart", () => {
  it.effect("draws one point per threshold at (FP rate, TP rate)", () =>
    Effect.gen(function*() {
      const svg = yield* renderSvg(rocChart(table))
      const points = markLabels(svg, "point")
      expect(points).toHaveLength(table.length)
      for (const r of table) {
        const point = points.find((p) => vegaNumber(labelField(p, "truth_threshold")) === r.truth_threshold)
        expect(vegaNumber(labelField(point ?? "", "FP_rate"))).toBeCloseTo(r.fp / (r.fp + r.tn), 4)
        expect(vegaNumber(labelField(point ?? "", "TP_rate"))).toBeCloseTo(r.tp / (r.tp + r.fn), 4)
      }
      expect(markLabels(svg, "line mark")).toHaveLength(1)
      const shown = texts(svg)
      expect(shown).toContain("Receiver operating characteristic curve")
      expect(shown).toContain("False Positive Rate amongst clerically reviewed records")
      expect(shown).toContain("True Positive Rate amongst clerically reviewed records")
    }))

  it.effect("colours one curve per curve_label, with a legend", () =>
    Effect.gen(function*() {
      const labelled = [
        ...table.map((r) => ({ ...r, curve_label: "model A" })),
        ...table.map((r) => ({ ...r, curve_label: "model B" }))
      ]
      const svg = yield* renderSvg(rocChart(labelled))
      expect(markLabels(svg, "line mark")).toHaveLength(2)
      expect(texts(svg)).toEqual(expect.arrayContaining(["model A", "model B", "curve_label"]))
      expect(markLabels(yield* renderSvg(rocChart(table)), "legend")).toHaveLength(0)
    }))
})

describe("precisionRecallChart", () => {
  it.effect("draws one point per threshold at (recall, precision)", () =>
    Effect.gen(function*() {
      const svg = yield* renderSvg(precisionRecallChart(table))
      const points = markLabels(svg, "point")
      expect(points).toHaveLength(table.length)
      for (const r of table) {
        const point = points.find((p) => vegaNumber(labelField(p, "truth_threshold")) === r.truth_threshold)
        expect(vegaNumber(labelField(point ?? "", "precision"))).toBeCloseTo(r.precision, 4)
        expect(vegaNumber(labelField(point ?? "", "recall"))).toBeCloseTo(r.recall, 4)
        expect(vegaNumber(labelField(point ?? "", "F1"))).toBeCloseTo((2 * r.tp) / (2 * r.tp + r.fn + r.fp), 4)
      }
      const shown = texts(svg)
      expect(shown).toContain("Precision-recall curve")
      expect(shown).toContain("Recall")
      expect(shown).toContain("Precision")
    }))
})
