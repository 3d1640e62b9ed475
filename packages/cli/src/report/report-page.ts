/**
 * The report as one self-contained HTML page: the same sections as the terminal's, with charts
 * (inline SVG rendered in Node from Vega-Lite) for the source mix, the latency, the lookups over
 * time and the queue. The chart module is the linkage engine's, passed in by the caller, which
 * loads it only for this format. Every outside value goes through the page's escaping or Vega's.
 */
import type { MetricsReport } from "@liner/core"
import type { VegaLiteSpec } from "@liner/linkage"
import { Effect } from "effect"
import { latencyChart } from "./latency-chart.js"
import { lookupsOverTimeChart } from "./lookups-over-time-chart.js"
import { queueStateChart } from "./queue-state-chart.js"
import { type ReportSection, reportSections, type SectionId } from "./report-sections.js"
import { sourceMixChart } from "./source-mix-chart.js"

/** What the page needs of `@liner/linkage` (loaded by the caller). */
export type ChartModule = Pick<typeof import("@liner/linkage"), "renderSvg" | "chartsPage">

/** The chart of a section, when it has something to draw. */
const chartOf = (report: MetricsReport, id: SectionId): VegaLiteSpec | null => {
  switch (id) {
    case "sourceMix":
      return report.sourceMix.length === 0 ? null : sourceMixChart(report.sourceMix)
    case "latency":
      return report.latency.length === 0 ? null : latencyChart(report.latency)
    case "overTime":
      return report.overTime.length === 0 ? null : lookupsOverTimeChart(report.overTime)
    case "queue":
      return report.queue.total === 0 ? null : queueStateChart(report.queue)
    default:
      return null
  }
}

const pageSection = (charts: ChartModule, report: MetricsReport, section: ReportSection) =>
  Effect.gen(function* () {
    const spec = chartOf(report, section.id)
    const svg = spec === null ? undefined : yield* charts.renderSvg(spec)
    return {
      heading: section.heading,
      ...(section.text === undefined ? {} : { text: section.text }),
      ...(svg === undefined ? {} : { svg }),
      ...(section.table === undefined || section.table.rows.length === 0 ? {} : { table: section.table })
    }
  })

export const reportPage = (charts: ChartModule, report: MetricsReport, jobsFolder: string | null) =>
  Effect.forEach(reportSections(report, jobsFolder), (section) => pageSection(charts, report, section)).pipe(
    Effect.map((sections) => charts.chartsPage({ title: "Liner report", sections }))
  )
