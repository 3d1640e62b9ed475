/**
 * splink's own saved models, rebuilt with the library, string for string: the comparisons and the
 * blocking rules of the fake_1000 demo model (saved_model_from_demo.json) and of the historical_50k
 * model (model_h50k.json, written by an older splink; where today's splink writes something else,
 * the test says so and expects today's).
 */
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import {
  blockOn,
  col,
  dateOfBirthComparison,
  emailComparison,
  exactMatch,
  levenshteinAtThresholds,
  nameComparison,
  postcodeComparison
} from "../../src/comparisons/index.js"
import { blockingRuleSql, type Comparison } from "../../src/settings/settings.js"

interface SavedModel {
  readonly comparisons: ReadonlyArray<Comparison>
  readonly blocking_rules_to_generate_predictions: ReadonlyArray<{ readonly blocking_rule: string }>
}

const readModel = (name: string): SavedModel =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../data/${name}`, import.meta.url)), "utf8")) as SavedModel

/** A saved comparison without what training adds (m, u) and without splink's default `false`
 * fix flags, which the library writes only when they are set. */
const asDefined = (comparison: Comparison): Comparison => ({
  ...comparison,
  comparison_levels: comparison.comparison_levels.map((level) => {
    const { m_probability: _m, u_probability: _u, ...rest } = level
    return Object.fromEntries(
      Object.entries(rest).filter(([key, value]) => !(key.startsWith("fix_") && value === false))
    ) as Comparison["comparison_levels"][number]
  })
})

const comparisonNamed = (model: SavedModel, name: string): Comparison => {
  const found = model.comparisons.find((comparison) => comparison.output_column_name === name)
  if (found === undefined) throw new Error(`no comparison ${name}`)
  return asDefined(found)
}

describe("saved_model_from_demo.json (fake_1000)", () => {
  const model = readModel("saved_model_from_demo.json")

  it("rebuilds every comparison", () => {
    expect(nameComparison("first_name")).toEqual(comparisonNamed(model, "first_name"))
    expect(nameComparison("surname")).toEqual(comparisonNamed(model, "surname"))
    expect(levenshteinAtThresholds(col("dob").castToString(), 1)).toEqual(comparisonNamed(model, "dob"))
    expect(exactMatch("city", { termFrequencyAdjustments: true })).toEqual(comparisonNamed(model, "city"))
    expect(emailComparison("email")).toEqual(comparisonNamed(model, "email"))
    expect(model.comparisons).toHaveLength(5)
  })

  it("writes the keys in splink's order, so the JSON text is the same", () => {
    const built = [
      nameComparison("first_name"),
      nameComparison("surname"),
      levenshteinAtThresholds(col("dob").castToString(), 1),
      exactMatch("city", { termFrequencyAdjustments: true }),
      emailComparison("email")
    ]
    expect(JSON.stringify(built, null, 2)).toBe(JSON.stringify(model.comparisons.map(asDefined), null, 2))
  })

  it("rebuilds the blocking rules", () => {
    expect([blockOn("first_name", "city"), blockOn("surname"), blockOn("dob")]).toEqual(
      model.blocking_rules_to_generate_predictions.map(blockingRuleSql)
    )
  })
})

describe("model_h50k.json (historical_50k)", () => {
  const model = readModel("model_h50k.json")

  it("rebuilds the comparisons that today's splink writes the same way", () => {
    expect(dateOfBirthComparison("dob", { inputIsString: true })).toEqual(comparisonNamed(model, "dob"))
    expect(postcodeComparison("postcode_fake")).toEqual(comparisonNamed(model, "postcode_fake"))
    expect(exactMatch("birth_place")).toEqual(comparisonNamed(model, "birth_place"))
    expect(exactMatch("occupation")).toEqual(comparisonNamed(model, "occupation"))
  })

  it("rebuilds the name comparisons, plus the TF adjustment today's NameComparison puts on the exact level", () => {
    for (const name of ["first_name", "surname"]) {
      const saved = comparisonNamed(model, name)
      const withTodaysTf: Comparison = {
        ...saved,
        comparison_levels: saved.comparison_levels.map((level, index) =>
          index === 1 ? { ...level, tf_adjustment_column: name, tf_adjustment_weight: 1 } : level
        )
      }
      expect(nameComparison(name)).toEqual(withTodaysTf)
    }
  })

  it("rebuilds the blocking rules on plain columns", () => {
    const saved = model.blocking_rules_to_generate_predictions.map(blockingRuleSql)
    expect(blockOn("surname", "dob")).toBe(saved[1])
    expect(blockOn("first_name", "dob")).toBe(saved[2])
    expect(blockOn("postcode_fake", "first_name")).toBe(saved[3])
    expect(blockOn("postcode_fake", "surname")).toBe(saved[4])
    expect(blockOn("dob", "birth_place")).toBe(saved[5])
  })

  it("writes substrings as today's splink does (SUBSTRING over a quoted column), where the older model has SUBSTR", () => {
    expect(blockOn(col("first_name").substr(1, 3), col("surname").substr(1, 4))).toBe(
      '(SUBSTRING(l."first_name", 1, 3) = SUBSTRING(r."first_name", 1, 3)) AND ' +
        '(SUBSTRING(l."surname", 1, 4) = SUBSTRING(r."surname", 1, 4))'
    )
  })
})
