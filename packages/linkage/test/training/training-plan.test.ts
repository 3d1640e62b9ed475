import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { decodeTrainingPlan } from "../../src/training/training-plan.js"

const message = (input: unknown): string => Either.getOrThrow(Either.flip(decodeTrainingPlan(input))).message

describe("decodeTrainingPlan", () => {
  it("reads the five steps of the contract with splink's defaults", () => {
    const plan = Either.getOrThrow(
      decodeTrainingPlan({
        steps: [
          { estimate: "probability_two_random_records_match", deterministic_rules: ["l.email = r.email"], recall: 0.7 },
          { estimate: "u_using_random_sampling", max_pairs: 1e6, seed: 1 },
          { estimate: "parameters_using_expectation_maximisation", blocking_rule: { blocking_rule: "l.dob = r.dob" } },
          { estimate: "m_from_label_column", label_column: "cluster" },
          { estimate: "m_from_pairwise_labels", labels: "labels.csv" }
        ]
      })
    )
    expect(plan.steps).toHaveLength(5)
    expect(plan.steps[2]).toEqual({
      estimate: "parameters_using_expectation_maximisation",
      blocking_rule: { blocking_rule: "l.dob = r.dob" },
      fix_u_probabilities: true,
      fix_m_probabilities: false,
      fix_probability_two_random_records_match: false,
      populate_probability_two_random_records_match_from_trained_values: false,
      estimate_without_term_frequencies: false
    })
  })

  it("names the step and the value of an unknown estimate", () => {
    expect(message({ steps: [{ estimate: "u_using_random_sampling" }, { estimate: "lambda" }] })).toBe(
      'plan step 2: unknown estimate "lambda" (expected one of probability_two_random_records_match, u_using_random_sampling, parameters_using_expectation_maximisation, m_from_label_column, m_from_pairwise_labels)'
    )
  })

  it("names the step and the key of a bad or misspelt argument", () => {
    expect(
      message({ steps: [{ estimate: "probability_two_random_records_match", deterministic_rules: ["1=1"], recall: 1.5 }] })
    ).toMatch(/^plan step 1 \(probability_two_random_records_match\): recall: must be greater than 0 and at most 1/)
    expect(
      message({
        steps: [{ estimate: "parameters_using_expectation_maximisation", blocking_rule: "1=1", fix_u_probabilites: false }]
      })
    ).toMatch(/^plan step 1 \(parameters_using_expectation_maximisation\): fix_u_probabilites: /)
    expect(message({ steps: [{ seed: 1 }] })).toMatch(/^plan step 1: a step needs "estimate"/)
    expect(message([])).toMatch(/training plan is a JSON object/)
  })
})
