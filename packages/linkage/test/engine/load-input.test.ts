import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { LinkageEngine } from "../../src/engine/index.js"
import type { Settings } from "../../src/settings/settings.js"
import { basicSettings, csvFile, dataFile, withEngine } from "./engine-fixture.js"

const failureMessage = <A, E extends { readonly message: string }>(either: Either.Either<A, E>): string =>
  Either.match(either, { onLeft: (error) => `${(error as { _tag?: string })._tag}: ${error.message}`, onRight: () => "no error" })

describe("loadInput", () => {
  it.effect("reads splink's demo CSV with pandas' types, keeps trailing spaces, and computes TF over all records", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const input = yield* engine.loadInput({ files: [dataFile("fake_1000_from_splink_demos.csv")], settings: basicSettings })
        expect(input.recordCount).toBe(1000)
        expect(input.totalComparisons).toBe(499_500)
        expect(input.sourceDatasetColumn).toBeUndefined()
        expect(input.columns).toEqual([
          { name: "unique_id", type: "BIGINT" },
          { name: "first_name", type: "VARCHAR" },
          { name: "surname", type: "VARCHAR" },
          { name: "dob", type: "VARCHAR" },
          { name: "city", type: "VARCHAR" },
          { name: "email", type: "VARCHAR" },
          { name: "cluster", type: "BIGINT" }
        ])
        expect(input.termFrequencyColumns).toEqual(["first_name"])
        const tf = yield* engine.termFrequencies(input, "first_name")
        // 900 non-null first names: "Jack " (with its space) 8 times, "Jack" once — not 9 "Jack".
        expect(tf.find((row) => row.value === "Jack ")?.tf).toBe(8 / 900)
        expect(tf.find((row) => row.value === "Jack")?.tf).toBe(1 / 900)
        expect(tf.reduce((sum, row) => sum + row.tf, 0)).toBeCloseTo(1, 12)
      })
    )
  )

  it.effect("infers BIGINT, DOUBLE and VARCHAR as pandas would, empty fields being NULL", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const file = csvFile(
          "types.csv",
          [
            "unique_id,count,ratio,code,hexish,words,empty",
            "1,10,1.5,0012,0x10,Julia ,",
            "2,,2,1e3,1,  spaced,",
            '3,-4,.5,7,2,"quoted, comma",'
          ].join("\n")
        )
        const settings: Settings = { link_type: "dedupe_only", comparisons: [] }
        const input = yield* engine.loadInput({ files: [file], settings })
        expect(input.columns).toEqual([
          { name: "unique_id", type: "BIGINT" },
          { name: "count", type: "BIGINT" },
          { name: "ratio", type: "DOUBLE" },
          { name: "code", type: "DOUBLE" },
          { name: "hexish", type: "VARCHAR" },
          { name: "words", type: "VARCHAR" },
          { name: "empty", type: "VARCHAR" }
        ])
        const values = yield* engine.pairValues(input, { link_type: "dedupe_only", comparisons: [
          { output_column_name: "all", comparison_levels: [
            { sql_condition: "count_l = count_r AND ratio_l = ratio_r AND code_l = code_r AND words_l = words_r AND empty_l = empty_r" },
            { sql_condition: "ELSE" }
          ] }
        ] }, [{ uniqueIdL: "1", uniqueIdR: "2" }])
        expect(values).toEqual([
          {
            count_l: 10, count_r: null, ratio_l: 1.5, ratio_r: 2, code_l: 12, code_r: 1000,
            words_l: "Julia ", words_r: "  spaced", empty_l: null, empty_r: null
          }
        ])
      })
    )
  )

  it.effect("names the missing column and the file", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const file = dataFile("fake_1000.csv")
        const load = (settings: Settings) => Effect.either(engine.loadInput({ files: [file], settings }))
        const level = yield* load({
          link_type: "dedupe_only",
          comparisons: [
            { output_column_name: "nick", comparison_levels: [{ sql_condition: '"nickname_l" = "nickname_r"', label_for_charts: "Exact" }, { sql_condition: "ELSE" }] }
          ]
        })
        expect(failureMessage(level)).toBe(
          `LinkageInputError: data file ${file} has no column "nickname" (comparison "nick", level 1 "Exact" ("nickname_l" = "nickname_r"))`
        )
        const rule = yield* load({ ...basicSettings, blocking_rules_to_generate_predictions: ['l."postcode" = r."postcode"'] })
        expect(failureMessage(rule)).toBe(`LinkageInputError: data file ${file} has no column "postcode" (blocking rule "l."postcode" = r."postcode"")`)
        const tf = yield* load({
          link_type: "dedupe_only",
          comparisons: [
            { output_column_name: "city", comparison_levels: [{ sql_condition: "city_l = city_r", tf_adjustment_column: "town" }, { sql_condition: "ELSE" }] }
          ]
        })
        expect(failureMessage(tf)).toContain(`has no column "town" (the term-frequency column of comparison "city", level 1`)
        const id = yield* load({ ...basicSettings, unique_id_column_name: "person_id" })
        expect(failureMessage(id)).toBe(`LinkageInputError: data file ${file} has no column "person_id" (the unique_id_column_name)`)
        const parse = yield* load({
          link_type: "dedupe_only",
          comparisons: [{ output_column_name: "city", comparison_levels: [{ sql_condition: "city_l = = city_r", label_for_charts: "Broken" }] }]
        })
        expect(failureMessage(parse)).toMatch(/^LinkageInputError: comparison "city", level 1 "Broken" \(city_l = = city_r\): DuckDB cannot parse it: /)
      })
    )
  )

  it.effect("refuses a missing file, and a link without source datasets", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const missing = yield* Effect.either(engine.loadInput({ files: ["/nonexistent/people.csv"], settings: basicSettings }))
        expect(failureMessage(missing)).toBe("LinkageInputError: cannot read the data file /nonexistent/people.csv: ENOENT")
        const single = yield* Effect.either(
          engine.loadInput({ files: [dataFile("fake_1000.csv")], settings: { ...basicSettings, link_type: "link_only" } })
        )
        expect(failureMessage(single)).toContain('link_only needs several data files, or a "source_dataset" column')
        const two = yield* Effect.either(
          engine.loadInput({ files: [dataFile("fake_1000.csv"), dataFile("fake_1000_from_splink_demos.csv")], settings: basicSettings })
        )
        expect(failureMessage(two)).toContain("dedupe_only takes one data file, got 2")
      })
    )
  )

  it.effect("stacks several files with a source_dataset named after each file", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const left = csvFile("left_people.csv", "unique_id,name\n1,Ann\n2,Bob\n3,Cy\n")
        const right = csvFile("right_people.csv", "unique_id,name\n1,Ann\n2,Bo\n")
        const settings: Settings = { link_type: "link_only", comparisons: [] }
        const input = yield* engine.loadInput({ files: [left, right], settings })
        expect(input.sourceDatasetColumn).toBe("source_dataset")
        expect(input.sourceDatasets).toEqual([
          { name: "left_people", recordCount: 3 },
          { name: "right_people", recordCount: 2 }
        ])
        expect(input.totalComparisons).toBe(6)
        const both = yield* engine.loadInput({ files: [left, right], settings: { ...settings, link_type: "link_and_dedupe" } })
        expect(both.totalComparisons).toBe(10)
      })
    )
  )

  it.effect("works in a database file, which a later engine can open again", () =>
    Effect.gen(function* () {
      const databasePath = join(mkdtempSync(join(tmpdir(), "linkage-db-")), "linkage.duckdb")
      const run = withEngine(
        Effect.gen(function* () {
          const engine = yield* LinkageEngine
          const input = yield* engine.loadInput({ files: [dataFile("fake_1000_from_splink_demos.csv")], settings: basicSettings })
          return (yield* engine.comparisonVectors(input, basicSettings)).pairCount
        }),
        { databasePath, threads: 1 }
      )
      expect(yield* run).toBe(3167)
      expect(yield* run).toBe(3167)
      const unopenable = yield* Effect.flip(LinkageEngine.pipe(Effect.provide(LinkageEngine.layer({ databasePath: "/nonexistent/dir/x.duckdb" }))))
      expect(unopenable._tag).toBe("LinkageInputError")
      expect(unopenable.message).toMatch(/^cannot open the DuckDB database \/nonexistent\/dir\/x.duckdb: /)
    })
  )
})
