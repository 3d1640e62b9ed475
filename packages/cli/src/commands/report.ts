/**
 * `liner report [--format table|json|html] [--out FILE] [--since DATE] [--jobs DIR]`
 * (contracts/queue-and-report.md): the metrics of the lookup log, the stored tracks and the queue,
 * each KPI beside its target. The chart renderer (the linkage engine's) loads only for html, and
 * the job-folder reader (the transcription-job stage's package) only with --jobs.
 */
import { Command, Options } from "@effect/cli"
import { buildMetricsReport, type JobRecord } from "@liner/core"
import { Clock, Effect, Option } from "effect"
import { writeFile } from "node:fs/promises"
import { usage } from "../errors.js"
import { printErr, printJson, printOut } from "../output.js"
import { parseSince } from "../report/since-option.js"
import { reportPage } from "../report/report-page.js"
import { reportText } from "../report/report-text.js"

const linkage = Effect.promise(() => import("@liner/linkage"))
const pipelineHook = Effect.promise(() => import("@liner/pipeline-hook"))

const readJobs = (dir: string) =>
  Effect.flatMap(pipelineHook, ({ readJobRecords }) => readJobRecords(dir).pipe(Effect.mapError((e) => usage(e.message))))

const writeOut = (path: string, text: string) =>
  Effect.tryPromise({
    try: () => writeFile(path, text),
    catch: (error) => usage(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  })

export const reportCommand = Command.make(
  "report",
  {
    format: Options.choice("format", ["table", "json", "html"]).pipe(
      Options.withDefault("table" as const),
      Options.withDescription("table (the default, wherever the output goes), json (one document) or html (one self-contained page with charts)")
    ),
    out: Options.file("out").pipe(Options.withPseudoName("FILE"), Options.withDescription("write the report to FILE instead of standard output"), Options.optional),
    since: Options.text("since").pipe(Options.withPseudoName("DATE"), Options.withDescription("only lookups, stored answers and jobs from DATE on (2026-01-31, or 2026-01-31T18:00:00Z); the queue is shown as it stands"), Options.optional),
    jobs: Options.directory("jobs").pipe(Options.withPseudoName("DIR"), Options.withDescription("also read the host pipeline's job directories under DIR (each job's soundtrack/status.json and 02_tmdb/enrichment.json)"), Options.optional)
  },
  (flags) =>
    Effect.gen(function* () {
      const since = Option.isSome(flags.since) ? yield* parseSince(flags.since.value) : null
      const jobsFolder = Option.getOrNull(flags.jobs)
      const jobs: Option.Option<ReadonlyArray<JobRecord>> = jobsFolder === null ? Option.none() : Option.some(yield* readJobs(jobsFolder))
      const now = new Date(yield* Clock.currentTimeMillis).toISOString()
      const report = yield* buildMetricsReport({ now, since, jobs })
      const text =
        flags.format === "json"
          ? JSON.stringify(report, null, 2)
          : flags.format === "html"
            ? yield* Effect.flatMap(linkage, (charts) => reportPage(charts, report, jobsFolder))
            : reportText(report, jobsFolder)
      if (Option.isSome(flags.out)) {
        yield* writeOut(flags.out.value, text.endsWith("\n") ? text : `${text}\n`)
        return yield* printErr(`report written to ${flags.out.value}`)
      }
      // A table is for people (control characters escaped); json and html are exact documents.
      yield* flags.format === "table" ? printOut(text) : printJson(text)
      const unreadable = Option.match(jobs, { onNone: () => 0, onSome: (records) => records.filter((r) => r.problems.length > 0).length })
      if (unreadable > 0) yield* printErr(`liner: ${unreadable} job${unreadable === 1 ? " has" : "s have"} files that could not be read (see the jobs table)`)
    })
).pipe(
  Command.withDescription(
    "Report the metrics of the lookup log: coverage, source mix, cache hit rate, latency and requests per source, data quality, stale answers, the queue, each KPI beside its target."
  )
)
