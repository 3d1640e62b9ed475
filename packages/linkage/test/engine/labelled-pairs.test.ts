import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { LinkageEngine } from "../../src/engine/index.js"
import { basicSettings, csvFile, dataFile, withEngine } from "./engine-fixture.js"

const fakeDemos = dataFile("fake_1000_from_splink_demos.csv")

describe("labelledPairVectors", () => {
  it.effect("orients each labelled pair lower id first, says whether the blocking rules find it, keeps the file's order", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const input = yield* engine.loadInput({ files: [fakeDemos], settings: basicSettings })
        const labels = csvFile(
          "labels.csv",
          [
            "unique_id_l,unique_id_r,clerical_match_score",
            "481,479,1", // reversed: becomes 479/481, same surname
            "0,1,0.9", // Julia with no surname vs Julia Taylor: no blocking rule finds it
            "5000,1,1", // no such record
            "2,3,0.2"
          ].join("\n")
        )
        const result = yield* engine.labelledPairVectors(input, basicSettings, { labels })
        expect(result.unmatchedLabels).toBe(1)
        expect(result.vectors.pairCount).toBe(3)
        expect(result.vectors.pairs!.uniqueIdL).toEqual(["479", "0", "2"])
        expect(result.vectors.pairs!.uniqueIdR).toEqual(["481", "1", "3"])
        expect([...result.foundByBlockingRules]).toEqual([1, 0, 1])
        expect([...result.clericalMatchScore]).toEqual([1, 0.9, 0.2])
        expect(result.vectors.comparisons[0]!.gamma[0]).toBe(2)
        expect(result.vectors.comparisons[1]!.gamma[1]).toBe(-1)

        const everything = yield* engine.labelledPairVectors(input, basicSettings, { labels, blockingRules: ["l.first_name = r.first_name"] })
        expect([...everything.foundByBlockingRules]).toEqual([1, 1, 1])
      })
    )
  )

  it.effect("refuses a labels file without the id columns or with a score that is not a number", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const input = yield* engine.loadInput({ files: [fakeDemos], settings: basicSettings })
        const noScore = csvFile("labels.csv", "unique_id_l,unique_id_r\n1,2\n")
        const missing = yield* Effect.flip(engine.labelledPairVectors(input, basicSettings, { labels: noScore }))
        expect(missing.message).toBe(`labels file ${noScore} has no column "clerical_match_score"`)
        const wordy = csvFile("labels.csv", "unique_id_l,unique_id_r,clerical_match_score\n1,2,1\n1,3,yes\n")
        const notNumber = yield* Effect.flip(engine.labelledPairVectors(input, basicSettings, { labels: wordy }))
        expect(notNumber.message).toBe(`labels file ${wordy}, line 3: clerical_match_score "yes" is not a number`)
      })
    )
  )
})

describe("pairValues", () => {
  it.effect("gives a pair's compared values and term frequencies", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const input = yield* engine.loadInput({ files: [fakeDemos], settings: basicSettings })
        const [values] = yield* engine.pairValues(input, basicSettings, [{ uniqueIdL: "479", uniqueIdR: "481" }])
        expect(values).toEqual({
          first_name_l: "Jack ",
          first_name_r: "Jack ",
          surname_l: "Adams",
          surname_r: "Adams",
          dob_l: "1976-08-27",
          dob_r: "1976-08-27",
          email_l: "becky18@roberts-frazier.info",
          email_r: "b1cky8@roberts-frazier.info",
          city_l: "Leicester",
          city_r: "reiesteL",
          tf_first_name_l: 8 / 900,
          tf_first_name_r: 8 / 900
        })
        const unknown = yield* Effect.flip(engine.pairValues(input, basicSettings, [{ uniqueIdL: "479", uniqueIdR: "99999" }]))
        expect(unknown.message).toBe('no record has unique_id "99999"')
      })
    )
  )
})
