import { Command } from "@effect/cli"
import { Effect } from "effect"
import { exitWith } from "../errors.js"
import { ExitCode } from "../exit-code.js"
import { printJson, printOut } from "../output.js"
import { renderTable } from "../render/table.js"
import { jsonOption } from "./soundtrack.js"

interface SiteCheck {
  readonly site: string
  readonly status: "ok" | "blocked" | "changed" | "unavailable"
  readonly detail: string
}

/** Exit 0 when every site works; 1 when a site changed its pages (the parser needs a fix); 75 when a site is blocking us or down. */
export const scrapeCheckExitCode = (checks: ReadonlyArray<SiteCheck>): ExitCode =>
  checks.some((c) => c.status === "changed") ? ExitCode.notFound : checks.some((c) => c.status !== "ok") ? ExitCode.unavailable : ExitCode.ok

const checkCommand = Command.make("check", { json: jsonOption }, ({ json }) =>
  Effect.gen(function* () {
    // The scrapers (and Crawlee) load only for commands that scrape.
    const { scrapeCheck, StoreScrapersLive } = yield* Effect.promise(() => import("@liner/scrapers"))
    const checks = yield* scrapeCheck.pipe(Effect.provide(StoreScrapersLive))
    yield* (json ? printJson(JSON.stringify(checks, null, 2)) : printOut(renderTable(["Site", "Status", "Detail"], checks.map((c) => [c.site, c.status, c.detail]), 100)))
    const code = scrapeCheckExitCode(checks)
    if (code !== ExitCode.ok) return yield* exitWith(code)
  })
).pipe(
  Command.withDescription(
    "Check that label extraction still works on each store (ok / blocked / changed / unavailable), so a site redesign is noticed before data goes stale. Exit 0 all ok, 1 a site changed, 75 blocked or down."
  )
)

export const scrapeCommand = Command.make("scrape").pipe(
  Command.withDescription("The opt-in store scrapers (Beatport, Juno Download, Traxsource)."),
  Command.withSubcommands([checkCommand])
)
