/** splink's EM session semantics beyond the published histories: fixes, "not observed", errors, both E-steps. */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { LinkageEngine } from "../../src/engine/linkage-engine.js"
import { compileModel, effectiveM, effectiveU } from "../../src/scoring/model.js"
import type { Settings } from "../../src/settings/settings.js"
import { expectationMaximisation, NOT_OBSERVED_PROBABILITY } from "../../src/training/expectation-maximisation.js"
import { train } from "../../src/training/train.js"
import { decodeTrainingPlan } from "../../src/training/training-plan.js"
import { basicSettings, dataPath, knownParamsSettings, knownParamsVectors, withEngine } from "./fixtures.js"

const emOnDemoData = (settings: Settings, step: Record<string, unknown>) =>
  withEngine(
    Effect.gen(function* () {
      const engine = yield* LinkageEngine
      const input = yield* engine.loadInput({ files: [dataPath("fake_1000_from_splink_demos.csv")], settings })
      const plan = Either.getOrThrow(
        decodeTrainingPlan({
          steps: [{ estimate: "parameters_using_expectation_maximisation", blocking_rule: "l.surname = r.surname", ...step }]
        })
      )
      return yield* train(input, settings, plan)
    })
  )

const withLevel = (settings: Settings, comparison: string, index: number, change: Record<string, unknown>): Settings => ({
  ...settings,
  comparisons: settings.comparisons.map((c) =>
    c.output_column_name !== comparison
      ? c
      : { ...c, comparison_levels: c.comparison_levels.map((l, i) => (i === index ? { ...l, ...change } : l)) }
  )
})

describe("EM sessions", () => {
  it.effect("reports a level no pair falls in, keeps no trained value for it, and reads it as 1e-6 meanwhile", () =>
    Effect.gen(function* () {
      const settings = withLevel(basicSettings(), "first_name", 2, {
        sql_condition: "levenshtein(first_name_l, first_name_r) > 1000",
        label_for_charts: "impossible"
      })
      const result = yield* emOnDemoData(settings, { fix_u_probabilities: false })
      expect(result.report.sessions[0]!.not_observed).toEqual([
        {
          comparison: "first_name",
          label_for_charts: "impossible",
          comparison_vector_value: 1,
          parameters: ["m_probability", "u_probability"]
        }
      ])
      const level = result.settings.comparisons[0]!.comparison_levels[2]!
      expect([level.m_probability, level.u_probability]).toEqual([0.2, 0.1])
      const last = result.histories[0]!.iterations.at(-1)!
      expect([last.m[0]![1], last.u[0]![1], last.mNotObserved[0]![1]]).toEqual([NOT_OBSERVED_PROBABILITY, NOT_OBSERVED_PROBABILITY, 1])
      expect(result.state.trained[0]![2]!.m.map((v) => v.probability)).toEqual([null])
    })
  )

  it.effect("keeps a level's fixed m, and λ when asked", () =>
    Effect.gen(function* () {
      const settings = withLevel(basicSettings(), "dob", 1, { fix_m_probability: true })
      const result = yield* emOnDemoData(settings, { fix_probability_two_random_records_match: true })
      const history = result.histories[0]!
      const dob = history.comparisons.findIndex((c) => c.name === "dob")
      expect(history.iterations.map((it) => it.m[dob]![1])).toEqual(history.iterations.map(() => 0.9))
      expect(history.iterations.at(-1)!.m[dob]![0]).not.toBe(0.1)
      expect(history.iterations.map((it) => it.lambda)).toEqual(history.iterations.map(() => history.iterations[0]!.lambda))
      expect(result.settings.comparisons[2]!.comparison_levels[1]!.m_probability).toBe(0.9)
    })
  )

  it.effect("refuses to fix both m and u, and a rule that generates no pairs, naming the plan step", () =>
    Effect.gen(function* () {
      const bothFixed = yield* Effect.flip(emOnDemoData(basicSettings(), { fix_m_probabilities: true }))
      expect(bothFixed.message).toBe("plan step 1: EM cannot train with both m and u probabilities fixed")
      const noPairs = yield* Effect.flip(emOnDemoData(basicSettings(), { blocking_rule: "l.surname = r.surname AND 1 = 0" }))
      expect(noPairs.message).toBe("plan step 1: the training blocking rule `l.surname = r.surname AND 1 = 0` generates no record pairs")
    })
  )
})

describe("expectationMaximisation", () => {
  it("gives the same result scoring pairs one by one (TF in play) as scoring distinct γ patterns", () => {
    const { vectors } = knownParamsVectors()
    const settings = withLevel(knownParamsSettings, "col_1", 1, { tf_adjustment_column: "col_1" })
    const model = Either.getOrThrow(compileModel(settings))
    const noTermFrequencies = new Float64Array(vectors.pairCount).fill(NaN)
    const run = (withTf: boolean) =>
      expectationMaximisation(
        model.comparisons.map((comparison, k) => ({
          name: comparison.name,
          byGamma: comparison.byGamma,
          gamma: vectors.comparisons[k]!.gamma,
          tfByGamma: comparison.byGamma.map((level) => (withTf && level.tf ? noTermFrequencies : undefined)),
          m: comparison.byGamma.map(effectiveM),
          u: comparison.byGamma.map(effectiveU)
        })),
        vectors.pairCount,
        { lambda: 0.0001, fixLambda: false, fixM: false, fixU: false, emConvergence: 1e-5, maxIterations: 200 }
      )
    const perPair = run(true)
    const byPattern = run(false)
    expect(perPair.history.length).toBe(byPattern.history.length)
    expect(perPair.final.lambda).toBeCloseTo(byPattern.final.lambda, 12)
    perPair.final.m.forEach((m, k) => m.forEach((value, g) => expect(value).toBeCloseTo(byPattern.final.m[k]![g]!, 12)))
  })
})
