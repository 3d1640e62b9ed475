import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { type ComparisonVectors, LinkageEngine } from "../../src/engine/index.js"
import { decodeSettings, type Settings } from "../../src/settings/settings.js"
import { basicSettings, csvFile, dataFile, withEngine } from "./engine-fixture.js"

const fakeDemos = dataFile("fake_1000_from_splink_demos.csv")
const fake1000 = dataFile("fake_1000.csv")

const gammaOf = (vectors: ComparisonVectors, name: string, index: number): number =>
  vectors.comparisons.find((comparison) => comparison.name === name)!.gamma[index]!

const pairIndexOf = (vectors: ComparisonVectors, l: string, r: string): number =>
  vectors.pairs!.uniqueIdL.findIndex((id, index) => id === l && vectors.pairs!.uniqueIdR[index] === r)

const savedModel = (name: string) => decodeSettings(JSON.parse(readFileSync(dataFile(name), "utf8")))

/** The demo file's rows as records of text (empty = null), read without DuckDB. */
const demoRows = (): ReadonlyArray<Record<string, string | null>> => {
  const [header, ...lines] = readFileSync(fakeDemos, "utf8").trim().split("\n")
  const names = header!.split(",")
  return lines.map((line) => Object.fromEntries(line.split(",").map((value, index) => [names[index]!, value === "" ? null : value])))
}

describe("comparisonVectors", () => {
  it.effect("gives the 479/481 pair splink2's γ and tf(first_name = 'Jack ') = 8/900", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const input = yield* engine.loadInput({ files: [fakeDemos], settings: basicSettings })
        const vectors = yield* engine.comparisonVectors(input, basicSettings, { withIds: true })
        expect(vectors.pairCount).toBe(3167)
        expect(vectors.comparisons.map((comparison) => comparison.name)).toEqual(["first_name", "surname", "dob", "email", "city"])
        const pair = pairIndexOf(vectors, "479", "481")
        expect(pair).toBeGreaterThanOrEqual(0)
        expect(["first_name", "surname", "dob", "email", "city"].map((name) => gammaOf(vectors, name, pair))).toEqual([2, 1, 1, 0, 0])
        const firstName = vectors.comparisons[0]!
        expect([...firstName.tf.keys()]).toEqual(["first_name"])
        expect(firstName.tf.get("first_name")![pair]).toBe(8 / 900)
        expect(vectors.comparisons[1]!.tf.size).toBe(0)
        // dedupe_only: the lower id on the left, every pair once.
        const ids = vectors.pairs!
        expect(ids.uniqueIdL.every((l, index) => Number(l) < Number(ids.uniqueIdR[index]))).toBe(true)
        expect(new Set(ids.uniqueIdL.map((l, index) => `${l}-${ids.uniqueIdR[index]}`)).size).toBe(3167)
        expect(ids.sourceDatasetL).toBeUndefined()
      })
    )
  )

  it.effect("evaluates each level as splink's CASE: null level −1, first matching level wins, NaN TF where both are null", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const file = csvFile("people.csv", "unique_id,name,town\n1,Anne,Leeds\n2,Ann,Leeds\n3,,York\n4,Bob,\n5,Anne,\n")
        const settings: Settings = {
          link_type: "dedupe_only",
          comparisons: [
            {
              output_column_name: "name",
              comparison_levels: [
                { sql_condition: '"name_l" IS NULL OR "name_r" IS NULL', is_null_level: true },
                { sql_condition: '"name_l" = "name_r"', tf_adjustment_column: "name" },
                { sql_condition: "levenshtein(name_l, name_r) <= 1" },
                { sql_condition: "ELSE" }
              ]
            },
            {
              output_column_name: "town",
              comparison_levels: [
                { sql_condition: "town_l = town_r", tf_adjustment_column: "town" },
                { sql_condition: "ELSE" }
              ]
            }
          ]
        }
        const input = yield* engine.loadInput({ files: [file], settings })
        const vectors = yield* engine.comparisonVectors(input, settings, { withIds: true })
        expect(vectors.pairCount).toBe(10)
        const row = (l: string, r: string) => {
          const index = pairIndexOf(vectors, l, r)
          return [gammaOf(vectors, "name", index), vectors.comparisons[0]!.tf.get("name")![index], gammaOf(vectors, "town", index), vectors.comparisons[1]!.tf.get("town")![index]]
        }
        // name tf: Anne 2/4, Ann 1/4, Bob 1/4; town tf: Leeds 2/3, York 1/3.
        expect(row("1", "2")).toEqual([1, 0.5, 1, 2 / 3])
        expect(row("1", "5")).toEqual([2, 0.5, 0, 2 / 3])
        expect(row("1", "3")).toEqual([-1, 0.5, 0, 2 / 3])
        expect(row("2", "4")).toEqual([0, 0.25, 0, 2 / 3])
        expect(row("4", "5")).toEqual([0, 0.5, 0, NaN])
      })
    )
  )

  it.effect("names the comparison and level of a condition DuckDB rejects, when binding or when running", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const input = yield* engine.loadInput({ files: [fakeDemos], settings: basicSettings })
        const withLevel = (sql: string): Settings => ({
          ...basicSettings,
          comparisons: [
            basicSettings.comparisons[0]!,
            {
              output_column_name: "dob",
              comparison_levels: [{ sql_condition: "dob_l = dob_r" }, { sql_condition: sql, label_for_charts: "Bad" }, { sql_condition: "ELSE" }]
            }
          ]
        })
        const binding = yield* Effect.flip(engine.comparisonVectors(input, withLevel("levenshtein(dob_l) <= 1")))
        expect(binding._tag).toBe("LinkageInputError")
        expect(binding.message).toMatch(/^comparison "dob", level 2 "Bad" \(levenshtein\(dob_l\) <= 1\): Binder Error: /)
        const running = yield* Effect.flip(engine.comparisonVectors(input, withLevel("CAST(dob_l AS INTEGER) = 1")))
        expect(running._tag).toBe("LinkageInputError")
        expect(running.message).toMatch(/^comparison "dob", level 2 "Bad" \(CAST\(dob_l AS INTEGER\) = 1\): Conversion Error: /)
        const prefixed = yield* Effect.flip(engine.comparisonVectors(input, withLevel("l.dob = r.dob")))
        expect(prefixed.message).toMatch(/^comparison "dob", level 2 "Bad" \(l.dob = r.dob\): Binder Error: /)
        const noElse: Settings = {
          ...basicSettings,
          comparisons: [{ output_column_name: "dob", comparison_levels: [{ sql_condition: "dob_l = dob_r" }] }]
        }
        const unmatched = yield* Effect.flip(engine.comparisonVectors(input, noElse))
        expect(unmatched.message).toMatch(/^comparison "dob": the pair \d+, \d+ matches none of its levels \(add an ELSE level\)$/)
      })
    )
  )

  it.effect("links two files with the left file on the left (link_only) and finds every within- and cross-file pair once (link_and_dedupe)", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const rows = demoRows()
        const lines = readFileSync(fakeDemos, "utf8").trim().split("\n")
        const left = csvFile("left.csv", [lines[0], ...lines.slice(1, 501)].join("\n"))
        const right = csvFile("right.csv", [lines[0], ...lines.slice(501)].join("\n"))
        let crossPairs = 0
        for (const a of rows.slice(0, 500)) for (const b of rows.slice(500)) if (a["surname"] !== null && a["surname"] === b["surname"]) crossPairs++

        const linkOnly: Settings = { ...basicSettings, link_type: "link_only" }
        const linked = yield* engine.loadInput({ files: [right, left], settings: linkOnly })
        const vectors = yield* engine.comparisonVectors(linked, linkOnly, { withIds: true })
        expect(vectors.pairCount).toBe(crossPairs)
        expect(new Set(vectors.pairs!.sourceDatasetL)).toEqual(new Set(["right"]))
        expect(new Set(vectors.pairs!.sourceDatasetR)).toEqual(new Set(["left"]))

        const both: Settings = { ...basicSettings, link_type: "link_and_dedupe" }
        const stacked = yield* engine.loadInput({ files: [left, right], settings: both })
        expect((yield* engine.comparisonVectors(stacked, both)).pairCount).toBe(3167)
        expect(yield* engine.countPairsOfRules(stacked, ["l.surname = r.surname"])).toBe(3167)
      })
    )
  )

  it.effect("links three datasets across only, each pair once, ordered by splink's composite id", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const files = [csvFile("a.csv", "unique_id,name\n1,Kim\n2,Kim\n"), csvFile("b.csv", "unique_id,name\n1,Kim\n2,Kim\n"), csvFile("c.csv", "unique_id,name\n1,Kim\n")]
        const settings: Settings = {
          link_type: "link_only",
          blocking_rules_to_generate_predictions: ["l.name = r.name"],
          comparisons: [{ output_column_name: "name", comparison_levels: [{ sql_condition: "name_l = name_r" }, { sql_condition: "ELSE" }] }]
        }
        const input = yield* engine.loadInput({ files, settings })
        expect(input.totalComparisons).toBe(8)
        const vectors = yield* engine.comparisonVectors(input, settings, { withIds: true })
        const pairs = vectors.pairs!
        const keys = pairs.uniqueIdL.map((l, index) => `${pairs.sourceDatasetL![index]}-${l}/${pairs.sourceDatasetR![index]}-${pairs.uniqueIdR[index]}`)
        expect(keys.sort()).toEqual(["a-1/b-1", "a-1/b-2", "a-1/c-1", "a-2/b-1", "a-2/b-2", "a-2/c-1", "b-1/c-1", "b-2/c-1"])
        expect([...vectors.comparisons[0]!.gamma]).toEqual(new Array(8).fill(1))
        const both: Settings = { ...settings, link_type: "link_and_dedupe" }
        const stacked = yield* engine.loadInput({ files, settings: both })
        expect(stacked.totalComparisons).toBe(10)
        expect((yield* engine.comparisonVectors(stacked, both)).pairCount).toBe(10)
        const [counts] = yield* engine.blockingCounts(stacked, ["l.name = r.name"])
        expect(counts).toMatchObject({ comparisons: 10, preFilterComparisons: 25 })
        const two = yield* engine.loadInput({ files: files.slice(0, 2), settings })
        const [twoCounts] = yield* engine.blockingCounts(two, ["l.name = r.name"])
        expect(twoCounts).toMatchObject({ comparisons: 4, preFilterComparisons: 4 })
      })
    )
  )

  it.effect("loads splink's saved models and evaluates them on fake_1000", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        for (const name of ["saved_model_from_demo.json", "real_time_settings.json"]) {
          const settings = yield* savedModel(name)
          const input = yield* engine.loadInput({ files: [fake1000], settings })
          const vectors = yield* engine.comparisonVectors(input, settings, { withIds: true })
          expect(vectors.pairCount).toBe(yield* engine.countPairsOfRules(input, settings.blocking_rules_to_generate_predictions ?? []))
          expect(vectors.pairCount).toBeGreaterThan(1000)
          for (const [index, comparison] of settings.comparisons.entries()) {
            const column = vectors.comparisons[index]!
            expect(column.name).toBe(comparison.output_column_name)
            const top = comparison.comparison_levels.filter((level) => level.is_null_level !== true).length - 1
            const seen = new Set(column.gamma)
            expect([...seen].every((gamma) => gamma >= -1 && gamma <= top)).toBe(true)
            expect(seen.has(top)).toBe(true)
            expect(seen.has(0)).toBe(true)
          }
        }
        const h50k = yield* savedModel("model_h50k.json")
        expect(h50k.comparisons.length).toBeGreaterThan(0)
      })
    )
  )

  it.effect("gives the same pairs in the same order on every run", () =>
    Effect.gen(function* () {
      const run = withEngine(
        Effect.gen(function* () {
          const engine = yield* LinkageEngine
          const settings = yield* savedModel("saved_model_from_demo.json")
          const input = yield* engine.loadInput({ files: [fake1000], settings })
          return yield* engine.comparisonVectors(input, settings, { withIds: true })
        })
      )
      const first = yield* run
      const second = yield* run
      expect(second.pairs!.uniqueIdL).toEqual(first.pairs!.uniqueIdL)
      expect(second.pairs!.uniqueIdR).toEqual(first.pairs!.uniqueIdR)
      expect(second.comparisons.map((column) => [...column.gamma])).toEqual(first.comparisons.map((column) => [...column.gamma]))
    })
  )
})
