/** `liner linkage predict`: a model + data → every blocked pair scored (optionally above a threshold). */
import { Effect } from "effect"
import { LinkageInternalError } from "../errors.js"
import { LinkageEngine, type LinkageError } from "../engine/linkage-engine.js"
import { readSettingsFile } from "../files/settings-file.js"
import { compileModel } from "../scoring/model.js"
import { predict } from "../scoring/predict.js"
import { pairsAtOrAbove, type Threshold, thresholdAsMatchWeight } from "../scoring/threshold.js"
import { type PredictionTable, predictionTable } from "./prediction-table.js"

export interface PredictRun {
  readonly model: string
  readonly data: ReadonlyArray<string>
  readonly threshold?: Threshold
  /** Also the Bayes factors of each comparison and its TF adjustment (a waterfall per pair). */
  readonly explain?: boolean
}

export const predictRun = (run: PredictRun): Effect.Effect<PredictionTable, LinkageError, LinkageEngine> =>
  Effect.gen(function* () {
    const threshold = yield* thresholdAsMatchWeight(run.threshold ?? {})
    const settings = yield* readSettingsFile(run.model, "model")
    const model = yield* compileModel(settings)
    const engine = yield* LinkageEngine
    const input = yield* engine.loadInput({ files: run.data, settings })
    const vectors = yield* engine.comparisonVectors(input, settings, { withIds: true })
    const predictions = yield* predict(model, vectors, { explain: run.explain === true })
    if (vectors.pairs === undefined) return yield* new LinkageInternalError({ message: "the engine returned pairs without their ids" })
    return predictionTable(vectors, predictions, pairsAtOrAbove(predictions, threshold), vectors.pairs)
  })
