/** The report for a terminal: each section's heading, sentence and aligned table. */
import type { MetricsReport } from "@liner/core"
import { renderTable } from "../render/table.js"
import { reportSections } from "./report-sections.js"

export const reportText = (report: MetricsReport, jobsFolder: string | null): string =>
  reportSections(report, jobsFolder)
    .map((s) =>
      [
        s.heading.toUpperCase(),
        ...(s.text === undefined ? [] : [s.text]),
        ...(s.table === undefined || s.table.rows.length === 0 ? [] : [renderTable(s.table.columns, s.table.rows.map((row) => row.map(String)), 60)])
      ].join("\n")
    )
    .join("\n\n")
