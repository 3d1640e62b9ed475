/** The nearest-rank percentile (0 < p ≤ 1) of values sorted ascending: always one of the values. */
export const percentile = (sorted: ReadonlyArray<number>, p: number): number | null => {
  if (sorted.length === 0) return null
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)))
  return sorted[rank - 1] ?? null
}

/** The spread of some durations: what a box plot draws, and the p95 the targets use. */
export interface Spread {
  readonly count: number
  readonly minMs: number
  readonly p25Ms: number
  readonly p50Ms: number
  readonly p75Ms: number
  readonly p95Ms: number
  readonly maxMs: number
}

export const spreadOf = (values: ReadonlyArray<number>): Spread | null => {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const at = (p: number) => percentile(sorted, p) ?? 0
  return { count: sorted.length, minMs: sorted[0] ?? 0, p25Ms: at(0.25), p50Ms: at(0.5), p75Ms: at(0.75), p95Ms: at(0.95), maxMs: sorted[sorted.length - 1] ?? 0 }
}
