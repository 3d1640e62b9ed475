/** The page `liner linkage evaluate --html` writes: ROC and precision-recall curves and the truth table. */
import { Effect } from "effect"
import { chartsPage } from "../charts/charts-page.js"
import { precisionRecallChart } from "../charts/precision-recall-chart.js"
import { renderSvg } from "../charts/render-svg.js"
import { rocChart } from "../charts/roc-chart.js"
import type { TruthTableRow } from "../charts/truth-table-rows.js"
import type { LinkageInternalError } from "../errors.js"
import type { TruthTableRecord } from "../scoring/truth-table.js"
import type { EvaluateRunResult } from "./evaluate-run.js"

/** The charts plot numbers: rows where splink's SQL divides by zero (no positives…) are left out. */
const chartable = (rows: ReadonlyArray<TruthTableRecord>): Array<TruthTableRow> =>
  rows.flatMap((row) =>
    row.recall === null || row.f1 === null || row.fp_rate === null || row.tp_rate === null
      ? []
      : [{ ...row, recall: row.recall, f1: row.f1, fp_rate: row.fp_rate, tp_rate: row.tp_rate }]
  )

export const evaluatePage = (evaluated: EvaluateRunResult, title: string): Effect.Effect<string, LinkageInternalError> =>
  Effect.gen(function* () {
    const rows = chartable(evaluated.truthTable)
    return chartsPage({
      title,
      sections: [
        { heading: "ROC curve", text: `${evaluated.labelledPairs} labelled pairs; a threshold per distinct match weight.`, svg: yield* renderSvg(rocChart(rows)) },
        { heading: "Precision and recall", svg: yield* renderSvg(precisionRecallChart(rows)) },
        {
          heading: "Truth table",
          table: {
            columns: ["truth_threshold", "match_probability", "p", "n", "tp", "tn", "fp", "fn", "precision", "recall", "f1"],
            rows: evaluated.truthTable.map((r) => [r.truth_threshold, r.match_probability, r.p, r.n, r.tp, r.tn, r.fp, r.fn, r.precision, r.recall, r.f1])
          }
        }
      ]
    })
  })
