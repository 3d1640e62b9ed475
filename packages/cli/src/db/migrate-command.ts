import { Command } from "@effect/cli"
import { openStore, runStoreMigrations, Store, storeMigrationNames, storeSettingsFromEnv } from "@liner/core"
import { Effect } from "effect"
import { printJson, printOut } from "../output.js"
import { jsonOption } from "../commands/soundtrack.js"

/**
 * `liner db migrate`: runs the migrations LINER_DB's store has not run yet and says which. Every
 * command migrates the store it opens; this does it on purpose (before starting workers, or after
 * an upgrade) and tells what it did.
 */
export const migrateCommand = Command.make("migrate", { json: jsonOption }, ({ json }) =>
  Effect.gen(function* () {
    const { location, options } = yield* storeSettingsFromEnv
    const { path, dialect, ran } = yield* Effect.scoped(
      Effect.gen(function* () {
        const store = yield* openStore(location, { ...options, migrate: false })
        const ran = yield* runStoreMigrations.pipe(Effect.provideService(Store, store))
        return { path: store.path, dialect: store.dialect, ran }
      })
    )
    const total = (yield* storeMigrationNames).length
    if (json) return yield* printJson(JSON.stringify({ database: path, dialect, ran, migrations: total }, null, 2))
    yield* printOut([...ran.map((name) => `ran ${name}`), `the database ${path} is up to date (${total} migrations, ${ran.length} run now)`].join("\n"))
  })
).pipe(Command.withDescription("Run the database's pending migrations (LINER_DB: a SQLite file or a postgres:// URL) and list them."))
