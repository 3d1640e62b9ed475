import { Args, Command, Options } from "@effect/cli"
import { LabelFinder, type LabelResult, type Store } from "@liner/core"
import { labelFinderLive } from "@liner/providers"
import { type ConfigError, Effect, Layer, Option } from "effect"
import { runLabelBatch } from "../batch/label-batch.js"
import { ExitCode, exitWith, usage } from "../errors.js"
import { labelQueryOrFail } from "../label-query-input.js"
import { printErr, printJson, printOut } from "../output.js"
import { renderLabel } from "../render/label-text.js"

const titleArg = Args.text({ name: "TITLE" }).pipe(Args.withDescription("the track's title as listed, e.g. \"Velvet Static (Extended Mix)\""), Args.optional)
const artist = Options.text("artist").pipe(Options.withPseudoName("ARTIST"), Options.withDescription("the track's artist credit, e.g. \"Mara Lindqvist & Henrik Bäcklund\""), Options.optional)
const labelKnown = Options.text("label-known").pipe(
  Options.withPseudoName("LABEL"),
  Options.withDescription("the label the track already carries: it is echoed and not looked up (unless --force)"),
  Options.optional
)
const scrape = Options.boolean("scrape").pipe(Options.withDescription("also search the stores (Beatport, Juno Download, Traxsource): slow, last resort"))
const force = Options.boolean("force").pipe(Options.withDescription("look the label up even when the track already carries one"))
const json = Options.boolean("json").pipe(Options.withDescription("print one JSON document on standard output and nothing else (one line per track with --batch)"))
const batch = Options.file("batch").pipe(
  Options.withPseudoName("FILE"),
  Options.withDescription("look up every track of a CSV (title,artist,label) or JSON-lines file; answered tracks are not asked again"),
  Options.optional
)

/** 0 found (or already known), 1 not found, 75 unavailable or blocked: try later. */
export const labelExitCode = (result: LabelResult): ExitCode => {
  switch (result.status) {
    case "found":
    case "skipped":
      return ExitCode.ok
    case "not_found":
      return ExitCode.notFound
    case "unavailable":
    case "blocked":
      return ExitCode.unavailable
  }
}

/** Tiers that failed are worth a line on standard error, even when another tier answered. */
const warnFailedTiers = (result: LabelResult) =>
  Effect.forEach(
    result.attempts.filter((a) => a.outcome === "failed"),
    (a) => printErr(`liner: ${a.tier} failed: ${a.detail ?? "no detail"}`),
    { discard: true }
  )

/**
 * `liner label TITLE [--artist A] [--label-known L] [--scrape] [--force] [--json]` and
 * `liner label --batch FILE`. Needs `LabelFinder` and `Store` (the batch journal).
 */
export const labelCommand = Command.make("label", { titleArg, artist, labelKnown, scrape, force, json, batch }, (flags) =>
  Effect.gen(function* () {
    const options = { scrape: flags.scrape, force: flags.force }
    if (Option.isSome(flags.batch)) {
      if (Option.isSome(flags.titleArg) || Option.isSome(flags.artist) || Option.isSome(flags.labelKnown))
        return yield* usage("--batch reads the tracks from the file: give no title, --artist or --label-known with it")
      return yield* runLabelBatch(flags.batch.value, { json: flags.json, ...options })
    }
    const query = yield* labelQueryOrFail({
      title: Option.getOrUndefined(flags.titleArg),
      artist: Option.getOrUndefined(flags.artist),
      labelKnown: Option.getOrUndefined(flags.labelKnown)
    })
    const finder = yield* LabelFinder
    const result = yield* finder.find(query, options)
    yield* warnFailedTiers(result)
    yield* (flags.json ? printJson(JSON.stringify(result, null, 2)) : printOut(renderLabel(result)))
    const code = labelExitCode(result)
    if (code !== ExitCode.ok) return yield* exitWith(code)
  })
).pipe(
  Command.withDescription(
    "Find a DJ track's label: from its title, what Liner learned, MusicBrainz, then (with --scrape) the stores. Exit 0 found, 1 not found, 2 bad input, 75 unavailable or blocked (try later)."
  )
)

/**
 * The cascade `labelCommand` needs, from the environment (needs `Store` besides). The store
 * scrapers are loaded only for `--scrape`: without it Crawlee is never even imported.
 * Wire with `labelCommand.pipe(Command.provide((flags) => labelLayer(flags).pipe(Layer.provideMerge(storeLayer))))`.
 */
export const labelLayer = (flags: { readonly scrape: boolean }): Layer.Layer<LabelFinder, ConfigError.ConfigError, Store> =>
  flags.scrape
    ? Layer.unwrapEffect(
        Effect.promise(() => import("@liner/scrapers")).pipe(
          Effect.map(({ StoreScrapers, StoreScrapersLive }) =>
            Layer.unwrapEffect(Effect.map(StoreScrapers, (scrapers) => labelFinderLive(scrapers.tiers))).pipe(Layer.provide(StoreScrapersLive))
          )
        )
      )
    : labelFinderLive()
