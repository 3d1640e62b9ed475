/** splink's tests/test_correctness_of_convergence.py: EM recovers known parameters from 4,000 γ vectors. */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { compileModel } from "../../src/scoring/model.js"
import { predict } from "../../src/scoring/predict.js"
import { runEmSession } from "../../src/training/em-session.js"
import { initialTrainingState } from "../../src/training/trained-values.js"
import { expectClose, knownParamsSettings, knownParamsVectors } from "./fixtures.js"

describe("known_params_convergence", () => {
  const { rows, vectors } = knownParamsVectors()
  const outcome = Either.getOrThrow(
    runEmSession(initialTrainingState(knownParamsSettings), vectors, {
      blockingRule: "1=1",
      fixUProbabilities: false,
      populateProbabilityTwoRandomRecordsMatchFromTrainedValues: true
    })
  )

  it("starts from splink's default m and u and λ 0.0001", () => {
    const start = outcome.history.iterations[0]!
    expect(start.lambda).toBe(0.0001)
    // 1 − 0.95 is 0.050000000000000044 in splink's Python as here.
    expectClose(start.m[0]![0], 0.05, 1e-14)
    expectClose(start.m[0]![1], 0.95, 1e-14)
    expectClose(start.u[0]![0], 1.6, 1e-14)
    expectClose(start.u[0]![1], 0.000927734375, 1e-14)
  })

  it("converges after 29 iterations to the independent re-implementation's figures", () => {
    expect(outcome.report.iterations).toHaveLength(29)
    expect(outcome.report.converged).toBe(true)
    expect(outcome.report.deactivated).toEqual([])
    const col1 = outcome.state.settings.comparisons[0]!.comparison_levels[1]!
    expectClose(outcome.state.settings.probability_two_random_records_match, 0.49996371444186816)
    expectClose(col1.m_probability, 0.7000282871014373)
    expectClose(col1.u_probability, 0.10001525651396515)
  })

  it("predicts the generating model's match probabilities within 0.2 %", () => {
    const model = Either.getOrThrow(compileModel(outcome.state.settings))
    const predictions = Either.getOrThrow(predict(model, vectors))
    let worst = 0
    rows.forEach((row, i) => {
      const truth = Number(row.true_match_probability_l)
      worst = Math.max(worst, Math.abs(predictions.matchProbability[i]! - truth) / truth)
    })
    expect(worst).toBeLessThan(0.002)
  })
})
