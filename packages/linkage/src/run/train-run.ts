/** `liner linkage train`: settings + data + plan → a saved model and splink's training report. */
import { Effect } from "effect"
import { dirname } from "node:path"
import { LinkageEngine, type LinkageError } from "../engine/linkage-engine.js"
import { readSettingsFile, readTrainingPlanFile, writeModelFile } from "../files/settings-file.js"
import type { Settings } from "../settings/settings.js"
import { train } from "../training/train.js"
import type { TrainReport } from "../training/train-report.js"

export interface TrainRun {
  readonly settings: string
  readonly data: ReadonlyArray<string>
  readonly plan: string
  /** Where the trained model is written. */
  readonly out: string
}

export interface TrainRunResult {
  readonly model: Settings
  readonly report: TrainReport
}

export const trainRun = (run: TrainRun): Effect.Effect<TrainRunResult, LinkageError, LinkageEngine> =>
  Effect.gen(function* () {
    const settings = yield* readSettingsFile(run.settings)
    const plan = yield* readTrainingPlanFile(run.plan)
    const engine = yield* LinkageEngine
    const input = yield* engine.loadInput({ files: run.data, settings })
    // A plan's `labels` file is named relative to the plan, as a user writes it beside it.
    const result = yield* train(input, settings, plan, { baseDirectory: dirname(run.plan) })
    yield* writeModelFile(run.out, result.settings)
    return { model: result.settings, report: result.report }
  })
