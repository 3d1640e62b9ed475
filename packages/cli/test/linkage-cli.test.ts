import { makeTempDir, runLiner } from "@liner/testkit"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterEach, beforeEach, describe, expect, it } from "vitest"

// `liner linkage` through the real binary on splink's own data and saved models (contracts/linkage.md).
const data = (name: string) => fileURLToPath(new URL(`../../linkage/test/data/${name}`, import.meta.url))
const people = data("fake_1000.csv")
const splinkModel = data("saved_model_from_demo.json")

const level = (sql_condition: string, label_for_charts: string, extra: Record<string, unknown> = {}) => ({ sql_condition, label_for_charts, ...extra })
const nullLevel = (column: string) => level(`"${column}_l" IS NULL OR "${column}_r" IS NULL`, `${column} is NULL`, { is_null_level: true })
const settings = {
  link_type: "dedupe_only",
  blocking_rules_to_generate_predictions: ['l."first_name" = r."first_name"', 'l."surname" = r."surname"'],
  comparisons: [
    {
      output_column_name: "first_name",
      comparison_levels: [
        nullLevel("first_name"),
        level('"first_name_l" = "first_name_r"', "Exact match on first_name", { tf_adjustment_column: "first_name", tf_adjustment_weight: 1 }),
        level('jaro_winkler_similarity("first_name_l", "first_name_r") >= 0.9', "Jaro-Winkler >= 0.9"),
        level("ELSE", "All other comparisons")
      ]
    },
    {
      output_column_name: "surname",
      comparison_levels: [nullLevel("surname"), level('"surname_l" = "surname_r"', "Exact match on surname"), level('levenshtein("surname_l", "surname_r") <= 2', "Levenshtein <= 2"), level("ELSE", "All other comparisons")]
    },
    {
      output_column_name: "dob",
      comparison_levels: [nullLevel("dob"), level('"dob_l" = "dob_r"', "Exact match on dob"), level("ELSE", "All other comparisons")]
    },
    {
      output_column_name: "city",
      comparison_levels: [nullLevel("city"), level('"city_l" = "city_r"', "Exact match on city", { tf_adjustment_column: "city", tf_adjustment_weight: 1 }), level("ELSE", "All other comparisons")]
    }
  ],
  // splink writes keys Liner does not interpret; they must survive training.
  linker_uid: "kept-as-is"
}
const plan = {
  steps: [
    { estimate: "probability_two_random_records_match", deterministic_rules: ['l."first_name" = r."first_name" AND l."surname" = r."surname"'], recall: 0.7 },
    { estimate: "u_using_random_sampling", max_pairs: 100000, seed: 1 },
    { estimate: "parameters_using_expectation_maximisation", blocking_rule: 'l."dob" = r."dob"' },
    { estimate: "parameters_using_expectation_maximisation", blocking_rule: 'l."first_name" = r."first_name"' }
  ]
}

let dir: { path: string; remove: () => void }
const at = (name: string) => join(dir.path, name)
const writeJson = (name: string, value: unknown) => {
  writeFileSync(at(name), JSON.stringify(value))
  return at(name)
}
beforeEach(() => {
  dir = makeTempDir()
})
afterEach(() => dir.remove())

const csvRows = (text: string) => text.trim().split("\n").map((line) => line.split(","))

describe("liner linkage (binary)", () => {
  it("trains by a plan, saves a model that keeps unknown keys, and reports each EM session", async () => {
    const run = await runLiner(["linkage", "train", "--settings", writeJson("settings.json", settings), "--data", people, "--plan", writeJson("plan.json", plan), "--out", at("model.json"), "--json"])
    expect(run.stderr).toBe("")
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as { model: Record<string, unknown>; sessions: Array<Record<string, unknown>>; steps: Array<Record<string, unknown>> }
    expect(report.steps.map((step) => step.estimate)).toEqual(plan.steps.map((step) => step.estimate))
    expect(report.sessions).toHaveLength(2)
    expect(report.sessions[0]).toMatchObject({ blocking_rule: 'l."dob" = r."dob"', deactivated: ["dob"] })
    for (const session of report.sessions) {
      expect(Object.keys(session)).toEqual(expect.arrayContaining(["step", "blocking_rule", "pairs", "deactivated", "start_lambda_in_block", "iterations", "converged"]))
      expect((session.iterations as Array<Record<string, unknown>>)[0]).toEqual(expect.objectContaining({ iteration: expect.any(Number), largest_change: expect.any(Number), largest_change_parameter: expect.any(String), lambda_in_block: expect.any(Number) }))
    }
    type SavedLevel = { m_probability?: number; u_probability?: number; is_null_level?: boolean }
    const saved = JSON.parse(readFileSync(at("model.json"), "utf8")) as { linker_uid: string; probability_two_random_records_match: number; comparisons: Array<{ comparison_levels: Array<SavedLevel> }> }
    expect(saved).toEqual(report.model)
    expect(saved.linker_uid).toBe("kept-as-is")
    expect(saved.probability_two_random_records_match).toBeGreaterThan(0)
    for (const comparison of saved.comparisons) {
      for (const trained of comparison.comparison_levels.filter((l) => l.is_null_level !== true)) {
        expect(trained.m_probability).toBeGreaterThan(0)
        expect(trained.u_probability).toBeGreaterThan(0)
      }
    }
  })

  it("predicts with a model saved by splink, with splink's column names; the threshold keeps only likely pairs", async () => {
    const all = await runLiner(["linkage", "predict", "--model", splinkModel, "--data", people, "--explain"])
    expect(all.code).toBe(0)
    const [header, ...rows] = csvRows(all.stdout)
    expect(header).toEqual([
      "match_weight", "match_probability", "unique_id_l", "unique_id_r",
      "gamma_first_name", "bf_first_name", "bf_tf_adj_first_name",
      "gamma_surname", "bf_surname", "bf_tf_adj_surname",
      "gamma_dob", "bf_dob",
      "gamma_city", "bf_city", "bf_tf_adj_city",
      "gamma_email", "bf_email", "bf_tf_adj_email"
    ])
    // The waterfall adds up: the weight is the prior plus every part.
    const prior = Math.log2(0.00298012298012298 / (1 - 0.00298012298012298))
    for (const row of rows.slice(0, 50)) {
      const parts = header!.flatMap((name, i) => (name.startsWith("bf_") ? [Math.log2(Number(row[i]))] : []))
      expect(Number(row[0])).toBeCloseTo(prior + parts.reduce((a, b) => a + b, 0), 9)
      expect(Number(row[2])).toBeLessThan(Number(row[3]))
    }
    const likely = await runLiner(["linkage", "predict", "--model", splinkModel, "--data", people, "--threshold-match-probability", "0.9", "--format", "jsonl", "--out", at("pairs.jsonl")])
    expect(likely.code).toBe(0)
    const kept = readFileSync(at("pairs.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as { match_probability: number })
    expect(kept.length).toBeGreaterThan(0)
    expect(kept.length).toBeLessThan(rows.length)
    expect(kept.every((pair) => pair.match_probability >= 0.9)).toBe(true)
    expect(likely.stderr).toContain(`${kept.length} pairs written to`)
  })

  it("a model trained by Liner loads back and predicts the same pairs on every run", async () => {
    await runLiner(["linkage", "train", "--settings", writeJson("settings.json", settings), "--data", people, "--plan", writeJson("plan.json", plan), "--out", at("model.json")])
    const first = await runLiner(["linkage", "predict", "--model", at("model.json"), "--data", people])
    const second = await runLiner(["linkage", "predict", "--model", at("model.json"), "--data", people])
    expect(first.code).toBe(0)
    expect(first.stdout.split("\n").length).toBeGreaterThan(100)
    expect(second.stdout).toBe(first.stdout)
  })

  it("evaluates against labels: splink's truth table; labelled pairs no blocking rule generates score −999", async () => {
    const records = csvRows(readFileSync(people, "utf8")).slice(1).slice(0, 60)
    const labels = ["unique_id_l,unique_id_r,clerical_match_score"]
    for (let i = 0; i < records.length; i++) for (let j = i + 1; j < records.length; j++) labels.push(`${records[i]![0]},${records[j]![0]},${records[i]![6] === records[j]![6] ? 1 : 0}`)
    writeFileSync(at("labels.csv"), labels.join("\n") + "\n")
    const run = await runLiner(["linkage", "evaluate", "--model", splinkModel, "--data", people, "--labels", at("labels.csv"), "--json", "--html", at("accuracy.html")])
    expect(run.code).toBe(0)
    const table = JSON.parse(run.stdout) as Array<Record<string, number>>
    for (const key of ["truth_threshold", "match_probability", "p", "n", "tp", "tn", "fp", "fn", "precision", "recall", "f1"]) expect(table[0]).toHaveProperty(key)
    // Every labelled pair counts; thresholds ascend, one row each.
    expect(table[0]!.p! + table[0]!.n!).toBe(labels.length - 1)
    const thresholds = table.map((row) => row.truth_threshold!)
    expect([...new Set(thresholds)].sort((a, b) => a - b)).toEqual(thresholds)
    // Positives the blocking rules miss score −999: below every threshold, so missed even at the lowest.
    expect(table[0]!.fn).toBeGreaterThan(0)
    const everyPair = await runLiner(["linkage", "evaluate", "--model", splinkModel, "--data", people, "--labels", at("labels.csv"), "--json", "--blocking-rule", "1=1"])
    const lowest = (JSON.parse(everyPair.stdout) as Array<Record<string, number>>)[0]!
    expect(lowest).toMatchObject({ fn: 0, tn: 0, tp: table[0]!.p })
    const page = readFileSync(at("accuracy.html"), "utf8")
    expect(page).toContain("<svg")
    expect(page).not.toMatch(/<script/i)
  })

  it("clusters every record; a record linked to nothing is a cluster of its own", async () => {
    const run = await runLiner(["linkage", "cluster", "--model", splinkModel, "--data", people, "--threshold-match-probability", "0.95"])
    expect(run.code).toBe(0)
    const [header, ...rows] = csvRows(run.stdout)
    expect(header).toEqual(["cluster_id", "unique_id"])
    expect(rows).toHaveLength(1000)
    const clusters = new Map<string, Array<number>>()
    for (const [cluster, id] of rows) clusters.set(cluster!, [...(clusters.get(cluster!) ?? []), Number(id)])
    expect(clusters.size).toBeGreaterThan(100)
    expect(clusters.size).toBeLessThan(1000)
    for (const [cluster, ids] of clusters) expect(Number(cluster)).toBe(Math.min(...ids))
  })

  it("explains a model saved by splink without edits, with a pair's waterfall and an HTML page", async () => {
    const run = await runLiner(["linkage", "explain", "--model", splinkModel, "--data", people, "--pair", "28,30", "--json", "--html", at("model.html")])
    expect(run.code).toBe(0)
    const doc = JSON.parse(run.stdout) as { parameters: Array<Record<string, unknown>>; waterfalls: Array<{ rows: Array<Record<string, number | string>> }> }
    expect(doc.parameters.filter((p) => p.comparison_name === "first_name").map((p) => p.label_for_charts)).toEqual([
      "Exact match on first_name",
      "Jaro-Winkler distance of first_name >= 0.92",
      "Jaro-Winkler distance of first_name >= 0.88",
      "Jaro-Winkler distance of first_name >= 0.7",
      "All other comparisons"
    ])
    const exact = doc.parameters.find((p) => p.label_for_charts === "Exact match on first_name")!
    expect(exact.log2_bayes_factor).toBeCloseTo(Math.log2(0.49092153055564214 / 0.006187690390473553), 12)
    const bars = doc.waterfalls[0]!.rows
    expect(bars[0]!.column_name).toBe("Prior")
    expect(bars.at(-1)!.column_name).toBe("Final score")
    const page = readFileSync(at("model.html"), "utf8")
    expect(page.match(/<svg/g)!.length).toBe(3)
    expect(page).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/i)
  })

  describe("bad input: one line naming what is wrong, exit 2", () => {
    it("a condition DuckDB rejects names its comparison and level", async () => {
      const broken = structuredClone(settings)
      broken.comparisons[1]!.comparison_levels[2] = level('levenshtein("surname_l") <= 2', "Levenshtein <= 2")
      const run = await runLiner(["linkage", "predict", "--model", writeJson("broken.json", broken), "--data", people])
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/surname/)
      expect(run.stderr).toMatch(/Levenshtein <= 2/)
      expect(run.stderr.trim().split("\n")).toHaveLength(1)
    })

    it("a data file without a column the settings use names the column", async () => {
      writeFileSync(at("no-city.csv"), "unique_id,first_name,surname,dob\n1,A,B,2000-01-01\n2,A,B,2000-01-01\n")
      const run = await runLiner(["linkage", "predict", "--model", writeJson("settings.json", settings), "--data", at("no-city.csv")])
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/city/)
    })

    it("an unknown plan step, a settings key of the wrong type, a missing file", async () => {
      const unknownStep = await runLiner(["linkage", "train", "--settings", writeJson("settings.json", settings), "--data", people, "--plan", writeJson("plan.json", { steps: [{ estimate: "everything" }] }), "--out", at("model.json")])
      expect(unknownStep.code).toBe(2)
      expect(unknownStep.stderr).toMatch(/step 1.*everything/)
      const wrongType = await runLiner(["linkage", "explain", "--model", writeJson("wrong.json", { ...settings, comparisons: "first_name" })])
      expect(wrongType.code).toBe(2)
      expect(wrongType.stderr).toMatch(/comparisons/)
      const missing = await runLiner(["linkage", "explain", "--model", at("nope.json")])
      expect(missing.code).toBe(2)
      for (const run of [unknownStep, wrongType, missing]) expect(run.stderr).not.toMatch(/\n\s+at /)
    })
  })
})
