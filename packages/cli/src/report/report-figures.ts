/** How the report's numbers read, the same on a terminal and in the page. */
import type { Kpi } from "@liner/core"

/** `83.3 %`, or `–` when there is nothing to measure. */
export const percent = (value: number | null): string => (value === null ? "–" : `${(Math.round(value * 1000) / 10).toFixed(1)} %`)

export const milliseconds = (value: number | null): string => (value === null ? "–" : `${Math.round(value)} ms`)

const comparisonSigns = { at_least: "≥", more_than: ">", less_than: "<" } as const

export const kpiValue = (k: Kpi): string => (k.unit === "share" ? percent(k.value) : milliseconds(k.value))

export const kpiTarget = (k: Kpi): string =>
  `${comparisonSigns[k.target.comparison]} ${k.unit === "share" ? `${Math.round(k.target.value * 100)} %` : `${k.target.value} ms`}`

export const metWord = (met: boolean | null): string => (met === null ? "no data" : met ? "yes" : "NO")

/** `2027-03-03 10:00` (UTC). */
export const minute = (iso: string): string => iso.slice(0, 16).replace("T", " ")

export const statusWords = (status: string): string => status.replace(/_/g, " ")
