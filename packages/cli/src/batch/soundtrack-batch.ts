import { FileSystem } from "@effect/platform"
import {
  clearBatchJournal,
  type FindOptions,
  journalAnswer,
  readBatchJournal,
  SoundtrackFinder,
  type SoundtrackResult
} from "@liner/core"
import { missKey } from "@liner/providers"
import { Clock, Effect, Either } from "effect"
import { resolve } from "node:path"
import { ExitCode, exitWith, usage } from "../errors.js"
import { toFilmQuery } from "../film-query-input.js"
import { printErr, printOut } from "../output.js"
import { parseBatch } from "./batch-input.js"
import { makeProgress } from "./progress.js"

interface Tally {
  found: number
  notFound: number
  unavailable: number
  invalid: number
  fromEarlierRun: number
  sources: Map<string, number>
}

const countsLine = (t: Tally) => `found ${t.found} · not found ${t.notFound} · unavailable ${t.unavailable}${t.invalid > 0 ? ` · invalid ${t.invalid}` : ""}`

const summaryLine = (total: number, t: Tally) => {
  const sources = [...t.sources.entries()].sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s} ${n}`)
  return [
    `${total} film${total === 1 ? "" : "s"}: ${countsLine(t)}`,
    sources.length > 0 ? `sources: ${sources.join(", ")}` : "",
    t.fromEarlierRun > 0 ? `${t.fromEarlierRun} answered by an earlier run of this batch` : ""
  ]
    .filter((x) => x !== "")
    .join("\n")
}

/**
 * `liner soundtrack --batch FILE`: every film of the file, one at a time (MusicBrainz allows one
 * request a second anyway). Answers are journaled as they come, so an interrupted batch run again
 * looks up only what is still open; a finished batch clears its journal.
 */
export const runBatch = (file: string, options: FindOptions & { readonly json: boolean }) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const text = yield* fs.readFileString(file).pipe(Effect.mapError((e) => usage(`cannot read the batch file ${file}: ${e.message}`)))
    const lines = parseBatch(text)
    if (lines.length === 0) return yield* usage(`the batch file ${file} holds no films`)
    const batch = `soundtrack:${resolve(file)}`
    const journal = options.refresh === true ? new Map<string, unknown>() : yield* readBatchJournal(batch)
    const finder = yield* SoundtrackFinder
    const tally: Tally = { found: 0, notFound: 0, unavailable: 0, invalid: 0, fromEarlierRun: 0, sources: new Map() }
    const progress = makeProgress(lines.length)

    for (const [index, entry] of lines.entries()) {
      progress.update(index, countsLine(tally))
      if ("error" in entry) {
        tally.invalid++
        yield* printErr(`liner: ${file}:${entry.line}: ${entry.error}`)
        continue
      }
      const query = toFilmQuery(entry.input)
      if (Either.isLeft(query)) {
        tally.invalid++
        yield* printErr(`liner: ${file}:${entry.line}: ${query.left}`)
        continue
      }
      const item = missKey(query.right)
      const earlier = journal.get(item) as SoundtrackResult | undefined
      const result = earlier ?? (yield* finder.find(query.right, options))
      if (earlier !== undefined) tally.fromEarlierRun++
      else if (result.status !== "unavailable") yield* journalAnswer(batch, item, result, new Date(yield* Clock.currentTimeMillis).toISOString())
      if (result.status === "found") tally.found++
      else if (result.status === "not_found") tally.notFound++
      else tally.unavailable++
      if (result.source !== null) tally.sources.set(result.source, (tally.sources.get(result.source) ?? 0) + 1)
      yield* printOut(options.json ? JSON.stringify(result) : `${result.status.padEnd(11)} ${result.source ?? "-"}\t${result.query.title ?? result.query.imdbId}${result.query.year === null ? "" : ` (${result.query.year})`}`)
    }
    progress.finish()
    yield* printErr(summaryLine(lines.length, tally))
    if (tally.unavailable > 0) return yield* exitWith(ExitCode.unavailable, `${tally.unavailable} film(s) unavailable: run the batch again later; answered films will not be asked again`)
    yield* clearBatchJournal(batch)
    if (tally.invalid > 0) return yield* exitWith(ExitCode.usage)
  })
