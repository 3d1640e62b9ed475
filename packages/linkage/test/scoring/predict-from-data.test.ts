/**
 * Scoring pairs the engine blocks from splink's demo data: the 479/481 pair of
 * tests/test_compare_splink2.py, and a trained model that survives encoding and decoding.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { LinkageEngine } from "../../src/engine/linkage-engine.js"
import { compileModel } from "../../src/scoring/model.js"
import { predict } from "../../src/scoring/predict.js"
import { decodeSettings, encodeSettings, type Settings } from "../../src/settings/settings.js"
import { train } from "../../src/training/train.js"
import { decodeTrainingPlan } from "../../src/training/training-plan.js"
import { basicSettings, dataPath, expectClose, withEngine } from "../training/fixtures.js"

const scoreDemoData = (settings: Settings) =>
  Effect.gen(function* () {
    const engine = yield* LinkageEngine
    const input = yield* engine.loadInput({ files: [dataPath("fake_1000_from_splink_demos.csv")], settings })
    const vectors = yield* engine.comparisonVectors(input, settings, { withIds: true })
    const model = yield* compileModel(settings)
    return { input, vectors, predictions: yield* predict(model, vectors, { explain: true }) }
  })

describe("splink2_predict_479_vs_481 from the data", () => {
  it.effect("scores the pair as splink does, TF of 'Jack ' included", () =>
    withEngine(
      Effect.gen(function* () {
        const { predictions, vectors } = yield* scoreDemoData(basicSettings())
        const pair = vectors.pairs!.uniqueIdL.findIndex((l, i) => l === "479" && vectors.pairs!.uniqueIdR[i] === "481")
        expect(pair).toBeGreaterThanOrEqual(0)
        expectClose(predictions.matchWeight[pair], 0.5101493570766487)
        expectClose(predictions.matchProbability[pair], 0.5874923778509089)
        const firstName = predictions.explanation!.find((e) => e.name === "first_name")!
        expectClose(firstName.tfBayesFactor![pair], 4.272592890212634)
      })
    )
  )
})

describe("a trained model", () => {
  it.effect("encodes, decodes and predicts identically", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const settings = basicSettings()
        const input = yield* engine.loadInput({ files: [dataPath("fake_1000_from_splink_demos.csv")], settings })
        const plan = Either.getOrThrow(
          decodeTrainingPlan({
            steps: [
              { estimate: "u_using_random_sampling", max_pairs: 1e5, seed: 3 },
              { estimate: "parameters_using_expectation_maximisation", blocking_rule: "l.dob = r.dob" },
              { estimate: "parameters_using_expectation_maximisation", blocking_rule: "l.surname = r.surname" }
            ]
          })
        )
        const trained = (yield* train(input, { ...settings, extra_key_we_do_not_read: [1, 2] } as Settings, plan)).settings
        const saved = JSON.stringify(yield* encodeSettings(trained))
        const loaded = yield* decodeSettings(JSON.parse(saved))
        expect(JSON.parse(saved).extra_key_we_do_not_read).toEqual([1, 2])
        expect(loaded).toEqual(trained)
        const before = yield* scoreDemoData(trained)
        const after = yield* scoreDemoData(loaded)
        expect(after.predictions.matchWeight).toEqual(before.predictions.matchWeight)
        expect(after.predictions.matchProbability).toEqual(before.predictions.matchProbability)
        // Training moved the weights away from the hand-set starting model.
        const untrained = yield* scoreDemoData(settings)
        expect(untrained.predictions.matchWeight).not.toEqual(before.predictions.matchWeight)
      })
    )
  )
})
