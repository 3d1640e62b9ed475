/**
 * Term frequencies over the whole input, after splink's term_frequencies.py: for each value of a
 * column, count(value) / count(non-null values), kept on every record as `tf_<col>`.
 */
import { type DuckDbSession, quoteIdentifier } from "./duckdb-session.js"
import { termFrequencyColumnName } from "./comparison-sql.js"

/** splink's `term_frequencies_for_single_column_sql`, over `table`. */
export const termFrequencyTableSql = (table: string, column: string): string => {
  const c = quoteIdentifier(column)
  const t = quoteIdentifier(table)
  return `SELECT ${c} AS value, CAST(count(*) AS DOUBLE) / (SELECT count(${c}) FROM ${t}) AS tf FROM ${t} WHERE ${c} IS NOT NULL GROUP BY ${c}`
}

/**
 * Adds `tf_<col>` to the records table for each column that lacks it (a column the data already
 * has under that name is used as it is, as splink does for new records). Returns the TF columns
 * now on the table.
 */
export const addTermFrequencyColumns = async (
  session: DuckDbSession,
  table: string,
  tableColumns: ReadonlyArray<string>,
  columns: ReadonlyArray<string>
): Promise<ReadonlyArray<string>> => {
  const present = new Set(tableColumns.map((name) => name.toLowerCase()))
  const toAdd = [...new Set(columns)].filter((column) => !present.has(termFrequencyColumnName(column).toLowerCase()))
  if (toAdd.length === 0) return columns
  const t = quoteIdentifier(table)
  const joins = toAdd.map(
    (column, index) => `LEFT JOIN (${termFrequencyTableSql(table, column)}) AS tf${index} ON records.${quoteIdentifier(column)} = tf${index}.value`
  )
  const selected = toAdd.map((column, index) => `tf${index}.tf AS ${quoteIdentifier(termFrequencyColumnName(column))}`)
  await session.run(
    `CREATE OR REPLACE TABLE ${t} AS SELECT records.*, ${selected.join(", ")} FROM ${t} AS records ${joins.join(" ")} ` +
      `ORDER BY records.__linkage_row`
  )
  return columns
}
