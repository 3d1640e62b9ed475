/**
 * `liner linkage evaluate`: a model scored against clerical labels — splink's truth table
 * (`accuracy_analysis_from_labels_table`) and its ROC and precision-recall curves.
 */
import { Effect } from "effect"
import { LinkageEngine, type LinkageError } from "../engine/linkage-engine.js"
import { readSettingsFile } from "../files/settings-file.js"
import { evaluateLabelledPairs } from "../scoring/evaluate.js"
import { compileModel } from "../scoring/model.js"
import type { RocPoint, TruthTableRecord } from "../scoring/truth-table.js"

export interface EvaluateRun {
  readonly model: string
  readonly data: ReadonlyArray<string>
  readonly labels: string
  /** Replace the model's `blocking_rules_to_generate_predictions` (labelled pairs none of them generates score −999). */
  readonly blockingRules?: ReadonlyArray<string>
}

export interface EvaluateRunResult {
  readonly truthTable: ReadonlyArray<TruthTableRecord>
  readonly roc: ReadonlyArray<RocPoint>
  /** Labelled pairs found in the data, and labels naming a record that is not there. */
  readonly labelledPairs: number
  readonly unmatchedLabels: number
}

export const evaluateRun = (run: EvaluateRun): Effect.Effect<EvaluateRunResult, LinkageError, LinkageEngine> =>
  Effect.gen(function* () {
    const settings = yield* readSettingsFile(run.model, "model")
    const model = yield* compileModel(settings)
    const engine = yield* LinkageEngine
    const input = yield* engine.loadInput({ files: run.data, settings })
    const blockingRules = run.blockingRules !== undefined && run.blockingRules.length > 0 ? run.blockingRules : undefined
    const labelled = yield* engine.labelledPairVectors(input, settings, { labels: run.labels, ...(blockingRules === undefined ? {} : { blockingRules }) })
    const evaluation = yield* evaluateLabelledPairs(model, labelled)
    return {
      truthTable: evaluation.truthTable,
      roc: evaluation.roc,
      labelledPairs: labelled.vectors.pairCount,
      unmatchedLabels: labelled.unmatchedLabels
    }
  })
