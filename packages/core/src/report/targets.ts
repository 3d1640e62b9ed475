/** The targets the metrics report holds each KPI against (contracts/queue-and-report.md). */
export const reportTargets = {
  /** Films with a soundtrack ÷ films looked up: at least. */
  coverage: 0.8,
  /** Repeated lookups answered by the store: at least (the first lookup of a film cannot be). */
  cacheHitRate: 0.9,
  /** Share of stored tracks carrying each field: more than. */
  completeness: 0.95,
  /** 95th percentile of one tier's time for one lookup, in milliseconds: less than. */
  latencyMs: { musicbrainz: 2000, spotify: 1000, local: 100 } as Readonly<Record<string, number>>
} as const
