/**
 * splink's tests/test_compare_splink2.py::test_lambda: two EM sessions, parameters edited between
 * them, and λ written back as 1 / median(1 / each session's global estimate).
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { LinkageEngine } from "../../src/engine/linkage-engine.js"
import { compileModel, effectiveM, effectiveU } from "../../src/scoring/model.js"
import { bayesFactorToProbability, probabilityToBayesFactor } from "../../src/scoring/probability.js"
import type { Settings } from "../../src/settings/settings.js"
import { runTrainingStep } from "../../src/training/train.js"
import { initialTrainingState } from "../../src/training/trained-values.js"
import { basicSettings, dataPath, expectClose, withEngine } from "./fixtures.js"

const bayesFactorOfExactLevel = (settings: Settings, comparison: string): number => {
  const model = Either.getOrThrow(compileModel(settings))
  const level = model.comparisons.find((c) => c.name === comparison)!.levels[1]!
  return effectiveM(level) / effectiveU(level)
}

/** What the test does between the sessions: dob, city and email back to 0.9/0.1 and 0.1/0.9. */
const resetBinaryComparisons = (settings: Settings, lambda: number): Settings => ({
  ...settings,
  probability_two_random_records_match: lambda,
  comparisons: settings.comparisons.map((comparison) =>
    ["first_name", "surname"].includes(comparison.output_column_name)
      ? comparison
      : {
          ...comparison,
          comparison_levels: comparison.comparison_levels.map((level, i) =>
            i === 1 ? { ...level, m_probability: 0.9, u_probability: 0.1 } : i === 2 ? { ...level, m_probability: 0.1, u_probability: 0.9 } : level
          )
        }
  )
})

describe("two_session_lambda", () => {
  it.effect("writes back λ from both sessions as splink does", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const settings: Settings = { ...basicSettings(), max_iterations: 10, em_convergence: 1e-10 }
        const input = yield* engine.loadInput({ files: [dataPath("fake_1000_from_splink_demos.csv")], settings })

        const a = yield* runTrainingStep(input, initialTrainingState(settings), {
          estimate: "parameters_using_expectation_maximisation",
          blocking_rule: "l.dob = r.dob",
          fix_u_probabilities: false,
          fix_m_probabilities: false,
          fix_probability_two_random_records_match: false,
          populate_probability_two_random_records_match_from_trained_values: false,
          estimate_without_term_frequencies: false
        })
        expect(a.session!.report.pairs).toBe(1850)
        expect(a.session!.report.iterations).toHaveLength(10)
        expectClose(a.session!.history.iterations.at(-1)!.lambda, 0.588699831556479)
        const bfFirstName = bayesFactorOfExactLevel(a.state.settings, "first_name")
        const bfSurname = bayesFactorOfExactLevel(a.state.settings, "surname")
        expectClose(bfFirstName, 71.435024344641)
        expectClose(bfSurname, 8.378038065716774)

        const lambda = bayesFactorToProbability(probabilityToBayesFactor(0.3) / (bfFirstName * bfSurname))
        const b = yield* runTrainingStep(
          input,
          { ...a.state, settings: resetBinaryComparisons(a.state.settings, lambda) },
          {
            estimate: "parameters_using_expectation_maximisation",
            blocking_rule: "l.first_name = r.first_name and l.surname = r.surname",
            fix_u_probabilities: false,
            fix_m_probabilities: false,
            fix_probability_two_random_records_match: false,
            populate_probability_two_random_records_match_from_trained_values: true,
            estimate_without_term_frequencies: false
          },
          { position: 2 }
        )
        expect(b.session!.report.pairs).toBe(599)
        expect(b.session!.report.deactivated).toEqual(["first_name", "surname"])
        expectClose(b.session!.report.start_lambda_in_block, 0.3)
        expectClose(b.session!.history.iterations.at(-1)!.lambda, 0.5876227881218818)
        expectClose(bayesFactorOfExactLevel(b.state.settings, "dob"), 1.6321361225311535)
        expect(b.report).toMatchObject({ estimate: "parameters_using_expectation_maximisation", session: 1 })
        const report = b.report as { global_lambda_estimates: ReadonlyArray<number>; probability_two_random_records_match: number }
        expectClose(report.global_lambda_estimates[0], 0.46722294374907014)
        expectClose(report.global_lambda_estimates[1], 0.0023752954691593103)
        expectClose(b.state.settings.probability_two_random_records_match, 1 / ((1 / 0.46722294374907014 + 1 / 0.0023752954691593103) / 2))
        expect(report.probability_two_random_records_match).toBe(b.state.settings.probability_two_random_records_match)
      })
    )
  )
})
