/**
 * How long each source takes: the spread of its attempts' durations (every try and retry of one
 * lookup is one attempt), skipped attempts left out. The target is held against the 95th percentile.
 */
import type { LoggedLookupEntry } from "../store/report-queries.js"
import { type Spread, spreadOf } from "./percentile.js"
import { reportTargets } from "./targets.js"

export interface SourceLatency extends Spread {
  readonly source: string
  /** null: the source has no latency target. */
  readonly targetMs: number | null
  readonly met: boolean | null
}

export const latencyBySource = (lookups: ReadonlyArray<LoggedLookupEntry>): ReadonlyArray<SourceLatency> => {
  const durations = new Map<string, Array<number>>()
  for (const lookup of lookups)
    for (const attempt of lookup.attempts) {
      if (attempt.outcome === "skipped") continue
      const list = durations.get(attempt.tier) ?? []
      list.push(attempt.durationMs)
      durations.set(attempt.tier, list)
    }
  return [...durations.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([source, values]) => {
      const spread = spreadOf(values)
      if (spread === null) return []
      const targetMs = reportTargets.latencyMs[source] ?? null
      return [{ source, ...spread, targetMs, met: targetMs === null ? null : spread.p95Ms < targetMs }]
    })
}
