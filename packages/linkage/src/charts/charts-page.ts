/**
 * One self-contained HTML page of charts and tables: inline SVG, a small inline style, no script
 * and nothing fetched at view time (a Content-Security-Policy forbids it too). Every value from
 * outside (titles, headings, table cells, notes) is HTML-escaped; only SVG from `renderSvg` is
 * inlined as it is.
 */
import { escapeHtml } from "./escape-html.js"
import type { RenderedSvg } from "./rendered-svg.js"

export type TableCell = string | number | boolean | null | undefined

export interface ChartsPageTable {
  readonly columns: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<TableCell>>
}

export interface ChartsPageSection {
  readonly heading: string
  /** A paragraph under the heading. */
  readonly text?: string
  readonly svg?: RenderedSvg
  readonly table?: ChartsPageTable
}

export interface ChartsPage {
  readonly title: string
  readonly sections: ReadonlyArray<ChartsPageSection>
}

const style = `
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 80rem; padding: 0 1rem; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2.5rem; border-bottom: 1px solid #ddd; }
figure { margin: 1rem 0; overflow-x: auto; } svg { max-width: none; height: auto; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 1rem 0; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; } td.number { text-align: right; font-variant-numeric: tabular-nums; }
`

// Styles inline only; images only as data URIs; nothing else may load.
const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

const cell = (value: TableCell): string => {
  if (value === null || value === undefined) return "<td></td>"
  if (typeof value === "number") return `<td class="number">${escapeHtml(String(value))}</td>`
  return `<td>${escapeHtml(String(value))}</td>`
}

const table = ({ columns, rows }: ChartsPageTable): string =>
  [
    "<table>",
    `<thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr></thead>`,
    `<tbody>${rows.map((row) => `<tr>${row.map(cell).join("")}</tr>`).join("\n")}</tbody>`,
    "</table>"
  ].join("\n")

const section = (s: ChartsPageSection): string =>
  [
    `<section>`,
    `<h2>${escapeHtml(s.heading)}</h2>`,
    s.text === undefined ? "" : `<p>${escapeHtml(s.text)}</p>`,
    s.svg === undefined ? "" : `<figure>${s.svg}</figure>`,
    s.table === undefined ? "" : table(s.table),
    `</section>`
  ].filter((part) => part !== "").join("\n")

export const chartsPage = (page: ChartsPage): string =>
  [
    "<!DOCTYPE html>",
    `<html lang="en">`,
    "<head>",
    `<meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${style}</style>`,
    "</head>",
    "<body>",
    `<h1>${escapeHtml(page.title)}</h1>`,
    ...page.sections.map(section),
    "</body>",
    "</html>",
    ""
  ].join("\n")
