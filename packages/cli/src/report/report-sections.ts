/**
 * The report as sections of headings, sentences and tables: the terminal prints them, the HTML
 * page draws the same sections with a chart where one reads better than a table.
 */
import type { JobsSummary, MetricsReport } from "@liner/core"
import { queueStates } from "./queue-state-chart.js"
import { kpiTarget, kpiValue, metWord, milliseconds, minute, percent, statusWords } from "./report-figures.js"

export type SectionId = "kpis" | "sourceMix" | "latency" | "overTime" | "requests" | "cache" | "dataQuality" | "stale" | "uncovered" | "queue" | "jobs"

export interface ReportTable {
  readonly columns: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string | number>>
}

export interface ReportSection {
  readonly id: SectionId
  readonly heading: string
  readonly text?: string
  readonly table?: ReportTable
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

const periodText = (report: MetricsReport): string => {
  const kinds = Object.entries(report.lookups).map(([kind, n]) => `${kind} ${n}`).join(" · ")
  const total = Object.values(report.lookups).reduce((n, v) => n + v, 0)
  const since = report.since === null ? "" : ` since ${minute(report.since)} UTC`
  return report.period === null
    ? `No lookup logged${since}. Generated ${minute(report.generatedAt)} UTC.`
    : `${plural(total, "lookup")}${since} (${kinds}), from ${minute(report.period.first)} to ${minute(report.period.last)} UTC. Generated ${minute(report.generatedAt)} UTC.`
}

const kpis = (report: MetricsReport): ReportSection => ({
  id: "kpis",
  heading: "Key figures",
  text: periodText(report),
  table: { columns: ["KPI", "Value", "Target", "Met"], rows: report.kpis.map((k) => [k.name, kpiValue(k), kpiTarget(k), metWord(k.met)]) }
})

const sourceMix = (report: MetricsReport): ReportSection => ({
  id: "sourceMix",
  heading: "Source mix",
  text: report.sourceMix.length === 0 ? "No lookup logged." : "Answers by the source that gave them; lookups that found nothing by their status.",
  table: {
    columns: ["Lookup", "Answer", "Lookups", "Share"],
    rows: report.sourceMix.map((r) => [r.kind, r.found ? r.answer : `(${statusWords(r.answer)})`, r.lookups, percent(r.share)])
  }
})

const latency = (report: MetricsReport): ReportSection => ({
  id: "latency",
  heading: "Latency by source",
  text: report.latency.length === 0 ? "No source was asked." : "Each attempt of a source for one lookup, retries included; the target holds for the 95th percentile.",
  table: {
    columns: ["Source", "Attempts", "p50", "p95", "Max", "Target (p95)", "Met"],
    rows: report.latency.map((l) => [l.source, l.count, milliseconds(l.p50Ms), milliseconds(l.p95Ms), milliseconds(l.maxMs), l.targetMs === null ? "" : `< ${l.targetMs} ms`, l.targetMs === null ? "" : metWord(l.met)])
  }
})

const overTime = (report: MetricsReport): ReportSection => {
  const kinds = [...new Set(report.overTime.flatMap((d) => Object.keys(d.lookups)))].sort()
  return {
    id: "overTime",
    heading: "Lookups and coverage over time",
    text: report.overTime.length === 0 ? "No lookup logged." : "Lookups per day (UTC) by kind, and the share of that day's films that got a soundtrack.",
    table: {
      columns: ["Day", ...kinds.map((k) => `${k} lookups`), "Films", "With a soundtrack", "Coverage"],
      rows: report.overTime.map((d) => [d.day, ...kinds.map((k) => d.lookups[k] ?? 0), d.films, d.filmsWithSoundtrack, percent(d.coverage)])
    }
  }
}

const requests = (report: MetricsReport): ReportSection => ({
  id: "requests",
  heading: "Requests by source",
  table: { columns: ["Source", "Attempts", "Requests", "Failed", "Skipped"], rows: report.requests.map((r) => [r.source, r.attempts, r.requests, r.failed, r.skipped]) }
})

const cache = (report: MetricsReport): ReportSection => ({
  id: "cache",
  heading: "Cache",
  text:
    report.cache.repeatLookups === 0
      ? `No film was looked up twice yet (${plural(report.cache.firstLookups, "first lookup")}, which no cache can answer).`
      : `${report.cache.hits} of ${plural(report.cache.repeatLookups, "repeat lookup")} answered by the store without asking the network (${percent(report.cache.rate)}); ${plural(report.cache.firstLookups, "first lookup")} of a film not counted.`
})

const dataQuality = (report: MetricsReport): ReportSection => ({
  id: "dataQuality",
  heading: "Data quality",
  text: `${plural(report.dataQuality.tracks, "stored track")}${report.since === null ? "" : " (of soundtracks stored in the period)"}.`,
  table: {
    columns: ["Field", "Tracks", "Share", "Target", "Met", ...report.dataQuality.byOrigin.map((o) => `${o.origin} (${o.tracks})`)],
    rows: report.dataQuality.fields.map((f, i) => [
      f.field === "artist" ? "singer" : f.field,
      f.tracks,
      percent(f.share),
      "> 95 %",
      metWord(f.met),
      ...report.dataQuality.byOrigin.map((o) => percent(o.fields[i]?.share ?? null))
    ])
  }
})

const stale = (report: MetricsReport): ReportSection => ({
  id: "stale",
  heading: "Films answered stale",
  text: `${report.stale.stale} of ${plural(report.stale.found, "soundtrack")} found were stale (${percent(report.stale.share)}): every source failed and an expired answer was served.`,
  ...(report.stale.films.length === 0 ? {} : { table: { columns: ["Film", "Answered (UTC)"], rows: report.stale.films.map((f) => [f.film, minute(f.at)]) } })
})

const uncovered = (report: MetricsReport): ReportSection => ({
  id: "uncovered",
  heading: "Films without a soundtrack",
  text:
    report.coverage.films === 0
      ? "No film looked up."
      : `${report.coverage.filmsWithSoundtrack} of ${plural(report.coverage.films, "film")} looked up got a soundtrack (${percent(report.coverage.share)}); ${report.coverage.uncoveredTotal} did not${report.coverage.uncoveredTotal > report.coverage.uncovered.length ? ` (the latest ${report.coverage.uncovered.length} below)` : ""}.`,
  ...(report.coverage.uncovered.length === 0
    ? {}
    : { table: { columns: ["Film", "Lookups", "Last answer", "Last lookup (UTC)"], rows: report.coverage.uncovered.map((f) => [f.film, f.lookups, statusWords(f.lastStatus), minute(f.lastLookupAt)]) } })
})

const queue = (report: MetricsReport): ReportSection => {
  const q = report.queue
  return {
    id: "queue",
    heading: "Queue",
    text:
      q.total === 0
        ? "The queue is empty."
        : `${plural(q.total, "item")}. Due now ${q.due.now} · within a day ${q.due.withinDay} · within a week ${q.due.withinWeek} · permanently failed ${q.permanentlyFailed}.${q.oldest === null ? "" : ` Oldest open item: #${q.oldest.id} (${q.oldest.kind}), queued ${q.oldest.createdAt.slice(0, 10)}.`}`,
    ...(q.total === 0
      ? {}
      : { table: { columns: ["Kind", ...queueStates.map(statusWords)], rows: Object.entries(q.byKind).map(([kind, counts]) => [kind, ...queueStates.map((s) => counts[s] ?? 0)]) } })
  }
}

const jobs = (summary: JobsSummary, folder: string): ReportSection => {
  const statuses = Object.entries(summary.byStatus).map(([status, n]) => `${statusWords(status)} ${n}`).join(" · ")
  const duration = summary.stageDuration === null ? "" : ` The stage took ${milliseconds(summary.stageDuration.p50Ms)} (median), ${milliseconds(summary.stageDuration.p95Ms)} (p95), ${milliseconds(summary.stageDuration.maxMs)} at most.`
  return {
    id: "jobs",
    heading: `Jobs in ${folder}`,
    text:
      summary.jobs === 0
        ? "No job directory found."
        : `${plural(summary.jobs, "job")}: ${statuses === "" ? "" : `${statuses} · `}stage not run ${summary.notRun}. With a soundtrack: ${percent(summary.coverage)} of the jobs whose stage looked the film up; ${summary.withEnrichmentSoundtrack} carry it in 02_tmdb/enrichment.json.${duration}`,
    ...(summary.jobs === 0
      ? {}
      : {
          table: {
            columns: ["Job", "Film", "Stage", "Reason", "Songs in enrichment.json", "Finished (UTC)", "Problems"],
            rows: summary.records.map((r) => [
              r.path,
              r.title === null ? "" : `${r.title}${r.year === null ? "" : ` (${r.year})`}`,
              r.stage === null ? "not run" : statusWords(r.stage.status),
              r.stage?.reason ?? "",
              r.enrichmentSongs ?? "",
              r.stage === null ? "" : minute(r.stage.finishedAt),
              r.problems.join("; ")
            ])
          }
        })
  }
}

/** Every section, in reading order; the jobs only when folders were read. */
export const reportSections = (report: MetricsReport, jobsFolder: string | null): ReadonlyArray<ReportSection> => [
  kpis(report),
  sourceMix(report),
  latency(report),
  overTime(report),
  cache(report),
  requests(report),
  dataQuality(report),
  stale(report),
  uncovered(report),
  queue(report),
  ...(report.jobs === null ? [] : [jobs(report.jobs, jobsFolder ?? "the jobs folder")])
]
