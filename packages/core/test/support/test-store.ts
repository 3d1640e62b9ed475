// The store under test: the suite runs once on SQLite files and once on PostgreSQL (the
// "postgres" project of vitest.config.ts sets LINER_TEST_STORE and starts the server).
import { createPostgresDatabase } from "@liner/testkit"
import { join } from "node:path"
import { it } from "@effect/vitest"
import { inject } from "vitest"
import type { StoreDialect } from "../../src/store/dialect.js"

export const testDialect: StoreDialect = process.env["LINER_TEST_STORE"] === "postgres" ? "postgres" : "sqlite"

/** A fresh, empty store's location for the dialect under test: `dir/liner.db`, or a new database on the test server. */
export const freshStoreLocation = (dir: string, file = "liner.db"): string =>
  testDialect === "postgres" ? createPostgresDatabase(inject("linerPostgres")) : join(dir, file)

/**
 * `it`, for a test of what only SQLite has (its file, WAL, FTS5's vocabulary, a file that is not
 * a database): defined in the SQLite run, absent from the PostgreSQL one (not skipped: there is
 * nothing there to test).
 */
export const itOnSqlite: typeof it =
  testDialect === "sqlite" ? it : (Object.assign(() => undefined, { effect: () => undefined, scoped: () => undefined, live: () => undefined }) as unknown as typeof it)
