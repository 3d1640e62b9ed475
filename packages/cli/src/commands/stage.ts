import { Command, Options } from "@effect/cli"
import type { StoreError, StoreFault } from "@liner/core"
import type { StageError } from "@liner/pipeline-hook"
import { Effect, Option } from "effect"
import { exitWith } from "../errors.js"
import type { ExitCode } from "../exit-code.js"
import { soundtrackLayer } from "../layers.js"
import { printErr, printJson } from "../output.js"
import { jsonOption } from "./soundtrack.js"

const jobDir = Options.directory("job-dir", { exists: "either" }).pipe(Options.withPseudoName("DIR"), Options.withDescription("the job directory of the host pipeline"))
const out = (what: string) => Options.text("out").pipe(Options.withPseudoName("NAME"), Options.withDescription(`the output folder inside the job (default: ${what})`), Options.optional)

// The stages (and the tokenizer's ranks they carry) load only when a stage runs: start-up time.
const pipelineHook = Effect.promise(() => import("@liner/pipeline-hook"))

const stageErrorTags = new Set(["JobDirUnusable", "MalformedJobFile", "NoFilmInJob", "PathOutsideJob", "InvalidStageOptions", "StageIoFailure"])

/** A store fault as the stage contract says it: 75 a lock a later run may not meet, 1 a bug, 2 a database to fix. */
const storeFaultStatus = (fault: StoreFault): ExitCode => (fault === "locked" ? 75 : fault === "query" ? 1 : 2)

/**
 * A stage that stopped: its message and the contract's status — 2 for an unusable job, options,
 * configuration or database, 75 for a store locked by another process, 1 for anything else (the
 * host treats 1 as "the stage broke").
 */
const stageFailed = (exitCodeForError: (error: StageError) => number, error: { readonly _tag: string; readonly message: string }) =>
  stageErrorTags.has(error._tag)
    ? exitWith(exitCodeForError(error as StageError) as ExitCode, error.message)
    : error._tag === "ConfigError"
      ? exitWith(2, `bad configuration: ${String(error)}`)
      : error._tag === "StoreError"
        ? exitWith(storeFaultStatus((error as StoreError).fault), error.message)
        : exitWith(1, error.message)

const soundtrackStage = Command.make(
  "soundtrack",
  {
    jobDir,
    title: Options.text("title").pipe(Options.withPseudoName("TITLE"), Options.withDescription("the film's title (default: found in the job)"), Options.optional),
    year: Options.text("year").pipe(Options.withPseudoName("YYYY"), Options.withDescription("the film's release year, an integer such as 2008"), Options.optional),
    imdb: Options.text("imdb").pipe(Options.withPseudoName("ttNNNNNNN"), Options.withDescription("the film's IMDb id (tt0473367)"), Options.optional),
    out: out("soundtrack"),
    tokenBudget: Options.integer("token-budget").pipe(Options.withPseudoName("N"), Options.withDescription("tokens allowed for hotwords and for the initial prompt (default 223)"), Options.optional),
    json: jsonOption
  },
  (flags) =>
    Effect.gen(function* () {
      const { exitCodeForError, runSoundtrackStage } = yield* pipelineHook
      const result = yield* runSoundtrackStage({
        jobDir: flags.jobDir,
        ...Option.match(flags.title, { onNone: () => ({}), onSome: (title) => ({ title }) }),
        ...Option.match(flags.year, { onNone: () => ({}), onSome: (year) => ({ year }) }),
        ...Option.match(flags.imdb, { onNone: () => ({}), onSome: (imdbId) => ({ imdbId }) }),
        ...Option.match(flags.out, { onNone: () => ({}), onSome: (o) => ({ out: o }) }),
        ...Option.match(flags.tokenBudget, { onNone: () => ({}), onSome: (tokenBudget) => ({ tokenBudget }) })
      }).pipe(
        Effect.provide(soundtrackLayer),
        Effect.catchAll((error) => Effect.fail(stageFailed(exitCodeForError, error)))
      )
      const songs = result.soundtrack.tracks.length
      if (flags.json) yield* printJson(JSON.stringify(result.statusFile, null, 2))
      else
        yield* printErr(
          `soundtrack stage: ${result.status}${result.reused ? " (outputs unchanged, no lookup)" : ""} — ${result.film.query.title ?? result.film.query.imdbId}` +
            `${songs > 0 ? `, ${songs} songs from ${result.soundtrack.source}` : ""} → ${result.outDir}`
        )
      if (result.exitCode !== 0) return yield* exitWith(result.exitCode as ExitCode, result.statusFile.reason ?? undefined)
    })
).pipe(Command.withDescription("Stage 1 of a transcription job: find the film's soundtrack, write soundtrack.json, vocabulary.json and status.json. Exit 0 done, 75 retry later, 2 unusable job, 1 internal error."))

const songsStage = Command.make(
  "songs",
  {
    jobDir,
    segments: Options.text("segments").pipe(Options.withPseudoName("PATH"), Options.withDescription("the ASR segments file, relative to the job (default: 06_asr/segments.json…)"), Options.optional),
    out: out("songs"),
    srt: Options.boolean("srt").pipe(Options.withDescription("also write subtitles with sung lines as <i>♪ text ♪</i>")),
    json: jsonOption
  },
  (flags) =>
    Effect.gen(function* () {
      const { exitCodeForError, runSongsStage } = yield* pipelineHook
      const result = yield* runSongsStage({
        jobDir: flags.jobDir,
        srt: flags.srt,
        ...Option.match(flags.segments, { onNone: () => ({}), onSome: (segments) => ({ segments }) }),
        ...Option.match(flags.out, { onNone: () => ({}), onSome: (o) => ({ out: o }) })
      }).pipe(Effect.catchAll((error) => Effect.fail(stageFailed(exitCodeForError, error))))
      if (flags.json) yield* printJson(JSON.stringify(result.statusFile, null, 2))
      else yield* printErr(`songs stage: ${result.status} — ${result.regions.length} sung passages, ${result.lyricSegments} segments marked → ${result.outDir}`)
      if (result.exitCode !== 0) return yield* exitWith(result.exitCode as ExitCode, result.statusFile.reason ?? undefined)
    })
).pipe(Command.withDescription("Stage 2 of a transcription job: mark sung passages in the ASR segments (and, with --srt, the subtitles)."))

export const stageCommand = Command.make("stage").pipe(
  Command.withDescription("Liner as a stage of a WhisperX-style transcription job (the host pipeline's job directory)."),
  Command.withSubcommands([soundtrackStage, songsStage])
)
