/**
 * The Fellegi–Sunter engine (issue 8): EM iterations per second over 1 million γ vectors (5
 * comparisons, with and without term-frequency adjustments), and predict throughput end to end
 * (CSV → DuckDB blocking and γ → scores) on 100 000 generated records shaped like splink's
 * fake_1000 (Jaro-Winkler, Levenshtein and exact + TF comparisons, three blocking rules). Anchors: splink on DuckDB predicts about 1 million pairs/s on 8 vCPUs (≈125 000 per
 * vCPU); the aims are ≥ 4× that per core, and EM at ≥ 10 million vector-evaluations/s per core.
 */
import {
  blockOn,
  type Comparison,
  compileModel,
  type EmComparison,
  expectationMaximisation,
  exactMatch,
  jaroWinklerAtThresholds,
  levenshteinAtThresholds,
  LinkageEngine,
  predict,
  type Settings
} from "@liner/linkage"
import { Effect, Either } from "effect"
import { rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { writeFakePeople } from "./fake-people.js"
import { figure, heading, isMain, seededRandom } from "./stats.js"

const vectorCount = Number(process.env["BENCH_EM_VECTORS"] ?? 1_000_000)
const records = Number(process.env["BENCH_LINKAGE_RECORDS"] ?? 100_000)
const iterations = 10

const threeLevels = (name: string, tf: boolean): Comparison => ({
  output_column_name: name,
  comparison_levels: [
    { sql_condition: `${name}_l IS NULL OR ${name}_r IS NULL`, label_for_charts: "null", is_null_level: true },
    { sql_condition: `${name}_l = ${name}_r`, label_for_charts: "exact", ...(tf ? { tf_adjustment_column: name, tf_adjustment_weight: 1 } : {}) },
    { sql_condition: `levenshtein(${name}_l, ${name}_r) <= 2`, label_for_charts: "close" },
    { sql_condition: "ELSE", label_for_charts: "else" }
  ]
})

/** 1 million pairs of 5 comparisons with γ drawn like a blocked set (mostly non-matches), TF on two. */
const benchEm = (withTf: boolean): void => {
  const settings: Settings = { link_type: "dedupe_only", comparisons: ["a", "b", "c", "d", "e"].map((name, i) => threeLevels(name, withTf && i < 2)) }
  const model = Either.getOrThrow(compileModel(settings))
  const random = seededRandom(7)
  const comparisons: Array<EmComparison> = model.comparisons.map((comparison) => {
    const gamma = new Int8Array(vectorCount)
    for (let i = 0; i < vectorCount; i++) {
      const r = random()
      gamma[i] = r < 0.05 ? -1 : r < 0.25 ? 2 : r < 0.35 ? 1 : 0
    }
    const tf = new Float64Array(vectorCount)
    for (let i = 0; i < vectorCount; i++) tf[i] = 0.0005 + random() * 0.01
    return {
      name: comparison.name,
      byGamma: comparison.byGamma,
      gamma,
      tfByGamma: comparison.byGamma.map((level) => (level.tf === undefined ? undefined : tf)),
      m: comparison.byGamma.map((level) => level.defaultM),
      u: comparison.byGamma.map((level) => level.defaultU)
    }
  })
  const start = performance.now()
  const result = expectationMaximisation(comparisons, vectorCount, { lambda: 0.3, fixLambda: false, fixM: false, fixU: false, emConvergence: 0, maxIterations: iterations })
  const seconds = (performance.now() - start) / 1000
  const run = result.history.length - 1
  figure(
    `EM ${withTf ? "with TF (pair by pair)" : "without TF (distinct γ patterns)"}`,
    `${(run / seconds).toFixed(1)} iterations/s: ${((vectorCount * run) / seconds / 1e6).toFixed(1)} million γ vectors evaluated per second (${run} iterations over ${vectorCount.toLocaleString("en-US")} vectors of 5 comparisons, one core)`
  )
}

/** Jaro-Winkler, Levenshtein and exact + TF comparisons with the demo model's three blocking rules. */
const predictSettings: Settings = {
  link_type: "dedupe_only",
  probability_two_random_records_match: 0.0003,
  blocking_rules_to_generate_predictions: [blockOn("first_name", "city"), blockOn("surname"), blockOn("dob")],
  comparisons: [
    jaroWinklerAtThresholds("first_name", [0.9], { termFrequencyAdjustments: true, mProbabilities: [0.7, 0.2, 0.1], uProbabilities: [0.01, 0.02, 0.97] }),
    levenshteinAtThresholds("surname", [2], { mProbabilities: [0.7, 0.2, 0.1], uProbabilities: [0.01, 0.02, 0.97] }),
    exactMatch("dob", { mProbabilities: [0.9, 0.1], uProbabilities: [0.01, 0.99] }),
    exactMatch("city", { termFrequencyAdjustments: true, mProbabilities: [0.8, 0.2], uProbabilities: [0.2, 0.8] }),
    exactMatch("email", { mProbabilities: [0.8, 0.2], uProbabilities: [0.001, 0.999] })
  ]
}

const benchPredict = (threads: number) =>
  Effect.gen(function* () {
    const settings = predictSettings
    const model = yield* compileModel(settings)
    const file = join(tmpdir(), `liner-bench-people-${process.pid}.csv`)
    writeFakePeople(file, records)
    try {
      const engine = yield* LinkageEngine
      const start = performance.now()
      const input = yield* engine.loadInput({ files: [file], settings })
      const loaded = performance.now()
      const vectors = yield* engine.comparisonVectors(input, settings, { withIds: true })
      const blocked = performance.now()
      const scored = yield* predict(model, vectors)
      const end = performance.now()
      const pairs = scored.pairCount
      figure(
        `predict, DuckDB on ${threads} thread${threads === 1 ? "" : "s"}`,
        `${Math.round(pairs / ((end - start) / 1000)).toLocaleString("en-US")} pairs/s end to end (${pairs.toLocaleString("en-US")} pairs of ${records.toLocaleString("en-US")} records: load ${((loaded - start) / 1000).toFixed(2)} s, block and γ ${((blocked - loaded) / 1000).toFixed(2)} s, score ${((end - blocked) / 1000).toFixed(2)} s)`
      )
    } finally {
      rmSync(file, { force: true })
    }
  }).pipe(Effect.scoped, Effect.provide(LinkageEngine.layer({ threads })))

export const benchLinkage = async (): Promise<void> => {
  heading("Fellegi–Sunter engine (packages/linkage)")
  benchEm(false)
  benchEm(true)
  await Effect.runPromise(benchPredict(1))
  await Effect.runPromise(benchPredict(2))
}

if (isMain(import.meta.url)) await benchLinkage()
