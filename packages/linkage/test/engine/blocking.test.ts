import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { LinkageEngine } from "../../src/engine/index.js"
import type { Settings } from "../../src/settings/settings.js"
import { basicSettings, dataFile, withEngine } from "./engine-fixture.js"

const fakeDemos = dataFile("fake_1000_from_splink_demos.csv")
const fake1000 = dataFile("fake_1000.csv")
const dedupe: Settings = { link_type: "dedupe_only", comparisons: [] }

describe("blocking", () => {
  it.effect("makes splink's blocked pair counts on its demo data (splink2_em_fixed_u, two_session_lambda)", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const input = yield* engine.loadInput({ files: [fakeDemos], settings: basicSettings })
        expect(yield* engine.countPairsOfRules(input, ["l.surname = r.surname"])).toBe(3167)
        expect(yield* engine.countPairsOfRules(input, ["l.dob = r.dob"])).toBe(1850)
        expect(yield* engine.countPairsOfRules(input, ["l.first_name = r.first_name and l.surname = r.surname"])).toBe(599)
        const vectors = yield* engine.comparisonVectors(input, basicSettings, { blockingRules: ["l.surname = r.surname"] })
        expect(vectors.pairCount).toBe(3167)
      })
    )
  )

  it.effect("reproduces tutorial 03's blocking counts on fake_1000, with the largest blocks", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const input = yield* engine.loadInput({ files: [fake1000], settings: dedupe })
        expect(input.totalComparisons).toBe(499_500)
        const rules = [
          '(SUBSTR(l.first_name, 1, 1) = SUBSTR(r.first_name, 1, 1)) AND (l."surname" = r."surname")',
          'l."surname" = r."surname"',
          'l."email" = r."email"',
          '(l."city" = r."city") AND (l."first_name" = r."first_name")',
          "l.first_name = r.first_name and levenshtein(l.surname, r.surname) < 2"
        ]
        const counts = yield* engine.blockingCounts(input, rules, { largestBlocks: 3 })
        expect(counts.map((count) => count.comparisons)).toEqual([473, 1165, 468, 145, 30])
        expect(counts.map((count) => count.cumulativeComparisons)).toEqual([473, 1638, 2106, 2251, 2281])
        expect(counts[0]!.preFilterComparisons).toBe(1632)
        expect(counts[0]!.equiJoinConditions).toEqual(["substr(l.first_name, 1, 1) = substr(r.first_name, 1, 1)", "l.surname = r.surname"])
        expect(counts[3]!.largestBlocks?.slice(0, 2).map((block) => block.blockCount)).toEqual([49, 49])
        expect(counts[3]!.largestBlocks).toEqual([
          { keys: ["Birmingham", "Theodore"], countL: 7, countR: 7, blockCount: 49 },
          { keys: ["London", "Oliver"], countL: 7, countR: 7, blockCount: 49 },
          { keys: ["London", "James"], countL: 6, countR: 6, blockCount: 36 }
        ])
        const [alone] = yield* engine.blockingCounts(input, [rules[4]!])
        expect(alone).toMatchObject({ comparisons: 372, cumulativeComparisons: 372, preFilterComparisons: 4827 })
        expect(alone!.equiJoinConditions).toEqual(["l.first_name = r.first_name"])
        const [cartesian] = yield* engine.blockingCounts(input, ["levenshtein(l.surname, r.surname) < 1"])
        expect(cartesian!.preFilterComparisons).toBe(1_000_000)
      })
    )
  )

  it.effect("counts the union of deterministic rules for λ (tutorial04_lambda, accuracy_example_lambda)", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const input = yield* engine.loadInput({ files: [fake1000], settings: dedupe })
        const lambda = (pairs: number, recall: number) => pairs / recall / input.totalComparisons
        const tutorial = yield* engine.countPairsOfRules(input, [
          '(l."first_name" = r."first_name") AND (l."dob" = r."dob")',
          "l.first_name = r.first_name and levenshtein(r.surname, l.surname) <= 2",
          'l."email" = r."email"'
        ])
        expect(tutorial).toBe(1042)
        expect(lambda(tutorial, 0.7)).toBeCloseTo(0.00298012298012298, 15)
        const accuracy = yield* engine.countPairsOfRules(input, [
          "l.first_name = r.first_name and levenshtein(r.dob::VARCHAR, l.dob::VARCHAR) <= 1",
          "l.surname = r.surname and levenshtein(r.dob::VARCHAR, l.dob::VARCHAR) <= 1",
          "l.first_name = r.first_name and levenshtein(r.surname, l.surname) <= 2",
          "l.email = r.email"
        ])
        expect(accuracy).toBe(1165)
        expect(lambda(accuracy, 0.7)).toBeCloseTo(0.0033319033319033323, 15)
      })
    )
  )

  it.effect("names a blocking rule DuckDB rejects", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const input = yield* engine.loadInput({ files: [fake1000], settings: dedupe })
        const bound = yield* Effect.flip(engine.countPairsOfRules(input, ["l.surname = r.surname", "levenshtein(l.surname) < 2"]))
        expect(bound._tag).toBe("LinkageInputError")
        expect(bound.message).toMatch(/^blocking rule "levenshtein\(l.surname\) < 2": Binder Error: /)
        const missing = yield* Effect.flip(engine.comparisonVectors(input, dedupe, { blockingRules: ["l.postcode = r.postcode"] }))
        expect(missing.message).toBe(`data file ${fake1000} has no column "postcode" (blocking rule "l.postcode = r.postcode")`)
        const unparsable = yield* Effect.flip(engine.blockingCounts(input, ["l.surname = = r.surname"]))
        expect(unparsable.message).toMatch(/^blocking rule "l.surname = = r.surname": DuckDB cannot parse it: /)
      })
    )
  )
})
