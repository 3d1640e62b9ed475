import SqliteDatabase from "better-sqlite3"
import { Config, Context, Effect, Layer, Option, type Scope } from "effect"
import { Kysely, Migrator, sql } from "kysely"
import { homedir } from "node:os"
import { dirname, join } from "node:path"
import type { Database } from "./database.js"
import type { StoreDialect } from "./dialect.js"
import { makeDirectory } from "./make-dir.js"
import { migrationProvider } from "./migrations.js"
import { storeBusyTimeoutMs, StoreError, storeErrorOf } from "./store-fault.js"
import { displayLocation, isPostgresLocation, withoutPassword } from "./store-location.js"
import { WriterSqliteDialect } from "./writer-dialect.js"

export { StoreError }
export type { StoreDialect }

export interface StoreShape {
  readonly db: Kysely<Database>
  /**
   * Where the store is, as it may be shown: the SQLite file, or the PostgreSQL URL with `***`
   * for its password. Every message names the store by this.
   */
  readonly path: string
  /** Which database it is, for the few statements that differ (see dialect.ts). */
  readonly dialect: StoreDialect
}

/** Liner's database behind kysely, migrated when opened: a SQLite file (the default) or a PostgreSQL server. */
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
  /** PostgreSQL only: how many connections the pool holds (default 5). */
  readonly poolSize?: number
  /** Whether opening runs the migrations not yet run (default true; `liner db migrate` runs them itself). */
  readonly migrate?: boolean
}

/** `LINER_DB_POOL`'s default. */
export const defaultPoolSize = 5

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

/** A PostgreSQL pool behind kysely; SQLite's pragmas and LINER_DB_MAX_MB mean nothing there. */
const openPostgres = (url: string, options: StoreOptions): Effect.Effect<Kysely<Database>, StoreError> => {
  const shown = displayLocation(url)
  return Effect.tryPromise({
    try: async () => (await import("./postgres-pool.js")).openPostgresDb(url.trim(), options.poolSize ?? defaultPoolSize),
    catch: (cause) => storeErrorOf(cause, { path: shown, doing: `cannot open the database ${shown}`, opening: true })
  }).pipe(Effect.mapError((error) => new StoreError({ reason: withoutPassword(url, error.reason), fault: error.fault, cause: error.cause })))
}

/**
 * Runs the migrations the open store has not run yet, in order, and returns their names (none
 * when it is up to date). Several processes may do this at once: the Migrator takes a lock.
 */
export const runStoreMigrations: Effect.Effect<ReadonlyArray<string>, StoreError, Store> = Effect.flatMap(Store, ({ db, path }) =>
  Effect.tryPromise({
    try: async () => {
      const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest()
      if (error !== undefined) throw error
      return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName)
    },
    catch: (cause) => storeErrorOf(cause, { path, doing: `cannot migrate the database ${path}`, opening: true })
  })
)

/** The names of every migration this Liner knows, in order. */
export const storeMigrationNames: Effect.Effect<ReadonlyArray<string>> = Effect.promise(async () => Object.keys(await migrationProvider.getMigrations()).sort())

/**
 * Opens (creating and migrating when needed) the store at `location`, closed with the scope: a
 * PostgreSQL URL (`postgres://…`, `postgresql://…`) or else a SQLite file.
 */
export const openStore = (location: string, options: StoreOptions = {}): Effect.Effect<StoreShape, StoreError, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.gen(function* () {
      const dialect: StoreDialect = isPostgresLocation(location) ? "postgres" : "sqlite"
      const path = displayLocation(location)
      const db =
        dialect === "postgres"
          ? yield* openPostgres(location, options)
          : new Kysely<Database>({ dialect: new WriterSqliteDialect({ database: yield* openSqlite(location, options) }) })
      if (options.migrate !== false) yield* migrate(db, path).pipe(Effect.tapError(() => Effect.promise(() => db.destroy())))
      return { db, path, dialect }
    }),
    ({ db }) => Effect.promise(() => db.destroy())
  )

/** `LINER_DB_MAX_MB`: a whole number of megabytes, 1 or more. */
const maxSizeMbConfig = Config.option(
  Config.integer("LINER_DB_MAX_MB").pipe(Config.validate({ message: "expected a whole number of megabytes, 1 or more", validation: (mb) => mb >= 1 }))
)

/** `LINER_DB_POOL`: how many connections a PostgreSQL store holds, a whole number, 1 or more. */
const poolSizeConfig = Config.option(
  Config.integer("LINER_DB_POOL").pipe(Config.validate({ message: "expected a whole number of connections, 1 or more", validation: (n) => n >= 1 }))
)

/** Where `LINER_DB` puts the store (else the XDG default file), and the options its settings give. */
export const storeSettingsFromEnv = Effect.gen(function* () {
  const configured = yield* Config.option(Config.nonEmptyString("LINER_DB")).pipe(Effect.orDie)
  const maxSizeMb = yield* maxSizeMbConfig
  const poolSize = yield* poolSizeConfig
  const options: StoreOptions = {
    ...Option.match(maxSizeMb, { onNone: () => ({}), onSome: (mb) => ({ maxSizeMb: mb }) }),
    ...Option.match(poolSize, { onNone: () => ({}), onSome: (n) => ({ poolSize: n }) })
  }
  return { location: Option.getOrElse(configured, () => defaultStorePath()), options }
})

export const StoreLayer = {
  /** The store at a given location: a SQLite file, or a PostgreSQL URL. */
  at: (path: string, options: StoreOptions = {}): Layer.Layer<Store, StoreError> => Layer.scoped(Store, openStore(path, options)),
  /**
   * The store at `LINER_DB` (a SQLite file, or a PostgreSQL URL with a pool of `LINER_DB_POOL`
   * connections), else the XDG default SQLite file, no larger than `LINER_DB_MAX_MB` when set
   * (SQLite only: PostgreSQL's size is the server's business).
   */
  fromEnv: Layer.scoped(
    Store,
    Effect.gen(function* () {
      const { location, options } = yield* storeSettingsFromEnv
      return yield* openStore(location, options)
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
