/**
 * Every column the settings use must be in the data: a comparison level's `<col>_l` / `<col>_r`,
 * a TF column, a blocking rule's `l.col` / `r."col"`, the unique id. A missing one is bad input
 * named by column, file and where the settings use it — before any pair is built.
 */
import { LinkageInputError } from "../errors.js"
import { blockingRuleSql, type BlockingRule, type Comparison, type Settings } from "../settings/settings.js"
import { isElseLevel, termFrequencyColumnName, termFrequencyColumnsOf } from "./comparison-sql.js"
import type { DuckDbSession } from "./duckdb-session.js"
import { blockingRuleColumns, conditionColumns, parseExpression } from "./sql-syntax.js"

/** `comparison "first_name", level 2 "Exact match" (first_name_l = first_name_r)`: how errors name a level. */
export const describeLevel = (comparison: Comparison, levelIndex: number): string => {
  const level = comparison.comparison_levels[levelIndex]!
  const label = level.label_for_charts === undefined ? "" : ` "${level.label_for_charts}"`
  return `comparison "${comparison.output_column_name}", level ${levelIndex + 1}${label} (${level.sql_condition.trim()})`
}

/** Some files' column names; DuckDB matches names case-insensitively, so do we. */
export interface ColumnSource {
  /** The file, or the files, named in the message. */
  readonly name: string
  readonly columns: ReadonlyArray<string>
}

const hasColumn = (source: ColumnSource, column: string): boolean =>
  source.columns.some((name) => name.toLowerCase() === column.toLowerCase())

const missing = (source: ColumnSource, column: string, usedBy: string): LinkageInputError =>
  new LinkageInputError({ message: `${source.name} has no column "${column}" (${usedBy})` })

/** The comparisons' conditions parse, and every column they and their TF adjustments name exists. */
export const checkComparisonColumns = async (
  session: DuckDbSession,
  comparisons: ReadonlyArray<Comparison>,
  sources: ReadonlyArray<ColumnSource>
): Promise<void> => {
  const termFrequencyNames = comparisons.flatMap((comparison) => termFrequencyColumnsOf(comparison).map(termFrequencyColumnName))
  for (const comparison of comparisons) {
    for (const [index, level] of comparison.comparison_levels.entries()) {
      if (isElseLevel(level)) continue
      const outcome = await parseExpression(session, level.sql_condition)
      if ("error" in outcome) {
        throw new LinkageInputError({ message: `${describeLevel(comparison, index)}: DuckDB cannot parse it: ${outcome.error}` })
      }
      for (const column of conditionColumns(outcome.parsed.expression)) {
        const isTermFrequency = termFrequencyNames.some((name) => name.toLowerCase() === column.toLowerCase())
        for (const source of sources) {
          if (!isTermFrequency && !hasColumn(source, column)) throw missing(source, column, describeLevel(comparison, index))
        }
      }
      const tfColumn = level.tf_adjustment_column
      if (tfColumn !== undefined && tfColumn !== null) {
        for (const source of sources) {
          if (!hasColumn(source, tfColumn)) throw missing(source, tfColumn, `the term-frequency column of ${describeLevel(comparison, index)}`)
        }
      }
    }
  }
}

/** The blocking rules parse, and every `l.` / `r.` column they name exists. */
export const checkBlockingRuleColumns = async (
  session: DuckDbSession,
  rules: ReadonlyArray<BlockingRule>,
  sources: ReadonlyArray<ColumnSource>
): Promise<void> => {
  for (const rule of rules) {
    if (typeof rule !== "string" && "arrays_to_explode" in rule) {
      throw new LinkageInputError({ message: `blocking rule "${rule.blocking_rule}": arrays_to_explode (exploding blocking rules) is not supported` })
    }
    const sql = blockingRuleSql(rule)
    const outcome = await parseExpression(session, sql)
    if ("error" in outcome) throw new LinkageInputError({ message: `blocking rule "${sql}": DuckDB cannot parse it: ${outcome.error}` })
    for (const column of blockingRuleColumns(outcome.parsed.expression)) {
      for (const source of sources) {
        if (!hasColumn(source, column)) throw missing(source, column, `blocking rule "${sql}"`)
      }
    }
  }
}

/** All of the settings' columns: unique id, comparisons, TF columns, prediction blocking rules. */
export const checkSettingsColumns = async (
  session: DuckDbSession,
  settings: Settings,
  uniqueIdColumn: string,
  sources: ReadonlyArray<ColumnSource>
): Promise<void> => {
  for (const source of sources) {
    if (!hasColumn(source, uniqueIdColumn)) throw missing(source, uniqueIdColumn, "the unique_id_column_name")
  }
  await checkComparisonColumns(session, settings.comparisons, sources)
  await checkBlockingRuleColumns(session, settings.blocking_rules_to_generate_predictions ?? [], sources)
}
