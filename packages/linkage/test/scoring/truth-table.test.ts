/** splink's truth table (accuracy.py) and ROC points, on labelled scores worked out by hand. */
import { describe, expect, it } from "vitest"
import { rocPoints, roundedTruthThreshold, truthTable } from "../../src/scoring/truth-table.js"

describe("roundedTruthThreshold", () => {
  it("rounds half away from zero and multiplies by a float32 step, as splink's DuckDB SQL", () => {
    expect(roundedTruthThreshold(0.25, 0.1)).toBe(Math.fround(0.1) * 3)
    expect(roundedTruthThreshold(0.25, 0.1)).toBe(0.30000000447034836)
    expect(roundedTruthThreshold(-0.25, 0.1)).toBe(-0.30000000447034836)
    expect(roundedTruthThreshold(1.234, null)).toBe(1.234)
  })
})

describe("truthTable", () => {
  // Five labels: two matches scored high, a match no blocking rule finds, two non-matches.
  const scores = {
    matchWeight: [5.02, 4.98, 12, -3.04, 5.0],
    clericalMatchScore: [1, 0.9, 1, 0, 0.2],
    foundByBlockingRules: [1, 1, 0, 1, 1]
  }
  const table = truthTable(scores)

  it("has one row per distinct rounded threshold, leaving out the −999 of unblocked pairs", () => {
    expect(table.map((r) => r.truth_threshold)).toEqual([Math.fround(0.1) * -30, Math.fround(0.1) * 50])
  })

  it("counts the unblocked match as a false negative at every threshold", () => {
    const [low, high] = table
    expect(low).toMatchObject({ p: 3, n: 2, tp: 2, fp: 2, tn: 0, fn: 1, total_clerical_labels: 5 })
    expect(high).toMatchObject({ p: 3, n: 2, tp: 2, fp: 1, tn: 1, fn: 1 })
    expect(high!.precision).toBe(2 / 3)
    expect(high!.recall).toBe(2 / 3)
    expect(high!.f1).toBe(4 / 6)
    expect(high!.match_probability).toBe(Math.pow(2, high!.truth_threshold) / (1 + Math.pow(2, high!.truth_threshold)))
  })

  it("scores unblocked pairs by their weight when asked", () => {
    const all = truthTable(scores, { positivesNotCapturedByBlockingRulesScoredAsZero: false })
    expect(all.map((r) => r.truth_threshold)).toEqual([-30, 50, 120].map((k) => Math.fround(0.1) * k))
    expect(all.at(-1)).toMatchObject({ tp: 1, fp: 0, fn: 2, tn: 2, precision: 1 })
  })

  it("adds the implicit negatives of a label column", () => {
    const withTotal = truthTable(scores, { totalLabels: 100 })
    expect(withTotal[1]).toMatchObject({ p: 3, n: 97, tn: 96, fn: 1, total_clerical_labels: 100 })
  })

  it("gives the ROC chart's points", () => {
    const points = rocPoints(table)
    expect(points[1]).toMatchObject({ fp_rate: 0.5, tp_rate: 2 / 3 })
  })
})
