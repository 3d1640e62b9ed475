/**
 * The host pipeline's jobs (`liner report --jobs DIR`): what each job's soundtrack stage recorded
 * in `soundtrack/status.json`, and whether its `02_tmdb/enrichment.json` carries a soundtrack.
 * The files are read by `@liner/pipeline-hook`; this is the arithmetic over what they said.
 */
import { shareOf } from "./kpi.js"
import { spreadOf, type Spread } from "./percentile.js"

export interface JobRecord {
  /** The job directory, relative to the folder searched (forward slashes). */
  readonly path: string
  readonly title: string | null
  readonly year: number | null
  /** null: the soundtrack stage has not run in this job (no readable status.json). */
  readonly stage: {
    readonly status: string
    readonly reason: string | null
    readonly finishedAt: string
    readonly durationMs: number
  } | null
  /** Songs in the enrichment file's `soundtrack` field; null when it has none (or no enrichment file). */
  readonly enrichmentSongs: number | null
  /** What could not be read, one line each (a file that is not JSON, a link leading outside). */
  readonly problems: ReadonlyArray<string>
}

export interface JobsSummary {
  readonly jobs: number
  /** Jobs whose stage has not run (no status.json). */
  readonly notRun: number
  /** Jobs by the stage's status. */
  readonly byStatus: Readonly<Record<string, number>>
  /** success ÷ the jobs whose stage ran and looked the film up (skipped ones left out). */
  readonly coverage: number | null
  readonly withEnrichmentSoundtrack: number
  readonly stageDuration: Spread | null
  readonly records: ReadonlyArray<JobRecord>
}

/** With `since`, only jobs whose stage finished at or after it (a job whose stage never ran cannot be dated and is left out). */
export const summariseJobs = (all: ReadonlyArray<JobRecord>, since: string | null): JobsSummary => {
  const records = since === null ? all : all.filter((r) => r.stage !== null && r.stage.finishedAt >= since)
  const byStatus: Record<string, number> = {}
  for (const r of records) if (r.stage !== null) byStatus[r.stage.status] = (byStatus[r.stage.status] ?? 0) + 1
  const lookedUp = records.filter((r) => r.stage !== null && r.stage.status !== "skipped").length
  return {
    jobs: records.length,
    notRun: records.filter((r) => r.stage === null).length,
    byStatus,
    coverage: shareOf(byStatus["success"] ?? 0, lookedUp),
    withEnrichmentSoundtrack: records.filter((r) => (r.enrichmentSongs ?? 0) > 0).length,
    stageDuration: spreadOf(records.flatMap((r) => (r.stage === null ? [] : [r.stage.durationMs]))),
    records
  }
}
