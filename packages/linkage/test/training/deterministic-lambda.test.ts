/** λ from deterministic rules on splink_datasets' fake_1000 (tutorial 04 and the accuracy example). */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { readFileSync } from "node:fs"
import { LinkageEngine } from "../../src/engine/linkage-engine.js"
import { decodeSettings } from "../../src/settings/settings.js"
import { train } from "../../src/training/train.js"
import { decodeTrainingPlan } from "../../src/training/training-plan.js"
import { dataPath, expectClose, withEngine } from "./fixtures.js"

const lambdaStep = (rules: ReadonlyArray<string>, recall: number) =>
  withEngine(
    Effect.gen(function* () {
      const engine = yield* LinkageEngine
      const settings = yield* decodeSettings(JSON.parse(readFileSync(dataPath("saved_model_from_demo.json"), "utf8")))
      const input = yield* engine.loadInput({ files: [dataPath("fake_1000.csv")], settings })
      const plan = Either.getOrThrow(
        decodeTrainingPlan({
          steps: [{ estimate: "probability_two_random_records_match", deterministic_rules: rules, recall }]
        })
      )
      return yield* train(input, settings, plan)
    })
  )

describe("probability_two_random_records_match from deterministic rules", () => {
  it.effect("tutorial04_lambda", () =>
    Effect.gen(function* () {
      const result = yield* lambdaStep(
        [
          `(l."first_name" = r."first_name") AND (l."dob" = r."dob")`,
          "l.first_name = r.first_name and levenshtein(r.surname, l.surname) <= 2",
          `l."email" = r."email"`
        ],
        0.7
      )
      expect(result.report.steps[0]).toMatchObject({ pairs_found: 1042, total_comparisons: 499500 })
      expectClose(result.settings.probability_two_random_records_match, 0.00298012298012298)
      expect((result.report.steps[0] as { expected_matches: number }).expected_matches.toFixed(2)).toBe("1488.57")
      expect(result.report.sessions).toEqual([])
    })
  )

  it.effect("accuracy_example_lambda", () =>
    Effect.gen(function* () {
      const result = yield* lambdaStep(
        [
          "l.first_name = r.first_name and levenshtein(r.dob::VARCHAR, l.dob::VARCHAR) <= 1",
          "l.surname = r.surname and levenshtein(r.dob::VARCHAR, l.dob::VARCHAR) <= 1",
          "l.first_name = r.first_name and levenshtein(r.surname, l.surname) <= 2",
          "l.email = r.email"
        ],
        0.7
      )
      expect(result.report.steps[0]).toMatchObject({ pairs_found: 1165 })
      expectClose(result.settings.probability_two_random_records_match, 0.0033319033319033323)
      expect((result.report.steps[0] as { expected_matches: number }).expected_matches.toFixed(2)).toBe("1664.29")
    })
  )

  it.effect("names the plan step when the rules find more pairs than the recall allows", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(lambdaStep(["l.city = r.city"], 0.01))
      expect(error._tag).toBe("LinkageInputError")
      expect(error.message).toMatch(/^plan step 1: the deterministic rules find \d+ of 499500 pairs/)
    })
  )
})
