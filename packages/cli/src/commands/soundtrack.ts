import { Args, Command, Options } from "@effect/cli"
import { SoundtrackFinder, type SoundtrackResult } from "@liner/core"
import { Effect, Option } from "effect"
import { runBatch } from "../batch/soundtrack-batch.js"
import { ExitCode, exitWith, usage } from "../errors.js"
import { filmQueryOrFail } from "../film-query-input.js"
import { soundtrackLayer } from "../layers.js"
import { printErr, printJson, printOut } from "../output.js"
import { renderSoundtrack } from "../render/soundtrack-text.js"

const titleArg = Args.text({ name: "TITLE" }).pipe(Args.withDescription("the film's title (or use --title)"), Args.optional)
const title = Options.text("title").pipe(Options.withPseudoName("TITLE"), Options.withDescription("the film's title"), Options.optional)
const year = Options.text("year").pipe(Options.withPseudoName("YYYY"), Options.withDescription("the film's release year, an integer such as 2008: evidence when titles are alike"), Options.optional)
const imdb = Options.text("imdb").pipe(Options.withPseudoName("ttNNNNNNN"), Options.withDescription("the film's IMDb id, tt followed by 7 to 9 digits (tt0473367)"), Options.optional)
export const jsonOption = Options.boolean("json").pipe(Options.withDescription("print one JSON document on standard output and nothing else"))
const offline = Options.boolean("offline").pipe(Options.withDescription("use only the local store: no network"))
const refresh = Options.boolean("refresh").pipe(Options.withDescription("ignore cached answers (pinned entries still win)"))
const batch = Options.file("batch").pipe(
  Options.withPseudoName("FILE"),
  Options.withDescription("look up every film of a CSV (title,year,imdb) or JSON-lines file; answered films are not asked again"),
  Options.optional
)

export const exitCodeOf = (result: SoundtrackResult): ExitCode =>
  result.status === "found" ? ExitCode.ok : result.status === "not_found" ? ExitCode.notFound : ExitCode.unavailable

/** Tiers that failed are worth a line on standard error, even when another tier answered. */
export const warnFailedTiers = (result: SoundtrackResult) =>
  Effect.forEach(
    result.attempts.filter((a) => a.outcome === "failed"),
    (a) => printErr(`liner: ${a.tier} ${a.kind === "unreachable" ? "is unreachable" : "failed"}: ${a.detail ?? "no detail"}`),
    { discard: true }
  )

export const soundtrackCommand = Command.make(
  "soundtrack",
  { titleArg, title, year, imdb, json: jsonOption, offline, refresh, batch },
  (flags) =>
    Effect.gen(function* () {
      const options = { offline: flags.offline, refresh: flags.refresh }
      if (Option.isSome(flags.batch)) {
        if (Option.isSome(flags.titleArg) || Option.isSome(flags.title) || Option.isSome(flags.imdb) || Option.isSome(flags.year))
          return yield* usage("--batch reads the films from the file: give no title, --year or --imdb with it")
        return yield* runBatch(flags.batch.value, { json: flags.json, ...options }).pipe(Effect.provide(soundtrackLayer))
      }
      if (Option.isSome(flags.titleArg) && Option.isSome(flags.title))
        return yield* usage("give the title once: as an argument or with --title")
      const query = yield* filmQueryOrFail({
        title: Option.getOrUndefined(Option.orElse(flags.title, () => flags.titleArg)),
        year: Option.getOrUndefined(flags.year),
        imdb: Option.getOrUndefined(flags.imdb)
      })
      // The store opens only once the input is known to be good.
      const result = yield* Effect.flatMap(SoundtrackFinder, (finder) => finder.find(query, options)).pipe(Effect.provide(soundtrackLayer))
      yield* warnFailedTiers(result)
      yield* (flags.json ? printJson(JSON.stringify(result, null, 2)) : printOut(renderSoundtrack(result)))
      const code = exitCodeOf(result)
      if (code !== ExitCode.ok) return yield* exitWith(code)
    })
).pipe(
  Command.withDescription(
    "Find a film's soundtrack: songs, singers, composers, lyricists, durations. Exit 0 found, 1 not found, 2 bad input, 75 unavailable (try later)."
  )
)
