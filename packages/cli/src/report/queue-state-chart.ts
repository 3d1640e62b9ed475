/** The cool-down queue: one bar per kind of lookup, split by state. */
import type { QueueSummary } from "@liner/core"
import type { VegaLiteSpec } from "@liner/linkage"

export const queueStates = ["pending", "in_progress", "cooling_down", "done", "permanently_failed"] as const

export const queueStateChart = (queue: QueueSummary): VegaLiteSpec => ({
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  title: "Queue by state",
  width: 520,
  data: {
    values: Object.entries(queue.byKind).flatMap(([kind, counts]) =>
      queueStates.flatMap((state, order) => ((counts[state] ?? 0) > 0 ? [{ kind, state: state.replace(/_/g, " "), order, items: counts[state] ?? 0 }] : []))
    )
  },
  mark: { type: "bar" },
  encoding: {
    y: { field: "kind", type: "nominal", title: null },
    x: { field: "items", type: "quantitative", title: "Items", stack: "zero", axis: { tickMinStep: 1 } },
    color: {
      field: "state",
      type: "nominal",
      title: "State",
      scale: { domain: queueStates.map((s) => s.replace(/_/g, " ")), range: ["#9ecae9", "#4c78a8", "#f58518", "#54a24b", "#e45756"] }
    },
    order: { field: "order" }
  }
})
