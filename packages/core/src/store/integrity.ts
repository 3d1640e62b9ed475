import { Effect } from "effect"
import { sql } from "kysely"
import { Store, StoreError, withDb } from "./store.js"

/** What SQLite's own checks found in the store. */
export interface IntegrityReport {
  /** The SQLite file. */
  readonly path: string
  readonly ok: boolean
  /** One line per problem, as SQLite words it; empty when ok. */
  readonly problems: ReadonlyArray<string>
}

/** Why `checkStoreIntegrity` does not run on PostgreSQL. */
export const integrityNotOnPostgres = (path: string): string =>
  `cannot check the database ${path}: the check is SQLite's; PostgreSQL enforces the store's constraints itself, and pg_amcheck checks its pages`

/** SQLite stops after this many problems, so a badly damaged file still gives a short report. */
const maxProblems = 100

const integrityProblems = withDb("cannot check the database", (db) =>
  sql.raw<{ integrity_check: string }>(`pragma integrity_check(${maxProblems})`).execute(db)
).pipe(
  // One problem per line: SQLite's first row may hold several, under a "*** in database main ***" heading.
  Effect.map(({ rows }) =>
    rows.flatMap((row) => row.integrity_check.split("\n")).filter((line) => line !== "ok" && line !== "" && !line.startsWith("*** in database"))
  ),
  // Some damage stops the check itself (SQLITE_CORRUPT): that is the problem to report, not a failure.
  Effect.catchIf(
    (error) => error.fault === "corrupt",
    (error) => Effect.succeed([error.cause instanceof Error ? error.cause.message : error.message])
  )
)

const foreignKeyProblems = withDb("cannot check the database", (db) =>
  sql<{ table: string; rowid: number | null; parent: string }>`pragma foreign_key_check`.execute(db)
).pipe(Effect.map(({ rows }) => rows.map((row) => `${row.table} row ${row.rowid ?? "?"} refers to a ${row.parent} row that does not exist`)))

/**
 * Runs SQLite's `integrity_check` (the file's structure: pages, indexes, constraints) and, when
 * the structure is sound, `foreign_key_check` (rows whose parent is gone). Reading only: the store
 * is left as it was. The references of a damaged file mean little, and reading them may fail.
 * SQLite only: a PostgreSQL server enforces its constraints on every write and has its own tools
 * for its pages (`pg_amcheck`), so on PostgreSQL this fails with a message that says so.
 */
export const checkStoreIntegrity: Effect.Effect<IntegrityReport, StoreError, Store> = Effect.gen(function* () {
  const { path, dialect } = yield* Store
  if (dialect === "postgres") return yield* new StoreError({ reason: integrityNotOnPostgres(path), fault: "query" })
  const structure = yield* integrityProblems
  const problems = structure.length > 0 ? structure : yield* foreignKeyProblems
  return { path, ok: problems.length === 0, problems }
})
