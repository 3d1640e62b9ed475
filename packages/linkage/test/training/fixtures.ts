/** Test helpers over splink's fixture files in test/data. */
import { readFileSync } from "node:fs"
import { Effect } from "effect"
import { expect } from "vitest"
import { LinkageEngine, type LinkageError } from "../../src/engine/linkage-engine.js"
import { fileURLToPath } from "node:url"
import type { ComparisonVectors } from "../../src/engine/comparison-vectors.js"
import type { Comparison, Settings } from "../../src/settings/settings.js"

export const dataPath = (name: string): string => fileURLToPath(new URL(`../data/${name}`, import.meta.url))

/** One CSV line's fields; a quoted field may hold commas and doubled quotes. */
const csvFields = (line: string): Array<string> =>
  [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((m) => (m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!))

/** A small CSV fixture (one record per line), as records of strings. */
export const readSimpleCsv = (name: string): Array<Record<string, string>> => {
  const [header, ...lines] = readFileSync(dataPath(name), "utf8").trim().split(/\r?\n/)
  const columns = csvFields(header!)
  return lines.map((line) => Object.fromEntries(csvFields(line).map((value, i) => [columns[i]!, value])))
}

/** splink's `cl.ExactMatch(column)`: a null level, an exact level, ELSE. */
export const exactMatch = (column: string): Comparison => ({
  output_column_name: column,
  comparison_levels: [
    { sql_condition: `"${column}_l" IS NULL OR "${column}_r" IS NULL`, label_for_charts: `${column} is NULL`, is_null_level: true },
    { sql_condition: `"${column}_l" = "${column}_r"`, label_for_charts: `Exact match on ${column}` },
    { sql_condition: "ELSE", label_for_charts: "All other comparisons" }
  ]
})

/** known_params_comparison_vectors.csv: 4,000 γ vectors over three binary comparisons. */
export const knownParamsVectors = (): { vectors: ComparisonVectors; rows: Array<Record<string, string>> } => {
  const rows = readSimpleCsv("known_params_comparison_vectors.csv")
  const names = ["col_1", "col_2", "col_3"]
  return {
    rows,
    vectors: {
      pairCount: rows.length,
      comparisons: names.map((name) => ({
        name,
        gamma: Int8Array.from(rows, (row) => Number(row[`gamma_${name}`])),
        tf: new Map()
      })),
      pairs: { uniqueIdL: rows.map((r) => r.unique_id_l!), uniqueIdR: rows.map((r) => r.unique_id_r!) }
    }
  }
}

export const knownParamsSettings: Settings = {
  link_type: "dedupe_only",
  max_iterations: 200,
  em_convergence: 0.00001,
  comparisons: ["col_1", "col_2", "col_3"].map(exactMatch)
}

/** Within 1e-9 relative of splink's number (given to full precision). */
export const expectClose = (actual: number | undefined, expected: number, tolerance = 1e-9): void => {
  expect(actual).toBeTypeOf("number")
  const error = Math.abs(actual! - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE)
  if (!(error <= tolerance)) expect.fail(`expected ${actual} to be within ${tolerance} (relative) of ${expected}`)
}

const nullLevel = (column: string) => ({
  sql_condition: `${column}_l IS NULL OR ${column}_r IS NULL`,
  label_for_charts: "Comparison includes null",
  is_null_level: true
})

const binary = (column: string): Comparison => ({
  output_column_name: column,
  comparison_levels: [
    nullLevel(column),
    { sql_condition: `${column}_l = ${column}_r`, label_for_charts: "Exact match", m_probability: 0.9, u_probability: 0.1 },
    { sql_condition: "ELSE", label_for_charts: "All other comparisons", m_probability: 0.1, u_probability: 0.9 }
  ]
})

/** splink's tests/basic_settings.py: λ such that blocking on surname starts EM at exactly 0.3. */
export const basicSettings = (): Settings => ({
  link_type: "dedupe_only",
  probability_two_random_records_match: (0.3 / (1 - 0.3) / (0.9 / 0.1)) / (1 + 0.3 / (1 - 0.3) / (0.9 / 0.1)),
  blocking_rules_to_generate_predictions: ["l.surname = r.surname"],
  em_convergence: 0.001,
  max_iterations: 20,
  comparisons: [
    {
      output_column_name: "first_name",
      comparison_levels: [
        nullLevel("first_name"),
        {
          sql_condition: "first_name_l = first_name_r",
          label_for_charts: "Exact match",
          m_probability: 0.7,
          u_probability: 0.1,
          tf_adjustment_column: "first_name",
          tf_adjustment_weight: 0.6
        },
        {
          sql_condition: "levenshtein(first_name_l, first_name_r) <= 2",
          m_probability: 0.2,
          u_probability: 0.1,
          label_for_charts: "levenshtein <= 2"
        },
        { sql_condition: "ELSE", label_for_charts: "All other comparisons", m_probability: 0.1, u_probability: 0.8 }
      ]
    },
    binary("surname"),
    binary("dob"),
    binary("email"),
    binary("city")
  ]
})

/** Runs a program against a fresh in-memory DuckDB engine, closed afterwards. */
export const withEngine = <A, E>(
  program: Effect.Effect<A, E, LinkageEngine>
): Effect.Effect<A, E | LinkageError> => program.pipe(Effect.provide(LinkageEngine.layer()))
