import { LabelFinder, type LabelFindOptions, type LabelQuery, type LabelResult, labelOutcome, type QueuedLookup } from "@liner/core"
import { Effect, Either } from "effect"
import { resolve } from "node:path"
import { type LabelQueryInput, toLabelQuery } from "../label-query-input.js"
import { labelBatchLine } from "../render/label-text.js"
import { asText, type BatchColumns, parseBatchRecords } from "./batch-input.js"
import { type BatchTally, runJournaledBatch } from "./journaled-batch.js"

/** Columns of a label batch: a DJ set's track list (title, artist, and the label when known). */
export const labelColumns: BatchColumns<keyof LabelQueryInput> = {
  names: {
    title: "title",
    track: "title",
    artist: "artist",
    artists: "artist",
    label: "labelKnown",
    label_known: "labelKnown",
    labelknown: "labelKnown"
  },
  order: ["title", "artist", "labelKnown"]
}

interface Counts {
  found: number
  notFound: number
  /** Unavailable or blocked: worth asking again later. */
  failed: number
  blocked: number
  skipped: number
  invalid: number
}

const countsLine = (t: Counts) =>
  `found ${t.found} · not found ${t.notFound} · failed ${t.failed}${t.blocked > 0 ? ` (${t.blocked} blocked)` : ""} · skipped ${t.skipped}${t.invalid > 0 ? ` · invalid ${t.invalid}` : ""}`

/** Like the host service's summary: processed, found, failed, skipped, then the counts by source. */
export const labelSummary = (processed: number, t: Counts, sources: ReadonlyMap<string, number>, fromEarlierRun: number): string => {
  const bySource = [...sources.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([s, n]) => `${s} ${n}`)
  return [
    `processed ${processed} · ${countsLine(t)}`,
    bySource.length > 0 ? `by source: ${bySource.join(", ")}` : "",
    fromEarlierRun > 0 ? `${fromEarlierRun} answered by an earlier run of this batch` : ""
  ]
    .filter((x) => x !== "")
    .join("\n")
}

const labelTally = (): BatchTally<LabelResult> => {
  const counts: Counts = { found: 0, notFound: 0, failed: 0, blocked: 0, skipped: 0, invalid: 0 }
  const sources = new Map<string, number>()
  return {
    add: (result) => {
      switch (result.status) {
        case "found":
          counts.found++
          break
        case "not_found":
          counts.notFound++
          break
        case "skipped":
          counts.skipped++
          break
        case "blocked":
          counts.blocked++
          counts.failed++
          break
        case "unavailable":
          counts.failed++
      }
      if (result.source !== null) sources.set(result.source, (sources.get(result.source) ?? 0) + 1)
    },
    invalid: () => void counts.invalid++,
    line: () => countsLine(counts),
    summary: (processed, fromEarlierRun) => labelSummary(processed, counts, sources, fromEarlierRun),
    failures: () => ({
      count: counts.failed,
      message: `${counts.failed} track(s) failed${counts.blocked > 0 ? ` (${counts.blocked} blocked by a store's bot check)` : ""}: run the batch again later; answered tracks will not be asked again`
    }),
    invalidCount: () => counts.invalid
  }
}

/** A track's key in the batch journal: a repeated track shares its answer. */
const itemKey = (q: LabelQuery): string => JSON.stringify([q.title, q.artist ?? null, q.labelKnown ?? null])

/** The options a queued track is asked again with: only those that change its answer, only when set. */
export const labelQueueOptions = (options: LabelFindOptions): Readonly<Record<string, unknown>> => ({
  ...(options.scrape === true ? { scrape: true } : {}),
  ...(options.force === true ? { force: true } : {})
})

/** What a batch's fresh answer means to the cool-down queue (`--batch`, `POST /labels`). */
export const labelQueued = (query: LabelQuery, result: LabelResult, options: LabelFindOptions): QueuedLookup => ({
  kind: "label",
  query,
  ...labelOutcome(result),
  options: labelQueueOptions(options)
})

/**
 * `liner label --batch FILE`: every track of the file, in order, so what one track teaches tier 2
 * helps the next. The journal is kept per options: a run with --scrape is not answered by one
 * without.
 */
export const runLabelBatch = (file: string, options: LabelFindOptions & { readonly json: boolean }) =>
  Effect.gen(function* () {
    const finder = yield* LabelFinder
    return yield* runJournaledBatch({
      file,
      journal: `label:${options.scrape === true ? "scrape:" : ""}${options.force === true ? "force:" : ""}${resolve(file)}`,
      noun: "tracks",
      queries: (text) =>
        parseBatchRecords(text, labelColumns).map((entry) => ({
          line: entry.line,
          query:
            "error" in entry
              ? Either.left(entry.error)
              : toLabelQuery({ title: asText(entry.record.title), artist: asText(entry.record.artist), labelKnown: asText(entry.record.labelKnown) })
        })),
      itemKey,
      find: (query) => finder.find(query, options),
      failed: (result) => result.status === "unavailable" || result.status === "blocked",
      queued: (query, result) => labelQueued(query, result, options),
      render: (result) => (options.json ? JSON.stringify(result) : labelBatchLine(result)),
      json: options.json,
      tally: labelTally()
    })
  })
