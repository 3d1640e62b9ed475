/** Shared by the engine tests: fixture paths, splink's test settings, and running against a real DuckDB. */
import { Effect } from "effect"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { LinkageEngine, type LinkageEngineOptions } from "../../src/engine/index.js"
import type { Comparison, Settings } from "../../src/settings/settings.js"

export const dataFile = (name: string): string => fileURLToPath(new URL(`../data/${name}`, import.meta.url))

/** Runs a program against a fresh engine (in memory unless told), closed afterwards. */
export const withEngine = <A, E>(program: Effect.Effect<A, E, LinkageEngine>, options: LinkageEngineOptions = {}) =>
  program.pipe(Effect.provide(LinkageEngine.layer(options)))

/** A CSV written to a fresh temporary directory. */
export const csvFile = (name: string, text: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), "linkage-engine-")), name)
  writeFileSync(path, text)
  return path
}

/** null / exact (m 0.9, u 0.1) / else (m 0.1, u 0.9), as basic_settings.py. */
const exactOrElse = (column: string): Comparison => ({
  output_column_name: column,
  comparison_levels: [
    { sql_condition: `${column}_l IS NULL OR ${column}_r IS NULL`, label_for_charts: "null", is_null_level: true },
    { sql_condition: `${column}_l = ${column}_r`, label_for_charts: "exact", m_probability: 0.9, u_probability: 0.1 },
    { sql_condition: "ELSE", label_for_charts: "else", m_probability: 0.1, u_probability: 0.9 }
  ]
})

/** splink's tests/basic_settings.py (the splink2 comparisons of expected_results.json). */
export const basicSettings: Settings = {
  link_type: "dedupe_only",
  blocking_rules_to_generate_predictions: ["l.surname = r.surname"],
  comparisons: [
    {
      output_column_name: "first_name",
      comparison_levels: [
        { sql_condition: "first_name_l IS NULL OR first_name_r IS NULL", label_for_charts: "null", is_null_level: true },
        {
          sql_condition: "first_name_l = first_name_r",
          label_for_charts: "exact",
          m_probability: 0.7,
          u_probability: 0.1,
          tf_adjustment_column: "first_name",
          tf_adjustment_weight: 0.6
        },
        { sql_condition: "levenshtein(first_name_l, first_name_r) <= 2", label_for_charts: "levenshtein <= 2", m_probability: 0.2, u_probability: 0.1 },
        { sql_condition: "ELSE", label_for_charts: "else", m_probability: 0.1, u_probability: 0.8 }
      ]
    },
    exactOrElse("surname"),
    exactOrElse("dob"),
    exactOrElse("email"),
    exactOrElse("city")
  ]
}
