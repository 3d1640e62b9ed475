import { type Kysely, PostgresAdapter } from "kysely"

/** The two databases the store runs on: the embedded SQLite file, or a PostgreSQL server. */
export type StoreDialect = "sqlite" | "postgres"

/**
 * The dialect behind a kysely instance (the store's, a transaction's, a migration's), for the few
 * statements that must differ: told by the adapter, so that no caller has to pass it along.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const dialectOf = (db: Kysely<any>): StoreDialect => (db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite")
