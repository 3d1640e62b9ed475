/**
 * splink's tests/test_compare_splink2.py: EM on fake_1000_from_splink_demos.csv blocked on surname,
 * with TF adjustments in the E-step, u fixed and not fixed, against Splink 2's histories level by
 * level and iteration by iteration.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { LinkageEngine } from "../../src/engine/linkage-engine.js"
import type { EmSessionHistory } from "../../src/training/em-session.js"
import { train } from "../../src/training/train.js"
import { Either } from "effect"
import { decodeTrainingPlan } from "../../src/training/training-plan.js"
import { basicSettings, dataPath, expectClose, readSimpleCsv, withEngine } from "./fixtures.js"

const trainOnSurname = (fixU: boolean) =>
  withEngine(
    Effect.gen(function* () {
      const engine = yield* LinkageEngine
      const settings = basicSettings()
      const input = yield* engine.loadInput({ files: [dataPath("fake_1000_from_splink_demos.csv")], settings })
      const plan = Either.getOrThrow(
        decodeTrainingPlan({
          steps: [
            {
              estimate: "parameters_using_expectation_maximisation",
              blocking_rule: "l.surname = r.surname",
              fix_u_probabilities: fixU
            }
          ]
        })
      )
      return yield* train(input, settings, plan)
    })
  )

/** Every m and u of Splink 2's history file equals ours at the same comparison, γ and iteration. */
const expectSameHistory = (history: EmSessionHistory, file: string) => {
  const expected = readSimpleCsv(file)
  expect(expected.length).toBe(27)
  for (const row of expected) {
    const k = history.comparisons.findIndex((c) => `gamma_${c.name}` === row.gamma_column_name)
    expect(k).toBeGreaterThanOrEqual(0)
    const iteration = history.iterations[Number(row.iteration)]!
    const gamma = Number(row.comparison_vector_value)
    expectClose(iteration.m[k]![gamma], Number(row.m_probability))
    expectClose(iteration.u[k]![gamma], Number(row.u_probability))
  }
}

const expectSameLambdas = (history: EmSessionHistory, file: string) => {
  for (const row of readSimpleCsv(file)) expectClose(history.iterations[Number(row.iteration)]!.lambda, Number(row["λ"]))
}

describe("splink2_em_fixed_u", () => {
  it.effect("matches Splink 2's λ and m/u history with u fixed", () =>
    Effect.gen(function* () {
      const result = yield* trainOnSurname(true)
      const session = result.report.sessions[0]!
      expect(session.pairs).toBe(3167)
      expect(session.deactivated).toEqual(["surname"])
      expectClose(session.start_lambda_in_block, 0.3)
      const history = result.histories[0]!
      expect(history.comparisons.map((c) => c.name)).toEqual(["first_name", "dob", "email", "city"])
      expectSameLambdas(history, "splink2_proportion_of_matches_history_fixed_u.csv")
      expectSameHistory(history, "splink2_m_u_history_fixed_u.csv")
      expectClose(history.iterations[1]!.m[0]![1], 0.1422119783401823)
      expectClose(history.iterations[2]!.m[0]![1], 0.13468402611428465)
      // u stays as given; λ is not written back by default.
      expect(result.settings.comparisons[0]!.comparison_levels[2]!.u_probability).toBe(0.1)
      expect(result.settings.probability_two_random_records_match).toBe(basicSettings().probability_two_random_records_match)
      expect(result.report.steps[0]).toMatchObject({ session: 0, converged: true })
    })
  )
})

describe("splink2_em_no_fix", () => {
  it.effect("matches Splink 2's λ and m/u history with u estimated too", () =>
    Effect.gen(function* () {
      const result = yield* trainOnSurname(false)
      const history = result.histories[0]!
      expectSameLambdas(history, "splink2_proportion_of_matches_history_no_fix.csv")
      expectSameHistory(history, "splink2_m_u_history_no_fix.csv")
      expectClose(history.iterations[2]!.m[0]![1], 0.1568402413576787)
      expectClose(history.iterations[1]!.u[0]![1], 0.02567783498811634)
    })
  )
})
