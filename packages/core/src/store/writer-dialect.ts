import { CompiledQuery, type DatabaseConnection, type Driver, SqliteDialect, type SqliteDialectConfig, SqliteDriver } from "kysely"

/** Starts every transaction as a writer: `begin immediate` instead of kysely's `begin`. */
class WriterSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"))
  }
}

/**
 * SQLite through kysely, with transactions that take the write lock when they begin. Every
 * transaction of the store writes, and one that began with a plain `begin` reads first: when it
 * then wants to write while another process holds the lock, SQLite fails it at once (SQLITE_BUSY,
 * its snapshot may be stale) instead of waiting the busy timeout. `begin immediate` waits for the
 * lock up front, like any single statement, so workers sharing the file queue up instead of failing.
 */
export class WriterSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig

  constructor(config: SqliteDialectConfig) {
    super(config)
    this.#config = config
  }

  override createDriver(): Driver {
    return new WriterSqliteDriver(this.#config)
  }
}
