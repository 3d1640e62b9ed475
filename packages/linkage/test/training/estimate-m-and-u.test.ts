/**
 * u by seeded random sampling, m from a label column and from pairwise labels, and levels no pair
 * falls in ("not observed"), on splink_datasets' fake_1000.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { LinkageEngine } from "../../src/engine/linkage-engine.js"
import type { Comparison, Settings } from "../../src/settings/settings.js"
import { train } from "../../src/training/train.js"
import { decodeTrainingPlan } from "../../src/training/training-plan.js"
import { dataPath, exactMatch, readSimpleCsv, withEngine } from "./fixtures.js"

/** first_name with a level no pair can reach, so that it is never observed. */
const firstName: Comparison = {
  output_column_name: "first_name",
  comparison_levels: [
    { sql_condition: "first_name_l IS NULL OR first_name_r IS NULL", label_for_charts: "null", is_null_level: true },
    { sql_condition: "first_name_l = first_name_r", label_for_charts: "exact" },
    { sql_condition: "levenshtein(first_name_l, first_name_r) > 1000", label_for_charts: "impossible" },
    { sql_condition: "ELSE", label_for_charts: "else" }
  ]
}

const settings: Settings = {
  link_type: "dedupe_only",
  comparisons: [firstName, exactMatch("surname"), exactMatch("dob"), exactMatch("email")]
}

const trainWith = (steps: ReadonlyArray<unknown>, baseDirectory?: string) =>
  withEngine(
    Effect.gen(function* () {
      const engine = yield* LinkageEngine
      const input = yield* engine.loadInput({ files: [dataPath("fake_1000.csv")], settings })
      return yield* train(input, settings, Either.getOrThrow(decodeTrainingPlan({ steps })), { baseDirectory })
    })
  )

const levels = (trained: Settings, comparison: number) =>
  trained.comparisons[comparison]!.comparison_levels.map((l) => ({ m: l.m_probability, u: l.u_probability }))

const records = readSimpleCsv("fake_1000.csv")

/** Share of the pairs (both values non-null) that agree exactly on `column`. */
const exactShare = (pairs: ReadonlyArray<readonly [Record<string, string>, Record<string, string>]>, column: string) => {
  const compared = pairs.filter(([l, r]) => l[column] !== "" && r[column] !== "")
  return compared.filter(([l, r]) => l[column] === r[column]).length / compared.length
}

describe("u_using_random_sampling", () => {
  it.effect("gives the same u for the same seed, other u for another seed", () =>
    Effect.gen(function* () {
      const step = (seed: number) => ({ estimate: "u_using_random_sampling", max_pairs: 20000, seed })
      const first = yield* trainWith([step(7)])
      const again = yield* trainWith([step(7)])
      const other = yield* trainWith([step(8)])
      expect(again.settings).toEqual(first.settings)
      expect(levels(other.settings, 1)).not.toEqual(levels(first.settings, 1))
      const sampled = first.report.steps[0] as { pairs: number; sampled_records: number; not_observed: unknown }
      expect(sampled.pairs).toBe((sampled.sampled_records * (sampled.sampled_records - 1)) / 2)
      // u is the share of the sampled pairs in each level; m stays unset.
      const surname = levels(first.settings, 1)
      expect(surname[1]!.u! + surname[2]!.u!).toBeCloseTo(1, 12)
      expect(surname[1]!.m).toBeUndefined()
      expect(sampled.not_observed).toEqual([{ comparison: "first_name", label_for_charts: "impossible", comparison_vector_value: 1 }])
      expect(levels(first.settings, 0)[2]).toEqual({ m: undefined, u: undefined })
    })
  )
})

describe("m_from_label_column", () => {
  it.effect("takes m from the pairs whose records share a label", () =>
    Effect.gen(function* () {
      const result = yield* trainWith([{ estimate: "m_from_label_column", label_column: "cluster" }])
      const sameCluster = records.flatMap((l, i) =>
        records.slice(i + 1).flatMap((r) => (l.cluster === r.cluster ? [[l, r] as const] : []))
      )
      expect(result.report.steps[0]).toMatchObject({ pairs: sameCluster.length, label_column: "cluster" })
      expect(sameCluster.length).toBe(2031)
      expect(levels(result.settings, 2)[1]!.m).toBeCloseTo(exactShare(sameCluster, "dob"), 12)
      expect(levels(result.settings, 3)[1]!.m).toBeCloseTo(exactShare(sameCluster, "email"), 12)
      expect(levels(result.settings, 2)[1]!.u).toBeUndefined()
    })
  )

  it.effect("names the plan step and the column when the data has no such column", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        trainWith([
          { estimate: "u_using_random_sampling", max_pairs: 1000 },
          { estimate: "m_from_label_column", label_column: "clusterz" }
        ])
      )
      expect(error.message).toBe('plan step 2: the data has no label column "clusterz"')
    })
  )
})

describe("m_from_pairwise_labels", () => {
  it.effect("takes m from the pairs labelled a match, relative to the plan's folder", () =>
    Effect.gen(function* () {
      const byId = new Map(records.map((r) => [r.unique_id!, r]))
      const labelled = [
        ...records.slice(0, 60).flatMap((l, i) =>
          records.slice(i + 1, 60).map((r) => ({ l, r, score: l.cluster === r.cluster ? 1 : 0 }))
        )
      ]
      const folder = mkdtempSync(join(tmpdir(), "linkage-labels-"))
      writeFileSync(
        join(folder, "labels.csv"),
        ["unique_id_l,unique_id_r,clerical_match_score", ...labelled.map((p) => `${p.l.unique_id},${p.r.unique_id},${p.score}`)].join("\n")
      )
      const result = yield* trainWith([{ estimate: "m_from_pairwise_labels", labels: "labels.csv" }], folder)
      const matches = labelled.filter((p) => p.score === 1).map((p) => [byId.get(p.l.unique_id!)!, byId.get(p.r.unique_id!)!] as const)
      expect(result.report.steps[0]).toMatchObject({ pairs: labelled.length, matches: matches.length, unmatched_labels: 0 })
      expect(levels(result.settings, 1)[1]!.m).toBeCloseTo(exactShare(matches, "surname"), 12)
      expect(levels(result.settings, 2)[1]!.m).toBeCloseTo(exactShare(matches, "dob"), 12)
    })
  )
})
