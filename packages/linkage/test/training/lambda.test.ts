/** λ from deterministic rules, and λ written back from several EM sessions (splink's test_lambda). */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { compileModel } from "../../src/scoring/model.js"
import { lambdaFromDeterministicRules } from "../../src/training/lambda-from-deterministic-rules.js"
import { initialTrainingState, lambdaFromSessions, recordEstimates } from "../../src/training/trained-values.js"
import { basicSettings, expectClose } from "./fixtures.js"

describe("lambdaFromDeterministicRules", () => {
  it("reproduces tutorial 04: 1,042 pairs at recall 0.7 of 499,500", () => {
    const estimate = Either.getOrThrow(lambdaFromDeterministicRules(1042, 499500, 0.7))
    expect(estimate.lambda).toBe(0.00298012298012298)
    expectClose(estimate.expectedMatches, 1488.5714285714287)
  })

  it("refuses rules that find more pairs than the recall allows", () => {
    const error = Either.getOrThrow(Either.flip(lambdaFromDeterministicRules(80, 100, 0.7)))
    expect(error.message).toMatch(/recall must be at least 0\.80/)
  })
})

describe("lambdaFromSessions", () => {
  it("reverses each session's in-block λ by its blocking levels' trained Bayes factors, then 1/median(1/λ)", () => {
    const settings = basicSettings()
    // The figures splink's test_lambda documents for its two sessions.
    const m = { dob: 0.9, firstName: 0.7, surname: 0.9 }
    const u = { dob: 0.9 / 1.6321361225311535, firstName: 0.7 / 71.435024344641, surname: 0.9 / 8.378038065716774 }
    const value = (probability: number) => ({ probability, description: "test" })
    const trained = recordEstimates(initialTrainingState(settings).trained, (c, level) => {
      if (level !== 1) return {}
      if (c === 0) return { m: value(m.firstName), u: value(u.firstName) }
      if (c === 1) return { m: value(m.surname), u: value(u.surname) }
      if (c === 2) return { m: value(m.dob), u: value(u.dob) }
      return {}
    })
    const model = Either.getOrThrow(compileModel(settings))
    const { estimates, lambda } = lambdaFromSessions(
      [
        { lambdaInBlock: 0.588699831556479, reversedLevels: [{ comparison: 2, levelIndex: 1 }] },
        {
          lambdaInBlock: 0.5876227881218818,
          reversedLevels: [
            { comparison: 0, levelIndex: 1 },
            { comparison: 1, levelIndex: 1 }
          ]
        }
      ],
      model,
      trained
    )
    expectClose(estimates[0], 0.46722294374907014)
    expectClose(estimates[1], 0.0023752954691593103)
    expectClose(lambda, 1 / ((1 / 0.46722294374907014 + 1 / 0.0023752954691593103) / 2))
    expectClose(lambda, 0.0047265617657425, 1e-12)
  })
})
