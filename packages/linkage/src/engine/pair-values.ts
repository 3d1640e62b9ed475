/** The compared values of given pairs, for explanations and waterfalls (splink's `_l` / `_r` columns). */
import type { DuckDBValue } from "@duckdb/node-api"
import { LinkageInputError } from "../errors.js"
import type { Settings } from "../settings/settings.js"
import { isElseLevel, termFrequencyColumnName, termFrequencyColumnsOf } from "./comparison-sql.js"
import { type DuckDbSession, quoteIdentifier } from "./duckdb-session.js"
import type { PairKey, PairValues } from "./engine-results.js"
import type { Input } from "./input.js"
import { conditionColumns, parseExpression } from "./sql-syntax.js"

/** The records' columns the comparisons compare, in the order they first appear, then their TF columns. */
const comparedColumns = async (session: DuckDbSession, input: Input, settings: Settings): Promise<ReadonlyArray<string>> => {
  const names: Array<string> = []
  const add = (column: string) => {
    const actual = input.columns.find((candidate) => candidate.name.toLowerCase() === column.toLowerCase())?.name ?? column
    if (!names.includes(actual)) names.push(actual)
  }
  for (const comparison of settings.comparisons) {
    for (const level of comparison.comparison_levels) {
      if (isElseLevel(level)) continue
      const outcome = await parseExpression(session, level.sql_condition)
      if ("parsed" in outcome) conditionColumns(outcome.parsed.expression).forEach(add)
    }
  }
  const known = names.filter((name) => input.columns.some((column) => column.name === name))
  const termFrequencies = [...new Set(settings.comparisons.flatMap(termFrequencyColumnsOf))].map(termFrequencyColumnName)
  return [...known, ...termFrequencies]
}

const jsValue = (value: unknown): string | number | null =>
  value === null || value === undefined ? null : typeof value === "number" || typeof value === "string" ? value : typeof value === "bigint" ? Number(value) : String(value)

export const pairValues = async (
  session: DuckDbSession,
  input: Input,
  settings: Settings,
  pairs: ReadonlyArray<PairKey>
): Promise<ReadonlyArray<PairValues>> => {
  if (pairs.length === 0) return []
  const columns = await comparedColumns(session, input, settings)
  const uid = quoteIdentifier(input.uniqueIdColumn)
  const sd = input.sourceDatasetColumn === undefined ? undefined : quoteIdentifier(input.sourceDatasetColumn)
  const recordSql =
    `SELECT ${columns.map((c) => `${quoteIdentifier(c)}`).join(", ")}${columns.length > 0 ? ", " : ""}1 AS found ` +
    `FROM ${quoteIdentifier(input.table)} WHERE CAST(${uid} AS VARCHAR) = $1${sd === undefined ? "" : ` AND CAST(${sd} AS VARCHAR) = $2`} LIMIT 1`
  const lookUp = async (uniqueId: string, sourceDataset: string | undefined) => {
    const values: Array<DuckDBValue> = sd === undefined ? [uniqueId] : [uniqueId, sourceDataset ?? ""]
    const [row] = await session.rows(recordSql, values)
    if (row === undefined) {
      const where = sourceDataset === undefined ? "" : ` in source dataset "${sourceDataset}"`
      throw new LinkageInputError({ message: `no record has ${input.uniqueIdColumn} "${uniqueId}"${where}` })
    }
    return row
  }
  const result: Array<PairValues> = []
  for (const pair of pairs) {
    const l = await lookUp(pair.uniqueIdL, pair.sourceDatasetL)
    const r = await lookUp(pair.uniqueIdR, pair.sourceDatasetR)
    const values: Record<string, string | number | null> = {}
    for (const column of columns) {
      values[`${column}_l`] = jsValue(l[column])
      values[`${column}_r`] = jsValue(r[column])
    }
    result.push(values)
  }
  return result
}
