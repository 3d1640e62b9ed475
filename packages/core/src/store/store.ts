import SqliteDatabase from "better-sqlite3"
import { Config, Context, Data, Effect, Layer, Option } from "effect"
import { Kysely, Migrator, SqliteDialect } from "kysely"
import { mkdirSync } from "node:fs"
import { homedir } from "node:os"
import { dirname, join } from "node:path"
import type { Database } from "./database.js"
import { migrationProvider } from "./migrations.js"

export class StoreError extends Data.TaggedError("StoreError")<{
  readonly reason: string
  readonly cause?: unknown
}> {
  override get message(): string {
    return this.reason
  }
}

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

/** Several pipeline workers may share the file: wait for a writer rather than fail at once. */
const busyTimeoutMs = 5000

const openSqlite = (path: string): Effect.Effect<SqliteDatabase.Database, StoreError> =>
  Effect.try({
    try: () => {
      if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true })
      const sqlite = new SqliteDatabase(path)
      try {
        sqlite.pragma("journal_mode = WAL")
        sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`)
        sqlite.pragma("foreign_keys = ON")
      } catch (error) {
        sqlite.close()
        throw error
      }
      return sqlite
    },
    catch: (cause) => new StoreError({ reason: `cannot open the database ${path}: ${describe(cause)}`, cause })
  })

const describe = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause))

const migrate = (db: Kysely<Database>, path: string): Effect.Effect<void, StoreError> =>
  Effect.tryPromise({
    try: async () => {
      const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest()
      if (error !== undefined) throw error
    },
    catch: (cause) => new StoreError({ reason: `cannot migrate the database ${path}: ${describe(cause)}`, cause })
  })

/** Opens (creating and migrating when needed) the store at `path`, closed with the scope. */
export const openStore = (path: string): Effect.Effect<StoreShape, StoreError, import("effect").Scope.Scope> =>
  Effect.acquireRelease(
    Effect.gen(function* () {
      const sqlite = yield* openSqlite(path)
      const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
      yield* migrate(db, path).pipe(Effect.tapError(() => Effect.promise(() => db.destroy())))
      return { db, path }
    }),
    ({ db }) => Effect.promise(() => db.destroy())
  )

export const StoreLayer = {
  /** The store at a given path. */
  at: (path: string): Layer.Layer<Store, StoreError> => Layer.scoped(Store, openStore(path)),
  /** The store at `LINER_DB`, else the XDG default. */
  fromEnv: Layer.scoped(
    Store,
    Effect.gen(function* () {
      const configured = yield* Config.option(Config.nonEmptyString("LINER_DB")).pipe(Effect.orDie)
      return yield* openStore(Option.getOrElse(configured, () => defaultStorePath()))
    })
  )
}

/** Runs a kysely query against the store, turning a rejected promise into a StoreError. */
export const withDb = <A>(
  what: string,
  run: (db: Kysely<Database>) => Promise<A>
): Effect.Effect<A, StoreError, Store> =>
  Effect.flatMap(Store, ({ db }) =>
    Effect.tryPromise({
      try: () => run(db),
      catch: (cause) => new StoreError({ reason: `${what}: ${describe(cause)}`, cause })
    })
  )
