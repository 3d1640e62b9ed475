/**
 * Where the answers came from: per kind of lookup (soundtrack, label, …), the answers found by
 * each source, and the lookups that found nothing by their status (not_found, unavailable, …).
 */
import type { LoggedLookupEntry } from "../store/report-queries.js"
import { shareOf } from "./kpi.js"

export interface SourceMixRow {
  readonly kind: string
  /** The source that answered, or the status of a lookup that found nothing. */
  readonly answer: string
  readonly found: boolean
  readonly lookups: number
  /** Of this kind's lookups. */
  readonly share: number | null
}

/** Rows by kind, then answered sources (most first), then the statuses of the unanswered. */
export const sourceMixOf = (lookups: ReadonlyArray<LoggedLookupEntry>): ReadonlyArray<SourceMixRow> => {
  const byKind = new Map<string, Map<string, { found: boolean; lookups: number }>>()
  for (const lookup of lookups) {
    const found = lookup.status === "found"
    const answer = found ? (lookup.source ?? "unknown") : lookup.status
    const kind = byKind.get(lookup.kind) ?? new Map<string, { found: boolean; lookups: number }>()
    const key = `${found ? "found" : "not"}\u0000${answer}`
    const row = kind.get(key) ?? { found, lookups: 0 }
    row.lookups++
    kind.set(key, row)
    byKind.set(lookup.kind, kind)
  }
  return [...byKind.keys()].sort().flatMap((kind) => {
    const rows = [...(byKind.get(kind) ?? new Map()).entries()].map(([key, row]) => ({ answer: key.slice(key.indexOf("\u0000") + 1), ...row }))
    const total = rows.reduce((n, r) => n + r.lookups, 0)
    return rows
      .sort((a, b) => (a.found !== b.found ? (a.found ? -1 : 1) : b.lookups - a.lookups || a.answer.localeCompare(b.answer)))
      .map((r) => ({ kind, answer: r.answer, found: r.found, lookups: r.lookups, share: shareOf(r.lookups, total) }))
  })
}
