/**
 * Latency distribution per source, drawn as a box plot from the spread the report computed: a
 * line from the fastest to the slowest attempt, a box from the 25th to the 75th percentile, a
 * white tick at the median, a dot at the 95th percentile, and a red tick at the source's target.
 * A symmetric log scale keeps 0 ms local reads and 10 s network timeouts on one axis.
 */
import type { SourceLatency } from "@liner/core"
import type { VegaLiteSpec } from "@liner/linkage"

export const latencyChart = (latency: ReadonlyArray<SourceLatency>): VegaLiteSpec => {
  const y = { field: "source", type: "nominal" as const, title: null, sort: latency.map((l) => l.source) }
  const x = (field: string, title?: string) => ({ field, type: "quantitative" as const, scale: { type: "symlog" as const }, ...(title === undefined ? { title: null } : { title }) })
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Latency by source (ms)",
    width: 520,
    height: { step: 30 },
    data: { values: latency.map((l) => ({ source: l.source, min: l.minMs, p25: l.p25Ms, p50: l.p50Ms, p75: l.p75Ms, p95: l.p95Ms, max: l.maxMs, target: l.targetMs })) },
    layer: [
      { mark: { type: "rule" }, encoding: { y, x: x("min", "Milliseconds (symmetric log scale)"), x2: { field: "max" } } },
      { mark: { type: "bar", size: 14 }, encoding: { y, x: x("p25"), x2: { field: "p75" }, color: { value: "#4c78a8" } } },
      { mark: { type: "tick", color: "white", thickness: 2, size: 14 }, encoding: { y, x: x("p50") } },
      { mark: { type: "point", filled: true, color: "black", size: 30 }, encoding: { y, x: x("p95") } },
      { transform: [{ filter: "isValid(datum.target)" }], mark: { type: "tick", color: "#d62728", thickness: 2, size: 22 }, encoding: { y, x: x("target") } }
    ]
  }
}
