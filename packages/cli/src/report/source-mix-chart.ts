/**
 * Source mix: one bar per answer (the source that found it, or the status of a lookup that found
 * nothing), a bar per kind of lookup beside it, long enough for its number of lookups.
 */
import type { SourceMixRow } from "@liner/core"
import type { VegaLiteSpec } from "@liner/linkage"

export const sourceMixChart = (rows: ReadonlyArray<SourceMixRow>): VegaLiteSpec => ({
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  title: "Answers by source",
  width: 520,
  data: { values: rows.map((r) => ({ kind: r.kind, answer: r.found ? r.answer : `${r.answer.replace(/_/g, " ")} (no answer)`, lookups: r.lookups })) },
  mark: { type: "bar" },
  encoding: {
    y: { field: "answer", type: "nominal", title: null, sort: { field: "lookups", op: "sum", order: "descending" } },
    yOffset: { field: "kind", type: "nominal" },
    x: { field: "lookups", type: "quantitative", title: "Lookups", axis: { tickMinStep: 1 } },
    color: { field: "kind", type: "nominal", title: "Lookup" },
    tooltip: [
      { field: "kind", type: "nominal", title: "Lookup" },
      { field: "answer", type: "nominal", title: "Answer" },
      { field: "lookups", type: "quantitative", title: "Lookups" }
    ]
  }
})
