/**
 * CSV files read the way splink's users read them (pandas `read_csv`): a header row, an empty
 * field is NULL, text kept verbatim (no trimming: "Julia " keeps its space), a column of whole
 * numbers is BIGINT, a column of numbers is DOUBLE, anything else text (dates stay text).
 */
import { access, constants } from "node:fs/promises"
import { LinkageInputError } from "../errors.js"
import { type DuckDbSession, firstLineOf, quoteIdentifier, quoteLiteral } from "./duckdb-session.js"
import type { InputColumnType } from "./input.js"

/** What pandas parses as an integer (surrounding spaces allowed, no `1_000`, `0x10` or `1e3`). */
const INTEGER_PATTERN = String.raw`^\s*[+-]?[0-9]+\s*$`
/** What pandas parses as a float. */
const NUMBER_PATTERN = String.raw`^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$`

export interface StagedCsv {
  readonly file: string
  /** All-VARCHAR copy of the file; `rowid` is the line order. */
  readonly table: string
  readonly columns: ReadonlyArray<string>
}

/** Copies a CSV into a new all-text table; an unreadable or malformed file is bad input. */
export const stageCsv = async (session: DuckDbSession, file: string, what: string): Promise<StagedCsv> => {
  try {
    await access(file, constants.R_OK)
  } catch (error) {
    throw new LinkageInputError({ message: `cannot read the ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? firstLineOf(error)}` })
  }
  const table = session.freshTable("csv")
  try {
    await session.run(
      `CREATE TABLE ${quoteIdentifier(table)} AS SELECT * FROM read_csv(${quoteLiteral(file)}, header = true, all_varchar = true, ` +
        `delim = ',', quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = true)`
    )
  } catch (error) {
    throw new LinkageInputError({ message: `cannot read the ${what} ${file} as CSV: ${firstLineOf(error)}` })
  }
  const described = await session.rows(`DESCRIBE ${quoteIdentifier(table)}`)
  return { file, table, columns: described.map((row) => String(row["column_name"])) }
}

/**
 * The type pandas would give each column of `relation` (a table or a parenthesised query whose
 * columns are all text): BIGINT, DOUBLE, else VARCHAR; a column with no values is VARCHAR.
 */
export const inferColumnTypes = async (
  session: DuckDbSession,
  relation: string,
  columns: ReadonlyArray<string>
): Promise<ReadonlyArray<InputColumnType>> => {
  if (columns.length === 0) return []
  const probes = columns.flatMap((column, index) => {
    const c = quoteIdentifier(column)
    return [
      `count(${c}) AS n${index}`,
      `count(${c}) FILTER (WHERE regexp_full_match(${c}, '${INTEGER_PATTERN}') AND TRY_CAST(${c} AS BIGINT) IS NOT NULL) AS i${index}`,
      `count(${c}) FILTER (WHERE regexp_full_match(${c}, '${NUMBER_PATTERN}')) AS d${index}`
    ]
  })
  const [row] = await session.rows(`SELECT ${probes.join(", ")} FROM ${relation}`)
  return columns.map((_column, index) => {
    const values = Number(row?.[`n${index}`] ?? 0)
    if (values === 0) return "VARCHAR"
    if (Number(row?.[`i${index}`]) === values) return "BIGINT"
    if (Number(row?.[`d${index}`]) === values) return "DOUBLE"
    return "VARCHAR"
  })
}

/** `column` converted from text to its inferred type. */
export const typedColumnSql = (columnSql: string, type: InputColumnType): string =>
  type === "VARCHAR" ? columnSql : `CAST(trim(${columnSql}) AS ${type})`
