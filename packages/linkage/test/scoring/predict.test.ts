/** Scoring against splink's numbers: the 479/481 pair of tests/test_compare_splink2.py, and explain columns. */
import { Effect, Either } from "effect"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import type { ComparisonVectors } from "../../src/engine/comparison-vectors.js"
import { compileModel } from "../../src/scoring/model.js"
import { predict } from "../../src/scoring/predict.js"
import { waterfall } from "../../src/scoring/waterfall.js"
import { decodeSettings } from "../../src/settings/settings.js"
import { basicSettings, dataPath, expectClose, readSimpleCsv } from "../training/fixtures.js"

/** The pair as the engine hands it over: γ per comparison and the first name's term frequency. */
const pair479vs481: ComparisonVectors = {
  pairCount: 1,
  comparisons: [
    { name: "first_name", gamma: Int8Array.of(2), tf: new Map([["first_name", Float64Array.of(8 / 900)]]) },
    { name: "surname", gamma: Int8Array.of(1), tf: new Map() },
    { name: "dob", gamma: Int8Array.of(1), tf: new Map() },
    { name: "email", gamma: Int8Array.of(0), tf: new Map() },
    { name: "city", gamma: Int8Array.of(0), tf: new Map() }
  ],
  pairs: { uniqueIdL: ["479"], uniqueIdR: ["481"] }
}

describe("splink2_predict_479_vs_481", () => {
  const expected = readSimpleCsv("splink2_479_vs_481.csv")[0]!
  const model = Either.getOrThrow(compileModel(basicSettings()))

  it("gives splink's match weight, probability and TF Bayes factor", () => {
    const predictions = Either.getOrThrow(predict(model, pair479vs481, { explain: true }))
    expectClose(predictions.matchWeight[0], 0.5101493570766487)
    expectClose(predictions.matchWeight[0], Number(expected.match_weight))
    expectClose(predictions.matchProbability[0], 0.5874923778509089)
    const firstName = predictions.explanation!.find((e) => e.name === "first_name")!
    expectClose(firstName.tfBayesFactor![0], 4.272592890212634)
    expectClose(firstName.bayesFactor[0], Number(expected.bf_gamma_first_name))
    const dob = predictions.explanation!.find((e) => e.name === "dob")!
    expectClose(dob.bayesFactor[0], Number(expected.bf_gamma_dob))
    expect(dob.tfBayesFactor).toBeUndefined()
  })

  it("adds up in the waterfall from the prior to the final score", () => {
    const rows = Either.getOrThrow(waterfall(model, pair479vs481, 0))
    expect(rows.map((r) => r.column_name)).toEqual([
      "Prior",
      "first_name",
      "tf_first_name",
      "surname",
      "dob",
      "email",
      "city",
      "Final score"
    ])
    const final = rows.at(-1)!
    expectClose(final.log2_bayes_factor, 0.5101493570766487)
    expectClose(rows[2]!.bayes_factor, 4.272592890212634)
    expect(rows[2]!.label_for_charts).toBe("Term freq adjustment on first_name")
    expect(rows[4]!.bayes_factor_description).toBe(
      "If comparison level is `exact match` then comparison is 9 times more likely to be a match"
    )
    expect(rows.map((r) => r.bar_sort_order)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
  })

  it("ignores the TF adjustment where both values are NULL", () => {
    const noTf: ComparisonVectors = {
      ...pair479vs481,
      comparisons: pair479vs481.comparisons.map((c) =>
        c.name === "first_name" ? { ...c, tf: new Map([["first_name", Float64Array.of(NaN)]]) } : c
      )
    }
    const predictions = Either.getOrThrow(predict(model, noTf, { explain: true }))
    expectClose(predictions.matchWeight[0], 0.5101493570766487 - Math.log2(4.272592890212634))
    expect(predictions.explanation![0]!.tfBayesFactor![0]).toBe(1)
  })
})

describe("compileModel", () => {
  it("names the comparison and level of a TF adjustment that has no exact-match level", () => {
    const settings = basicSettings()
    const broken = {
      ...settings,
      comparisons: settings.comparisons.map((c) =>
        c.output_column_name === "dob"
          ? {
              ...c,
              comparison_levels: c.comparison_levels.map((l, i) => (i === 1 ? { ...l, tf_adjustment_column: "city" } : l))
            }
          : c
      )
    }
    const result = Either.flip(compileModel(broken))
    expect(Either.getOrThrow(result).message).toMatch(
      /comparison "dob", level 1 \("Exact match"\): term-frequency adjustment on "city"/
    )
  })

  it("fills in splink's starting m and u by γ where a level has none", () => {
    const model = Either.getOrThrow(
      compileModel({
        link_type: "dedupe_only",
        comparisons: [
          {
            output_column_name: "name",
            comparison_levels: [
              { sql_condition: "name_l IS NULL OR name_r IS NULL", is_null_level: true },
              { sql_condition: "name_l = name_r" },
              { sql_condition: "levenshtein(name_l, name_r) <= 1" },
              { sql_condition: "levenshtein(name_l, name_r) <= 3" },
              { sql_condition: "ELSE" }
            ]
          }
        ]
      })
    )
    const byGamma = model.comparisons[0]!.byGamma
    // n = 4: m 0.05/3 each below the top; u = m / 2^w with w = −5, −1, 3 then 10.
    const lower = (1 - 0.95) / 3
    expect(byGamma.map((l) => l.defaultM)).toEqual([lower, lower, lower, 0.95])
    expect(byGamma.map((l) => l.defaultU)).toEqual([lower / 2 ** -5, lower / 2 ** -1, lower / 2 ** 3, 0.95 / 2 ** 10])
    expect(model.lambda).toBe(0.0001)
    expect(byGamma.map((l) => l.label)).toEqual(["0", "1", "2", "3"])
  })
})

describe("splink's saved models", () => {
  const load = (file: string) =>
    Effect.runSync(decodeSettings(JSON.parse(readFileSync(dataPath(file), "utf8"))))

  it("read as models, each TF level measured from its comparison's exact-match u", () => {
    const demo = Either.getOrThrow(compileModel(load("saved_model_from_demo.json")))
    const firstName = demo.comparisons[0]!
    expect(firstName.byGamma[4]!.tf).toEqual({ column: "first_name", weight: 1, minimumU: 0, exactGamma: 4 })
    expect(firstName.tfColumns).toEqual(["first_name"])
    expect(demo.comparisons.map((c) => c.columns)).toEqual([["first_name"], ["surname"], ["dob"], ["city"], ["email"]])
    expect(demo.lambda).toBe(0.00298012298012298)
    expect(Either.isRight(compileModel(load("real_time_settings.json")))).toBe(true)
    const h50k = Either.getOrThrow(compileModel(load("model_h50k.json")))
    expect(h50k.comparisons.map((c) => c.name)).toEqual(["first_name", "surname", "dob", "postcode_fake", "birth_place", "occupation"])
  })
})
