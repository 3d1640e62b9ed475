import { FileSystem } from "@effect/platform"
import { clearBatchJournal, journalAnswer, LabelFinder, type LabelFindOptions, type LabelQuery, type LabelResult, readBatchJournal } from "@liner/core"
import { Clock, Effect, Either } from "effect"
import { resolve } from "node:path"
import { ExitCode, exitWith, usage } from "../errors.js"
import { type LabelQueryInput, toLabelQuery } from "../label-query-input.js"
import { printErr, printOut } from "../output.js"
import { labelBatchLine } from "../render/label-text.js"
import { asText, type BatchColumns, parseBatchRecords } from "./batch-input.js"
import { makeProgress } from "./progress.js"

/** Columns of a label batch: a DJ set's track list (title, artist, and the label when known). */
const labelColumns: BatchColumns<keyof LabelQueryInput> = {
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

interface Tally {
  found: number
  notFound: number
  /** Unavailable or blocked: worth asking again later. */
  failed: number
  blocked: number
  skipped: number
  invalid: number
  fromEarlierRun: number
  sources: Map<string, number>
}

const countsLine = (t: Tally) =>
  `found ${t.found} · not found ${t.notFound} · failed ${t.failed}${t.blocked > 0 ? ` (${t.blocked} blocked)` : ""} · skipped ${t.skipped}${t.invalid > 0 ? ` · invalid ${t.invalid}` : ""}`

/** Like the host service's summary: processed, found, failed, skipped, then the counts by source. */
export const labelSummary = (processed: number, t: Tally): string => {
  const sources = [...t.sources.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([s, n]) => `${s} ${n}`)
  return [
    `processed ${processed} · ${countsLine(t)}`,
    sources.length > 0 ? `by source: ${sources.join(", ")}` : "",
    t.fromEarlierRun > 0 ? `${t.fromEarlierRun} answered by an earlier run of this batch` : ""
  ]
    .filter((x) => x !== "")
    .join("\n")
}

/** A track's key in the batch journal: a repeated track shares its answer. */
const itemKey = (q: LabelQuery): string => JSON.stringify([q.title, q.artist ?? null, q.labelKnown ?? null])

const isFailure = (status: LabelResult["status"]) => status === "unavailable" || status === "blocked"

/**
 * `liner label --batch FILE`: every track of the file, in order, so what one track teaches tier 2
 * helps the next. Answers are journaled as they come (per options: a run with --scrape is not
 * answered by one without), so an interrupted batch run again looks up only what is still open;
 * a batch that finishes without failures clears its journal.
 */
export const runLabelBatch = (file: string, options: LabelFindOptions & { readonly json: boolean }) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const text = yield* fs.readFileString(file).pipe(Effect.mapError((e) => usage(`cannot read the batch file ${file}: ${e.message}`)))
    const lines = parseBatchRecords(text, labelColumns)
    if (lines.length === 0) return yield* usage(`the batch file ${file} holds no tracks`)
    const batch = `label:${options.scrape === true ? "scrape:" : ""}${options.force === true ? "force:" : ""}${resolve(file)}`
    const journal = yield* readBatchJournal(batch)
    const finder = yield* LabelFinder
    const tally: Tally = { found: 0, notFound: 0, failed: 0, blocked: 0, skipped: 0, invalid: 0, fromEarlierRun: 0, sources: new Map() }
    const progress = makeProgress(lines.length)

    for (const [index, entry] of lines.entries()) {
      progress.update(index, countsLine(tally))
      const query =
        "error" in entry
          ? Either.left(entry.error)
          : toLabelQuery({ title: asText(entry.record.title), artist: asText(entry.record.artist), labelKnown: asText(entry.record.labelKnown) })
      if (Either.isLeft(query)) {
        tally.invalid++
        yield* printErr(`liner: ${file}:${entry.line}: ${query.left}`)
        continue
      }
      const item = itemKey(query.right)
      const earlier = journal.get(item) as LabelResult | undefined
      const result = earlier ?? (yield* finder.find(query.right, options))
      if (earlier !== undefined) tally.fromEarlierRun++
      else if (!isFailure(result.status)) yield* journalAnswer(batch, item, result, new Date(yield* Clock.currentTimeMillis).toISOString())
      switch (result.status) {
        case "found":
          tally.found++
          break
        case "not_found":
          tally.notFound++
          break
        case "skipped":
          tally.skipped++
          break
        case "blocked":
          tally.blocked++
          tally.failed++
          break
        case "unavailable":
          tally.failed++
      }
      if (result.source !== null) tally.sources.set(result.source, (tally.sources.get(result.source) ?? 0) + 1)
      yield* printOut(options.json ? JSON.stringify(result) : labelBatchLine(result))
    }
    progress.finish()
    yield* printErr(labelSummary(lines.length, tally))
    if (tally.failed > 0)
      return yield* exitWith(
        ExitCode.unavailable,
        `${tally.failed} track(s) failed${tally.blocked > 0 ? ` (${tally.blocked} blocked by a store's bot check)` : ""}: run the batch again later; answered tracks will not be asked again`
      )
    yield* clearBatchJournal(batch)
    if (tally.invalid > 0) return yield* exitWith(ExitCode.usage)
  })
