import { FileSystem } from "@effect/platform"
import { clearBatchJournal, journalAnswer, type QueuedLookup, queueLookupOutcome, queueStrategyConfig, readBatchJournal } from "@liner/core"
import { Clock, Effect, Either } from "effect"
import { ExitCode, exitWith, usage } from "../errors.js"
import { printErr, printJson, printOut } from "../output.js"
import { batchText } from "./batch-text.js"
import { makeProgress } from "./progress.js"

/** Counts a batch's answers and says them: one line while it runs, a summary at the end. */
export interface BatchTally<R> {
  readonly add: (result: R) => void
  readonly invalid: () => void
  /** The short counts shown beside the progress bar. */
  readonly line: () => string
  readonly summary: (processed: number, fromEarlierRun: number) => string
  /** How many answers failed (worth asking again later), and why, for the closing message. */
  readonly failures: () => { readonly count: number; readonly message: string }
  readonly invalidCount: () => number
}

export interface JournaledBatch<Q, R> {
  readonly file: string
  /** The journal's name: the file, and the options that change its answers. */
  readonly journal: string
  /** "films", "tracks": for the message about an empty file. */
  readonly noun: string
  /** Each meaningful line of the file as a query, or why it is not one. */
  readonly queries: (text: string) => ReadonlyArray<{ readonly line: number; readonly query: Either.Either<Q, string> }>
  readonly itemKey: (query: Q) => string
  readonly find: (query: Q) => Effect.Effect<R>
  /** A failed answer is not journaled: the next run asks again. */
  readonly failed: (result: R) => boolean
  /** What a fresh answer means to the cool-down queue: a miss or a failure enters it, an answer closes its item. */
  readonly queued: (query: Q, result: R) => QueuedLookup
  readonly render: (result: R) => string
  /** `render` gives JSON lines (printed exactly) rather than text for people. */
  readonly json: boolean
  readonly tally: BatchTally<R>
}

/**
 * Looks up every line of a batch file, one at a time, printing one line per answer. Answers are
 * journaled in the store as they come, so a batch that is interrupted and run again asks only
 * what is still open; a batch that ends without failures clears its journal. Every fresh
 * `not_found` or `unavailable` answer enters the cool-down queue (`liner queue run` asks again
 * later). Exit: 75 when some answer failed, else 2 when some line was invalid, else 0.
 */
export const runJournaledBatch = <Q, R>(batch: JournaledBatch<Q, R>) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const bytes = yield* fs.readFile(batch.file).pipe(Effect.mapError((e) => usage(`cannot read the batch file ${batch.file}: ${e.message}`)))
    const decoded = batchText(bytes)
    if ("refused" in decoded) return yield* usage(`the batch file ${batch.file} ${decoded.refused}: give a CSV or JSON-lines file`)
    const lines = batch.queries(decoded.text)
    if (lines.length === 0) return yield* usage(`the batch file ${batch.file} holds no ${batch.noun}`)
    // A bad LINER_QUEUE_STRATEGY stops the batch before anything is looked up, not at its first miss.
    yield* queueStrategyConfig
    const journal = yield* readBatchJournal(batch.journal)
    const progress = makeProgress(lines.length)
    let fromEarlierRun = 0

    for (const [index, { line, query }] of lines.entries()) {
      progress.update(index, batch.tally.line())
      if (Either.isLeft(query)) {
        batch.tally.invalid()
        yield* printErr(`liner: ${batch.file}:${line}: ${query.left}`)
        continue
      }
      const item = batch.itemKey(query.right)
      const earlier = journal.get(item) as R | undefined
      const result = earlier ?? (yield* batch.find(query.right))
      if (earlier !== undefined) fromEarlierRun++
      else {
        if (!batch.failed(result)) yield* journalAnswer(batch.journal, item, result, new Date(yield* Clock.currentTimeMillis).toISOString())
        yield* queueLookupOutcome(batch.queued(query.right, result))
      }
      batch.tally.add(result)
      yield* (batch.json ? printJson : printOut)(batch.render(result))
    }
    progress.finish()
    yield* printErr(batch.tally.summary(lines.length, fromEarlierRun))
    const failures = batch.tally.failures()
    if (failures.count > 0) return yield* exitWith(ExitCode.unavailable, failures.message)
    yield* clearBatchJournal(batch.journal)
    if (batch.tally.invalidCount() > 0) return yield* exitWith(ExitCode.usage)
  })
