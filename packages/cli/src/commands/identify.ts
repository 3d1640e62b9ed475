/**
 * `liner identify` (contracts/identify.md): who made the unknown tracks of the DJ sets in the
 * store, and `liner identify train`. Identification (and the linkage engine with DuckDB under it)
 * loads only when one of these commands runs: start-up time of every other command.
 */
import { Command, Options } from "@effect/cli"
import { isUnknownArtist } from "@liner/core"
import type { Identifier, IdentifyOutcome, IdentifyStatus } from "@liner/identify"
import { Songstats, songstatsClient } from "@liner/providers"
import { Clock, Effect, Option } from "effect"
import { writeFile } from "node:fs/promises"
import { makeProgress } from "../batch/progress.js"
import { ExitCode, exitWith, usage } from "../errors.js"
import { printErr, printJson, printOut } from "../output.js"
import { renderTable } from "../render/table.js"
import { excerpt, hasControlCharacters } from "../terminal-safe.js"
import { jsonOption } from "./soundtrack.js"

const identifyPackage = Effect.promise(() => import("@liner/identify"))

const nowIso = Clock.currentTimeMillis.pipe(Effect.map((ms) => new Date(ms).toISOString()))

/** "Nothing to learn from" is the store's state, not a bug: the message says what to do (exit 2). */
const asUsage = <A, E extends { readonly _tag: string; readonly message: string }, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.catchIf(
    effect,
    (error): error is E & { readonly _tag: "NothingToTrainOn" } => error._tag === "NothingToTrainOn",
    (error) => Effect.fail(usage(error.message))
  )

/**
 * The store read and the model ready (trained first when the store has none), with Songstats as
 * evidence when it is configured. Shared by `liner identify` and `liner queue run`.
 */
export const makeCliIdentifier = (minOccurrences?: number) =>
  Effect.gen(function* () {
    const { makeIdentifier } = yield* identifyPackage
    const songstats = yield* songstatsClient.pipe(Effect.provide(Songstats.live))
    return yield* makeIdentifier({ songstats, minOccurrences, onTraining: (message) => printErr(`liner: ${message}`) })
  })

// ---------------------------------------------------------------------------------------------
// How answers read for people

const round = (n: number) => n.toFixed(2)

const trackName = (outcome: IdentifyOutcome): string => {
  const { track } = outcome.answer
  return track.key === null ? `"${track.title}"` : `${track.key} "${track.title}"`
}

const answerText = (outcome: IdentifyOutcome): string => {
  const { track, status, guesses } = outcome.answer
  const lines = [`${trackName(outcome)}: ${track.occurrences} play${track.occurrences === 1 ? "" : "s"} in ${track.sets.length} set${track.sets.length === 1 ? "" : "s"}${track.djs.length > 0 ? ` (${track.djs.join(", ")})` : ""}`]
  const best = guesses[0]
  switch (status) {
    case "identified":
      lines.push(`identified: ${best?.artist ?? ""} (probability ${round(best?.probability ?? 0)}, ${best?.confidence ?? ""})`)
      break
    case "ambiguous":
      lines.push(`ambiguous: ${guesses.map((g) => `${g.artist} (${round(g.probability)})`).join(", ")} — none asserted`)
      break
    case "insufficient":
      lines.push(track.occurrences === 0 ? "insufficient: the sets in the store never play it" : "insufficient: too few plays, or no candidate, to say who made it")
      break
    case "not_found":
      lines.push(`not found${guesses.length > 0 ? `: the likeliest, ${guesses.map((g) => `${g.artist} (${round(g.probability)})`).join(", ")}, are unlikely` : ""}`)
  }
  for (const guess of status === "identified" ? guesses.slice(0, 1) : guesses) {
    if (status !== "identified") lines.push(`${guess.artist}:`)
    for (const sentence of guess.evidence) lines.push(`  - ${sentence}`)
    if (guess.explanation.length > 0) {
      lines.push(
        renderTable(
          ["Feature", "Level", "Bayes factor", "Weight"],
          guess.explanation.map((e) => [e.feature, e.level, e.bayesFactor.toPrecision(3), e.weight.toFixed(2)]),
          60
        )
          .split("\n")
          .map((line) => `  ${line}`)
          .join("\n")
      )
    }
  }
  return lines.join("\n")
}

const lineText = (outcome: IdentifyOutcome): string => {
  const best = outcome.answer.guesses[0]
  const guess = outcome.answer.status === "identified" || outcome.answer.status === "ambiguous" ? ` → ${outcome.answer.guesses.map((g) => `${g.artist} (${round(g.probability)})`).slice(0, outcome.answer.status === "identified" ? 1 : 3).join(", ")}` : ""
  const plays = outcome.answer.track.occurrences
  return `${outcome.answer.status.padEnd(12)} ${trackName(outcome)} (${plays} play${plays === 1 ? "" : "s"})${best === undefined ? "" : guess}`
}

const summaryText = (outcomes: ReadonlyArray<IdentifyOutcome>): string => {
  const count = (status: IdentifyStatus) => outcomes.filter((o) => o.answer.status === status).length
  const byConfidence = (status: IdentifyStatus) => {
    const bands = new Map<string, number>()
    for (const o of outcomes) if (o.answer.status === status && o.answer.guesses[0] !== undefined) bands.set(o.answer.guesses[0].confidence, (bands.get(o.answer.guesses[0].confidence) ?? 0) + 1)
    return bands.size === 0 ? "" : ` (best guess ${[...bands.entries()].map(([band, n]) => `${band} ${n}`).join(", ")})`
  }
  const known = outcomes.filter((o) => o.known).length
  return [
    `${outcomes.length} unknown track${outcomes.length === 1 ? "" : "s"}: identified ${count("identified")}${byConfidence("identified")}`,
    `ambiguous ${count("ambiguous")}${byConfidence("ambiguous")}`,
    `not found ${count("not_found")}`,
    `insufficient ${count("insufficient")}${known > 0 ? ` · ${known} known from the store` : ""}`
  ].join(" · ")
}

// ---------------------------------------------------------------------------------------------
// liner identify train

const trainCommand = Command.make(
  "train",
  {
    out: Options.file("out").pipe(Options.withPseudoName("FILE"), Options.withDescription("also write the model to FILE (splink's model JSON; liner linkage explain --model FILE reads it)"), Options.optional),
    json: jsonOption
  },
  (flags) =>
    asUsage(
      Effect.gen(function* () {
        const { readPlayIndex, saveTrainedModel, trainIdentifyModel } = yield* identifyPackage
        const trained = yield* trainIdentifyModel(yield* readPlayIndex())
        yield* saveTrainedModel(trained)
        if (Option.isSome(flags.out)) {
          const path = flags.out.value
          yield* Effect.tryPromise({ try: () => writeFile(path, `${JSON.stringify(trained.settings, null, 2)}\n`), catch: (error) => usage(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`) })
        }
        if (flags.json) {
          return yield* printJson(
            JSON.stringify({ model: trained.settings, trainedAt: trained.trainedAt, pairs: trained.pairs, tracks: trained.tracks, sessions: trained.report.sessions, steps: trained.report.steps }, null, 2)
          )
        }
        const rows = trained.settings.comparisons.flatMap((c) =>
          c.comparison_levels
            .filter((l) => l.is_null_level !== true && l.m_probability !== undefined && l.u_probability !== undefined)
            .map((l) => [c.output_column_name, l.label_for_charts ?? l.sql_condition, (l.m_probability ?? 0).toPrecision(3), (l.u_probability ?? 0).toPrecision(3), Math.log2((l.m_probability ?? 0) / (l.u_probability ?? 1)).toFixed(2)])
        )
        yield* printOut(renderTable(["Feature", "Level", "m", "u", "Weight"], rows, 60))
        yield* printErr(
          `trained on ${trained.pairs} candidate pairs of ${trained.tracks} unknown tracks; kept in the store${Option.isSome(flags.out) ? ` and written to ${flags.out.value}` : ""}`
        )
      })
    )
).pipe(Command.withDescription("Train the identification model by EM on every candidate pair of the store's unknown tracks, and keep it in the store."))

// ---------------------------------------------------------------------------------------------
// liner identify

const optionalText = (name: string, pseudo: string, description: string) =>
  Options.text(name).pipe(Options.withPseudoName(pseudo), Options.withDescription(description), Options.optional)

const present = (text: Option.Option<string>): string | undefined => {
  const trimmed = Option.getOrUndefined(text)?.replace(/\s+/g, " ").trim()
  return trimmed === undefined || trimmed === "" ? undefined : trimmed
}

const identifyOptions = {
  trackKey: optionalText("track-key", "KEY", "the source's own id of the unknown track (its track_key)"),
  title: optionalText("title", "TITLE", "the unknown track's title, as the tracklists show it with an unknown artist"),
  artist: optionalText("artist", "ARTIST", "with --title: the artist as the tracklists show it (ID, Unknown Artist…)"),
  all: Options.boolean("all").pipe(Options.withDescription("every unknown track of the store: one line each (one JSON line with --json) and a summary")),
  minOccurrences: Options.integer("min-occurrences").pipe(Options.withPseudoName("N"), Options.withDescription("tracks played fewer times are insufficient (default 2)"), Options.optional),
  json: Options.boolean("json").pipe(Options.withDescription("print one JSON document (one JSON line per track with --all) on standard output and nothing else"))
}

export const exitOf = (outcome: IdentifyOutcome): ExitCode =>
  outcome.answer.status === "identified" ? ExitCode.ok : outcome.sourceFailed ? ExitCode.unavailable : ExitCode.notFound

/**
 * One unknown track answered, its answer recorded (an identified artist closes its queue item):
 * `liner identify --track-key K` and `GET /identify`. `None` when the query names no track.
 */
export const identifyTrack = (identifier: Identifier, query: { readonly trackKey?: string | undefined; readonly title?: string | undefined }) =>
  Effect.gen(function* () {
    const { queryGroupKey, recordFeedback } = yield* identifyPackage
    const groupKey = queryGroupKey(query)
    if (groupKey === null) return Option.none<IdentifyOutcome>()
    const outcome = yield* identifier.one(groupKey, query)
    yield* recordFeedback([outcome], { now: yield* nowIso, queue: "close" })
    return Option.some(outcome)
  })

const identifyOne = (identifier: Identifier, query: { readonly trackKey?: string | undefined; readonly title?: string | undefined }, json: boolean) =>
  Effect.gen(function* () {
    const found = yield* identifyTrack(identifier, query)
    if (Option.isNone(found)) return yield* usage("give the unknown track's --track-key or --title, or --all")
    const outcome = found.value
    yield* json ? printJson(JSON.stringify(outcome.answer)) : printOut(answerText(outcome))
    const code = exitOf(outcome)
    if (code === ExitCode.unavailable) return yield* exitWith(code, "Songstats was unavailable: the answer may change when it answers")
    if (code !== ExitCode.ok) return yield* exitWith(code)
  })

const identifyAll = (identifier: Identifier, json: boolean) =>
  Effect.gen(function* () {
    const { recordFeedback } = yield* identifyPackage
    let progress: ReturnType<typeof makeProgress> | undefined
    const outcomes = yield* identifier.all((done, total) => {
      progress ??= makeProgress(total)
      progress.update(done, "preparing the candidates")
    })
    progress?.finish()
    for (const outcome of outcomes) yield* json ? printJson(JSON.stringify(outcome.answer)) : printOut(lineText(outcome))
    yield* recordFeedback(outcomes, { now: yield* nowIso, queue: "close-and-enter" })
    yield* printErr(summaryText(outcomes))
    const failed = outcomes.filter((o) => o.sourceFailed).length
    if (failed > 0) return yield* exitWith(ExitCode.unavailable, `Songstats was unavailable for ${failed} track${failed === 1 ? "" : "s"}: their answers may change`)
  })

/** `liner identify …` and `liner identify train`. Needs `Store`. */
export const identifyCommand = Command.make("identify", identifyOptions, (flags) =>
  asUsage(
    Effect.gen(function* () {
      const trackKey = present(flags.trackKey)
      const title = present(flags.title)
      const artist = present(flags.artist)
      const minOccurrences = Option.getOrUndefined(flags.minOccurrences)
      if (minOccurrences !== undefined && minOccurrences < 1) return yield* usage(`--min-occurrences must be 1 or more, not ${minOccurrences}`)
      const asked = [trackKey !== undefined, title !== undefined, flags.all].filter(Boolean).length
      if (asked !== 1) return yield* usage("give one of --track-key KEY, --title TITLE or --all")
      if (artist !== undefined && title === undefined) return yield* usage("--artist goes with --title")
      if ([trackKey, title, artist].some((text) => text !== undefined && hasControlCharacters(text))) return yield* usage("the track holds control characters")
      if (artist !== undefined && !isUnknownArtist(artist)) {
        return yield* usage(`"${excerpt(artist)}" names the artist already: liner identify answers tracks whose artist is unknown (ID, Unknown Artist)`)
      }
      const identifier = yield* makeCliIdentifier(minOccurrences)
      return yield* flags.all ? identifyAll(identifier, flags.json) : identifyOne(identifier, { trackKey, title }, flags.json)
    })
  )
).pipe(
  Command.withDescription(
    "Who made the unknown tracks (ID – ID) of the DJ sets in the store: guesses from the context, scored by a Fellegi–Sunter model, with evidence and an explanation. Exit 0 identified, 1 not identified, 2 bad input, 75 Songstats unavailable."
  ),
  Command.withSubcommands([trainCommand])
)
