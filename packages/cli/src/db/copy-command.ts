import { Command, Options } from "@effect/cli"
import { type CopiedTable, copyStore, displayLocation, openStore, storeSettingsFromEnv } from "@liner/core"
import { Effect } from "effect"
import { exitWith, ExitCode, usage } from "../errors.js"
import { printErr, printJson, printOut } from "../output.js"
import { renderTable } from "../render/table.js"
import { jsonOption } from "../commands/soundtrack.js"

const location = (name: "from" | "to", what: string) =>
  Options.text(name).pipe(Options.withPseudoName("URL"), Options.withDescription(`${what}: a SQLite file's path, or a postgres:// URL`))

const verdict = (t: CopiedTable): string => (t.source === t.target ? "ok" : `differs: ${t.source} in the source`)

/**
 * `liner db copy --from A --to B`: moves a store between SQLite and PostgreSQL (either way, or
 * between two of a kind). Both are opened and migrated; the target must hold no data unless
 * --force, which replaces its data; every table is copied with its ids in one transaction on the
 * target, then counted on both sides: a table whose counts differ fails the command (exit 1).
 */
export const copyCommand = Command.make(
  "copy",
  {
    from: location("from", "the store to copy"),
    to: location("to", "the store to copy into (created when a SQLite file does not exist)"),
    force: Options.boolean("force").pipe(Options.withDescription("replace the target's data when it holds some (without it, a target with data is refused)")),
    json: jsonOption
  },
  ({ from, to, force, json }) =>
    Effect.gen(function* () {
      if (from.trim() === "" || to.trim() === "") return yield* usage("--from and --to name a SQLite file or a postgres:// URL")
      if (from.trim() === to.trim()) return yield* usage(`--from and --to are the same database (${displayLocation(from)})`)
      const { options } = yield* storeSettingsFromEnv
      const tables = yield* Effect.scoped(
        Effect.gen(function* () {
          const source = yield* openStore(from, { poolSize: options.poolSize ?? 2 })
          const target = yield* openStore(to, { poolSize: options.poolSize ?? 2 })
          return yield* copyStore(source, target, { force })
        })
      ).pipe(Effect.catchTag("CopyRefusedError", (refused) => usage(refused.reason)))
      const ok = tables.every((t) => t.source === t.target)
      if (json) {
        yield* printJson(JSON.stringify({ from: displayLocation(from), to: displayLocation(to), ok, tables: tables.map((t) => ({ table: t.table, rows: t.target, ok: t.source === t.target })) }, null, 2))
      } else {
        yield* printOut(renderTable(["Table", "Rows", "Check"], tables.map((t) => [t.table, String(t.target), verdict(t)])))
      }
      const rows = tables.reduce((n, t) => n + t.target, 0)
      if (!ok) return yield* exitWith(ExitCode.notFound, `the copy into ${displayLocation(to)} does not hold what ${displayLocation(from)} holds: ${tables.filter((t) => t.source !== t.target).map((t) => t.table).join(", ")}`)
      if (!json) yield* printErr(`copied ${rows} row${rows === 1 ? "" : "s"} in ${tables.length} tables from ${displayLocation(from)} into ${displayLocation(to)}`)
    })
).pipe(Command.withDescription("Copy a whole database into another (SQLite file or postgres:// URL, either way), then check every table's row count."))
