/** Lookups per day, stacked by kind (bars, left axis), and that day's soundtrack coverage (line, right axis). */
import type { DayFigures } from "@liner/core"
import type { VegaLiteSpec } from "@liner/linkage"

export const lookupsOverTimeChart = (days: ReadonlyArray<DayFigures>): VegaLiteSpec => {
  const x = { field: "day", type: "ordinal" as const, title: "Day (UTC)", axis: { labelAngle: -45 } }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Lookups and coverage per day",
    width: Math.max(300, Math.min(900, days.length * 24)),
    height: 240,
    layer: [
      {
        data: { values: days.flatMap((d) => Object.entries(d.lookups).map(([kind, lookups]) => ({ day: d.day, kind, lookups }))) },
        mark: { type: "bar" },
        encoding: { x, y: { field: "lookups", type: "quantitative", title: "Lookups", stack: "zero" }, color: { field: "kind", type: "nominal", title: "Lookup" } }
      },
      {
        data: { values: days.filter((d) => d.coverage !== null).map((d) => ({ day: d.day, coverage: d.coverage })) },
        mark: { type: "line", point: true, color: "#d62728" },
        encoding: { x, y: { field: "coverage", type: "quantitative", title: "Films with a soundtrack", scale: { domain: [0, 1] }, axis: { format: ".0%" } } }
      }
    ],
    resolve: { scale: { y: "independent" } }
  }
}
