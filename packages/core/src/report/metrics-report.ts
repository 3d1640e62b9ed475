/**
 * `liner report`'s document (contracts/queue-and-report.md): every metric computed from the
 * store's lookup log, its stored tracks and its queue (and, when given, the host's job folders),
 * each KPI beside its target. Only reads; the same store gives the same figures.
 */
import { Effect, Option } from "effect"
import { queueStats } from "../store/queue-items.js"
import { readLookupLogSince, readQueriesLookedUpBefore, readTrackCompleteness } from "../store/report-queries.js"
import type { Store, StoreError } from "../store/store.js"
import { type CacheHitRate, cacheHitRateOf } from "./cache-hit-rate.js"
import { type Coverage, coverageOf } from "./coverage.js"
import { type DataQuality, dataQualityOf } from "./data-quality.js"
import { type JobRecord, type JobsSummary, summariseJobs } from "./job-records.js"
import { type Kpi, kpi } from "./kpi.js"
import { latencyBySource, type SourceLatency } from "./latency.js"
import { type DayFigures, figuresByDay } from "./over-time.js"
import { type QueueSummary, queueSummaryOf } from "./queue-summary.js"
import { requestsBySource, type SourceRequests } from "./requests.js"
import { type SourceMixRow, sourceMixOf } from "./source-mix.js"
import { type StaleAnswers, staleAnswersOf } from "./stale-answers.js"
import { reportTargets } from "./targets.js"

export interface MetricsReport {
  readonly generatedAt: string
  /** Lookups (and stored answers, and jobs) from this instant on; null: all of them. */
  readonly since: string | null
  /** The first and last lookup of the period; null when there is none. */
  readonly period: { readonly first: string; readonly last: string } | null
  readonly lookups: Readonly<Record<string, number>>
  readonly kpis: ReadonlyArray<Kpi>
  readonly coverage: Coverage
  readonly sourceMix: ReadonlyArray<SourceMixRow>
  readonly cache: CacheHitRate
  readonly latency: ReadonlyArray<SourceLatency>
  readonly requests: ReadonlyArray<SourceRequests>
  readonly dataQuality: DataQuality
  readonly stale: StaleAnswers
  readonly overTime: ReadonlyArray<DayFigures>
  /** As it stands at `generatedAt`, whatever `since` says. */
  readonly queue: QueueSummary
  /** Only with job folders. */
  readonly jobs: JobsSummary | null
}

export interface MetricsReportRequest {
  readonly now: string
  readonly since: string | null
  /** The host's jobs, read from their folders (`--jobs DIR`). */
  readonly jobs: Option.Option<ReadonlyArray<JobRecord>>
}

const latencyKpis = (latency: ReadonlyArray<SourceLatency>): ReadonlyArray<Kpi> =>
  Object.entries(reportTargets.latencyMs).map(([source, targetMs]) =>
    kpi({
      id: `latency_${source}_p95`,
      name: `${source} latency (p95)`,
      value: latency.find((l) => l.source === source)?.p95Ms ?? null,
      unit: "ms",
      target: { comparison: "less_than", value: targetMs }
    })
  )

export const kpisOf = (parts: Pick<MetricsReport, "coverage" | "cache" | "latency" | "dataQuality" | "jobs">): ReadonlyArray<Kpi> => [
  kpi({ id: "coverage", name: "Coverage (films with a soundtrack)", value: parts.coverage.share, unit: "share", target: { comparison: "at_least", value: reportTargets.coverage } }),
  kpi({ id: "cache_hit_rate", name: "Cache hit rate (repeat lookups)", value: parts.cache.rate, unit: "share", target: { comparison: "at_least", value: reportTargets.cacheHitRate } }),
  ...latencyKpis(parts.latency),
  ...parts.dataQuality.fields.map((f) =>
    kpi({ id: `completeness_${f.field}`, name: `Tracks with ${f.field === "artist" ? "a singer" : `a ${f.field}`}`, value: f.share, unit: "share", target: { comparison: "more_than", value: reportTargets.completeness } })
  ),
  ...(parts.jobs === null
    ? []
    : [kpi({ id: "jobs_coverage", name: "Jobs with a soundtrack", value: parts.jobs.coverage, unit: "share", target: { comparison: "at_least", value: reportTargets.coverage } })])
]

export const buildMetricsReport = (request: MetricsReportRequest): Effect.Effect<MetricsReport, StoreError, Store> =>
  Effect.gen(function* () {
    const log = yield* readLookupLogSince(request.since)
    const soundtracks = log.filter((l) => l.kind === "soundtrack")
    const earlier = request.since === null ? [] : yield* readQueriesLookedUpBefore("soundtrack", request.since)
    const tracks = yield* readTrackCompleteness(request.since)
    const stats = yield* queueStats(request.now)
    const lookups: Record<string, number> = {}
    for (const l of log) lookups[l.kind] = (lookups[l.kind] ?? 0) + 1
    const first = log[0]
    const last = log[log.length - 1]
    const parts = {
      coverage: coverageOf(soundtracks),
      cache: cacheHitRateOf(soundtracks, earlier),
      latency: latencyBySource(log),
      dataQuality: dataQualityOf(tracks),
      jobs: Option.match(request.jobs, { onNone: () => null, onSome: (records) => summariseJobs(records, request.since) })
    }
    return {
      generatedAt: request.now,
      since: request.since,
      period: first === undefined || last === undefined ? null : { first: first.startedAt, last: last.startedAt },
      lookups,
      kpis: kpisOf(parts),
      ...parts,
      sourceMix: sourceMixOf(log),
      requests: requestsBySource(log),
      stale: staleAnswersOf(soundtracks),
      overTime: figuresByDay(log),
      queue: queueSummaryOf(stats)
    }
  })
