/**
 * One DuckDB connection and the few ways the engine talks to it. Operations are async functions
 * that throw; `linkage-engine` turns them into Effects, a thrown LinkageInputError staying bad
 * input and anything else becoming a LinkageInternalError.
 */
import type { DuckDBConnection, DuckDBValue, JS } from "@duckdb/node-api"

export type Row = Readonly<Record<string, JS>>

/** DuckDB's messages run over several lines (candidates, the caret under LINE 1); the first says it. */
export const firstLineOf = (error: unknown): string => {
  const text = error instanceof Error ? error.message : String(error)
  return text.split("\n").find((line) => line.trim() !== "")?.trim() ?? text
}

/** A SQL identifier, always quoted (column names come from CSV headers). */
export const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`

/** A SQL string literal. */
export const quoteLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`

export class DuckDbSession {
  private tableCount = 0

  constructor(readonly connection: DuckDBConnection) {}

  /** A table name no other table of this session has (all ours start with `__linkage_`). */
  freshTable(purpose: string): string {
    this.tableCount += 1
    return `__linkage_${purpose}_${this.tableCount}`
  }

  async run(sql: string, values?: ReadonlyArray<DuckDBValue>): Promise<void> {
    await this.connection.run(sql, values === undefined ? undefined : [...values])
  }

  async rows(sql: string, values?: ReadonlyArray<DuckDBValue>): Promise<ReadonlyArray<Row>> {
    const reader = await this.connection.runAndReadAll(sql, values === undefined ? undefined : [...values])
    return reader.getRowObjectsJS()
  }

  /** The one number a `SELECT count(*) …` gives. */
  async count(sql: string, values?: ReadonlyArray<DuckDBValue>): Promise<number> {
    const [row] = await this.rows(sql, values)
    const value = row === undefined ? 0 : Object.values(row)[0]
    return value === null || value === undefined ? 0 : Number(value)
  }

  /** DuckDB's complaint about a statement (parse or bind), or undefined when it prepares. */
  async prepareError(sql: string): Promise<string | undefined> {
    try {
      const prepared = await this.connection.prepare(sql)
      prepared.destroySync()
      return undefined
    } catch (error) {
      return firstLineOf(error)
    }
  }

  /** DuckDB's complaint when running a statement, or undefined when it runs. */
  async runError(sql: string): Promise<string | undefined> {
    try {
      await this.connection.run(sql)
      return undefined
    } catch (error) {
      return firstLineOf(error)
    }
  }

  async dropTable(table: string): Promise<void> {
    await this.connection.run(`DROP TABLE IF EXISTS ${quoteIdentifier(table)}`)
  }
}
