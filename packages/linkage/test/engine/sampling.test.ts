import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { LinkageEngine } from "../../src/engine/index.js"
import type { Settings } from "../../src/settings/settings.js"
import { basicSettings, csvFile, dataFile, withEngine } from "./engine-fixture.js"

const fakeDemos = dataFile("fake_1000_from_splink_demos.csv")

const pairsOf = (ids: { uniqueIdL: ReadonlyArray<string>; uniqueIdR: ReadonlyArray<string> }) =>
  ids.uniqueIdL.map((l, index) => `${l}-${ids.uniqueIdR[index]}`)

describe("sampleComparisonVectors", () => {
  it.effect("draws as many records as splink's estimate_u.py for max_pairs, the same ones for the same seed", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const input = yield* engine.loadInput({ files: [fakeDemos], settings: basicSettings })
        const sample = (seed: number) => engine.sampleComparisonVectors(input, basicSettings, { maxPairs: 1e4, seed, withIds: true })
        const first = yield* sample(1)
        // splink's _rows_needed_for_n_pairs(1e4) = 141.9 → 142 records → 142·141/2 pairs.
        expect(first.sampledRecords).toBe(142)
        expect(first.pairCount).toBe(10_011)
        expect(first.comparisons.map((column) => column.name)).toEqual(["first_name", "surname", "dob", "email", "city"])
        const again = yield* sample(1)
        expect(pairsOf(again.pairs!)).toEqual(pairsOf(first.pairs!))
        expect([...again.comparisons[0]!.gamma]).toEqual([...first.comparisons[0]!.gamma])
        const other = yield* sample(2)
        expect(pairsOf(other.pairs!)).not.toEqual(pairsOf(first.pairs!))
        const all = yield* engine.sampleComparisonVectors(input, basicSettings, { maxPairs: 1e9, seed: 1 })
        expect(all.sampledRecords).toBe(1000)
        expect(all.pairCount).toBe(499_500)
      })
    )
  )

  it.effect("samples each dataset in proportion for link_only and pairs only across them", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const lines = readFileSync(fakeDemos, "utf8").trim().split("\n")
        const left = csvFile("a.csv", [lines[0], ...lines.slice(1, 501)].join("\n"))
        const right = csvFile("b.csv", [lines[0], ...lines.slice(501)].join("\n"))
        const settings: Settings = { ...basicSettings, link_type: "link_only" }
        const input = yield* engine.loadInput({ files: [left, right], settings })
        // 500 × 500 links; sqrt(1e4 / 250 000) = 0.2 of each dataset.
        const sample = yield* engine.sampleComparisonVectors(input, settings, { maxPairs: 1e4, seed: 7, withIds: true })
        expect(sample.sampledRecords).toBe(200)
        expect(sample.pairCount).toBe(10_000)
        expect(new Set(sample.pairs!.sourceDatasetL)).toEqual(new Set(["a"]))
        expect(new Set(sample.pairs!.sourceDatasetR)).toEqual(new Set(["b"]))
      })
    )
  )
})
