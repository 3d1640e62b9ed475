import SqliteDatabase from "better-sqlite3"
import { Config, Context, Effect, Layer, Option, type Scope } from "effect"
import { Kysely, Migrator, sql } from "kysely"
import { homedir } from "node:os"
import { dirname, join } from "node:path"
import type { Database } from "./database.js"
import { makeDirectory } from "./make-dir.js"
import { migrationProvider } from "./migrations.js"
import { storeBusyTimeoutMs, StoreError, storeErrorOf } from "./store-fault.js"
import { WriterSqliteDialect } from "./writer-dialect.js"

export { StoreError }

export interface StoreShape {
  readonly db: Kysely<Database>
  /** The SQLite file. */
  readonly path: string
}

/** Liner's database: one SQLite file behind kysely, migrated when opened. */
export class Store extends Context.Tag("@liner/core/Store")<Store, StoreShape>() {}

/** `$XDG_DATA_HOME/liner/liner.db`, else `~/.local/share/liner/liner.db`. */
export const defaultStorePath = (env: NodeJS.ProcessEnv = process.env): string =>
  join(env["XDG_DATA_HOME"] || join(homedir(), ".local", "share"), "liner", "liner.db")

export interface StoreOptions {
  /**
   * The most the file may grow to, in megabytes (SQLite's `max_page_count`, which holds for
   * this connection only). A write that would grow it further fails as `full` and changes
   * nothing; a file already larger stays as it is and does not grow.
   */
  readonly maxSizeMb?: number
}

const openSqlite = (path: string, options: StoreOptions): Effect.Effect<SqliteDatabase.Database, StoreError> =>
  Effect.try({
    try: () => {
      if (path !== ":memory:") makeDirectory(dirname(path))
      const sqlite = new SqliteDatabase(path)
      try {
        // First, so that even switching to WAL waits for another process's lock.
        sqlite.pragma(`busy_timeout = ${storeBusyTimeoutMs}`)
        sqlite.pragma("journal_mode = WAL")
        sqlite.pragma("foreign_keys = ON")
        if (options.maxSizeMb !== undefined) {
          const pageSize = Number(sqlite.pragma("page_size", { simple: true }))
          sqlite.pragma(`max_page_count = ${Math.max(1, Math.floor((options.maxSizeMb * 1024 * 1024) / pageSize))}`)
        }
      } catch (error) {
        sqlite.close()
        throw error
      }
      return sqlite
    },
    catch: (cause) => storeErrorOf(cause, { path, doing: `cannot open the database ${path}`, opening: true })
  })

/**
 * Whether every migration has run already: the usual case, told by one read, without the
 * Migrator's lock table, transaction and sorting (a cost paid by every command at start-up).
 */
const isUpToDate = async (db: Kysely<Database>): Promise<boolean> => {
  try {
    const { rows } = await sql<{ readonly name: string }>`select name from kysely_migration`.execute(db)
    const done = new Set(rows.map((row) => row.name))
    return Object.keys(await migrationProvider.getMigrations()).every((name) => done.has(name))
  } catch {
    return false
  }
}

const migrate = (db: Kysely<Database>, path: string): Effect.Effect<void, StoreError> =>
  Effect.tryPromise({
    try: async () => {
      if (await isUpToDate(db)) return
      const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest()
      if (error !== undefined) throw error
    },
    catch: (cause) => storeErrorOf(cause, { path, doing: `cannot migrate the database ${path}`, opening: true })
  })

/** Opens (creating and migrating when needed) the store at `path`, closed with the scope. */
export const openStore = (path: string, options: StoreOptions = {}): Effect.Effect<StoreShape, StoreError, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.gen(function* () {
      const sqlite = yield* openSqlite(path, options)
      const db = new Kysely<Database>({ dialect: new WriterSqliteDialect({ database: sqlite }) })
      yield* migrate(db, path).pipe(Effect.tapError(() => Effect.promise(() => db.destroy())))
      return { db, path }
    }),
    ({ db }) => Effect.promise(() => db.destroy())
  )

/** `LINER_DB_MAX_MB`: a whole number of megabytes, 1 or more. */
const maxSizeMbConfig = Config.option(
  Config.integer("LINER_DB_MAX_MB").pipe(Config.validate({ message: "expected a whole number of megabytes, 1 or more", validation: (mb) => mb >= 1 }))
)

export const StoreLayer = {
  /** The store at a given path. */
  at: (path: string, options: StoreOptions = {}): Layer.Layer<Store, StoreError> => Layer.scoped(Store, openStore(path, options)),
  /** The store at `LINER_DB`, else the XDG default, no larger than `LINER_DB_MAX_MB` when set. */
  fromEnv: Layer.scoped(
    Store,
    Effect.gen(function* () {
      const configured = yield* Config.option(Config.nonEmptyString("LINER_DB")).pipe(Effect.orDie)
      const maxSizeMb = yield* maxSizeMbConfig
      return yield* openStore(
        Option.getOrElse(configured, () => defaultStorePath()),
        Option.match(maxSizeMb, { onNone: () => ({}), onSome: (mb) => ({ maxSizeMb: mb }) })
      )
    })
  )
}

/** Runs a kysely query against the store, turning a rejected promise into a StoreError with its fault. */
export const withDb = <A>(
  what: string,
  run: (db: Kysely<Database>) => Promise<A>
): Effect.Effect<A, StoreError, Store> =>
  Effect.flatMap(Store, ({ db, path }) =>
    Effect.tryPromise({
      try: () => run(db),
      catch: (cause) => storeErrorOf(cause, { path, doing: what, opening: false })
    })
  )
