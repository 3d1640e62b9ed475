/** How much each source is asked: its attempts (skipped ones apart), the requests they made, and their failures. */
import type { LoggedLookupEntry } from "../store/report-queries.js"

export interface SourceRequests {
  readonly source: string
  readonly attempts: number
  /** HTTP requests, retries included (sources that make none count 0). */
  readonly requests: number
  readonly failed: number
  readonly skipped: number
}

export const requestsBySource = (lookups: ReadonlyArray<LoggedLookupEntry>): ReadonlyArray<SourceRequests> => {
  const bySource = new Map<string, { attempts: number; requests: number; failed: number; skipped: number }>()
  for (const lookup of lookups)
    for (const attempt of lookup.attempts) {
      const row = bySource.get(attempt.tier) ?? { attempts: 0, requests: 0, failed: 0, skipped: 0 }
      if (attempt.outcome === "skipped") row.skipped++
      else {
        row.attempts++
        row.requests += attempt.requests ?? 0
        if (attempt.outcome === "failed") row.failed++
      }
      bySource.set(attempt.tier, row)
    }
  return [...bySource.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([source, row]) => ({ source, ...row }))
}
