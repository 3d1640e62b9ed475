/**
 * Stage 1 of contracts/pipeline-job.md, `soundtrack`: finds the job's film, looks up its
 * soundtrack through `SoundtrackFinder`, and writes `<job>/<out>/soundtrack.json`,
 * `vocabulary.json` and `status.json`, plus the legacy `soundtrack` field of the host's
 * `02_tmdb/enrichment.json`. Idempotent; atomic writes; nothing written outside the job.
 */
import type { FilmQuery, SoundtrackResult } from "@liner/core"
import { emptySoundtrackResult, SoundtrackFinder, StoreLayer, type StoreError } from "@liner/core"
import { soundtrackFinderLive } from "@liner/providers"
import { type ConfigError, Effect, Either, Layer, Option } from "effect"
import { InvalidStageOptions, type StageError, type StageIoFailure } from "../errors.js"
import { exitCodeForStatus, type StageExitCode } from "../exit-code.js"
import { writeFileAtomic } from "../fs/atomic-write.js"
import { checkDirInside, ensureDirInside, openJobRoot, posixPath, relativeSegments } from "../fs/job-root.js"
import { type JobFile, jsonTextOf } from "../fs/read-job-file.js"
import { sha256Hex } from "../fs/sha256.js"
import { discoverFilm, ENRICHMENT_FILE, type FilmOptions } from "../job/film-discovery.js"
import type { InputRecord, OutputRecord, StageStatus, StatusFile } from "../status/status-file.js"
import { finishStatus, jsonBytes, recordingFailure, writeOutput } from "../status/stage-files.js"
import { DEFAULT_TOKEN_BUDGET } from "../vocabulary/token-count.js"
import { buildVocabulary, emptyVocabulary, type Vocabulary } from "../vocabulary/vocabulary.js"
import { runToPromise } from "../run-promise.js"
import { spliceTopLevelKey } from "./json-splice.js"
import { toLegacySoundtrack } from "./legacy-soundtrack.js"
import { queueStageOutcome } from "./queue-outcome.js"
import { findReusableRun } from "./reuse.js"

export const DEFAULT_SOUNDTRACK_OUT = "soundtrack"

export interface SoundtrackStageOptions extends FilmOptions {
  readonly jobDir: string
  /** Output folder inside the job (default `soundtrack`). */
  readonly out?: string
  /** Whisper token budget of each vocabulary string (default 223). */
  readonly tokenBudget?: number
  /** Use only the store (no network tier). */
  readonly offline?: boolean
  /** Ignore cached answers, and an earlier successful run of this stage. */
  readonly refresh?: boolean
  /** `false` skips the lookup: status `skipped`, empty outputs, exit 0. */
  readonly enabled?: boolean
}

export interface SoundtrackStageResult {
  readonly status: StageStatus
  readonly exitCode: StageExitCode
  /** True when an earlier run was still valid and nothing was looked up or written. */
  readonly reused: boolean
  readonly film: { readonly query: FilmQuery; readonly source: string; readonly imdbSource: string | null }
  readonly soundtrack: SoundtrackResult
  readonly vocabulary: Vocabulary
  readonly statusFile: StatusFile
  /** Real absolute path of the output folder. */
  readonly outDir: string
  /** The host's `02_tmdb/enrichment.json` got a new `soundtrack` field in this run. */
  readonly enrichmentUpdated: boolean
}

const stageStatusOf = (result: SoundtrackResult): StageStatus =>
  result.status === "found" ? "success" : result.status === "not_found" ? "not_found" : "unavailable"

const attemptsSummary = (result: SoundtrackResult, outcomes: ReadonlyArray<string>): string =>
  result.attempts
    .filter((a) => outcomes.includes(a.outcome))
    .map((a) => `${a.tier}: ${a.outcome}${a.detail === undefined ? "" : ` (${a.detail})`}`)
    .join("; ")

const reasonOf = (result: SoundtrackResult): string => {
  switch (result.status) {
    case "found":
      return `found ${result.tracks.length} song${result.tracks.length === 1 ? "" : "s"} from ${result.source ?? "?"} (matched by ${result.matchedBy ?? "?"})`
    case "not_found":
      return `no source has this film's soundtrack${result.attempts.length > 0 ? `: ${attemptsSummary(result, ["not_found", "ambiguous", "skipped"])}` : ""}`
    case "unavailable":
      return `a source that might have it failed, retry later: ${attemptsSummary(result, ["failed"]) || "no detail"}`
  }
}

/** What the document says when the stage was disabled: nothing was asked. */
const skippedResult = (query: FilmQuery): SoundtrackResult =>
  emptySoundtrackResult(query, "not_found", [{ tier: "pipeline-hook", outcome: "skipped", durationMs: 0, detail: "the soundtrack stage is disabled" }])

const validBudget = (budget: number | undefined): Effect.Effect<number, InvalidStageOptions> =>
  budget === undefined
    ? Effect.succeed(DEFAULT_TOKEN_BUDGET)
    : Number.isInteger(budget) && budget >= 1 && budget <= 100_000
      ? Effect.succeed(budget)
      : Effect.fail(new InvalidStageOptions({ message: `the token budget must be a whole number of tokens ≥ 1, not ${budget}` }))

/**
 * Sets the legacy `soundtrack` field of enrichment.json (only when it exists), or says why not.
 * Returns the new bytes' hash for the records.
 */
const updateEnrichment = (
  file: JobFile,
  result: SoundtrackResult
): Effect.Effect<Either.Either<{ readonly sha256: string; readonly bytes: number }, string>, StageIoFailure> => {
  const spliced = spliceTopLevelKey(jsonTextOf(file), "soundtrack", toLegacySoundtrack(result.tracks))
  if (Either.isLeft(spliced)) return Effect.succeed(Either.left(`${file.path} was left unchanged: ${spliced.left}`))
  // Keep a byte-order mark the host wrote.
  const bom = file.bytes[0] === 0xef && file.bytes[1] === 0xbb && file.bytes[2] === 0xbf ? "\ufeff" : ""
  const bytes = Buffer.from(bom + spliced.right, "utf8")
  if (bytes.equals(file.bytes)) return Effect.succeed(Either.right({ sha256: sha256Hex(bytes), bytes: bytes.length }))
  return writeFileAtomic(file.absolute, bytes, file.path).pipe(Effect.as(Either.right({ sha256: sha256Hex(bytes), bytes: bytes.length })))
}

/** The soundtrack stage. Requires a `SoundtrackFinder` (the lead's live layer: cascade + store). */
export const runSoundtrackStage = (
  options: SoundtrackStageOptions
): Effect.Effect<SoundtrackStageResult, StageError, SoundtrackFinder> =>
  Effect.gen(function* () {
    const startedAt = new Date()
    const root = yield* openJobRoot(options.jobDir)
    const relOut = posixPath(yield* relativeSegments(options.out ?? DEFAULT_SOUNDTRACK_OUT, "--out"))
    const tokenBudget = yield* validBudget(options.tokenBudget)
    // Refuse an output folder that leads outside before anything is looked up or written.
    yield* checkDirInside(root, relOut)
    const film = yield* discoverFilm(root, options)
    const query = film.query
    const queryEcho = { title: query.title ?? null, year: query.year ?? null, imdbId: query.imdbId ?? null }
    const inputs: ReadonlyArray<InputRecord> = film.files.map((f) => ({ path: f.path, sha256: f.sha256 }))
    const filmInfo = { query, source: film.source, imdbSource: film.imdbSource }

    if (options.refresh !== true && options.enabled !== false) {
      const reusable = yield* findReusableRun(root, { relOut, inputs, query: queryEcho, tokenBudget })
      if (Option.isSome(reusable)) {
        const outDir = yield* ensureDirInside(root, relOut)
        return {
          status: reusable.value.status.status,
          exitCode: exitCodeForStatus(reusable.value.status.status),
          reused: true,
          film: filmInfo,
          soundtrack: reusable.value.soundtrack,
          vocabulary: reusable.value.vocabulary,
          statusFile: reusable.value.status,
          outDir,
          enrichmentUpdated: false
        }
      }
    }

    const skipped = options.enabled === false
    const found = skipped
      ? skippedResult(query)
      : yield* Effect.flatMap(SoundtrackFinder, (finder) => finder.find(query, { offline: options.offline === true, refresh: options.refresh === true }))
    // The document states the query this stage asked, whatever the finder echoed.
    const result: SoundtrackResult = { ...found, query: queryEcho }
    const status: StageStatus = skipped ? "skipped" : stageStatusOf(result)
    const warnings = [...film.warnings]
    if (result.stale) warnings.push("the sources failed; this is an earlier (stale) answer from the store")
    // Not found or unavailable: Liner's queue asks again later (`liner queue run`).
    const notQueued = skipped ? Option.none() : yield* queueStageOutcome(query, found)
    if (Option.isSome(notQueued)) warnings.push(notQueued.value)
    const outDir = yield* ensureDirInside(root, relOut)

    const write = Effect.gen(function* () {
      const vocabulary =
        result.status === "found" ? buildVocabulary(query.title ?? result.album?.title ?? null, result.tracks, tokenBudget) : emptyVocabulary(tokenBudget)
      const outputs: Array<OutputRecord> = []
      outputs.push(yield* writeOutput(outDir, relOut, "soundtrack.json", jsonBytes(result)))
      outputs.push(yield* writeOutput(outDir, relOut, "vocabulary.json", jsonBytes(vocabulary)))

      // The host's own later stages read the soundtrack from enrichment.json; only a found
      // soundtrack is written there (a miss must not erase what the host had).
      let enrichmentUpdated = false
      let finalInputs = inputs
      const enrichment = film.files.find((f) => f.path === ENRICHMENT_FILE)
      if (enrichment !== undefined && result.status === "found") {
        const updated = yield* updateEnrichment(enrichment, result)
        if (Either.isLeft(updated)) warnings.push(updated.left)
        else {
          enrichmentUpdated = updated.right.sha256 !== enrichment.sha256
          outputs.push({ path: ENRICHMENT_FILE, sha256: updated.right.sha256, bytes: updated.right.bytes })
          // Recorded as it is now, so that a re-run recognises its own edit as unchanged input.
          finalInputs = inputs.map((i) => (i.path === ENRICHMENT_FILE ? { ...i, sha256: updated.right.sha256 } : i))
        }
      }

      const statusFile = finishStatus({
        stage: "soundtrack",
        status,
        reason: skipped ? "the soundtrack stage is disabled" : reasonOf(result),
        inputs: finalInputs,
        outputs,
        startedAt,
        warnings
      })
      yield* writeOutput(outDir, relOut, "status.json", jsonBytes(statusFile))
      return {
        status,
        exitCode: exitCodeForStatus(status),
        reused: false,
        film: filmInfo,
        soundtrack: result,
        vocabulary,
        statusFile,
        outDir,
        enrichmentUpdated
      }
    })
    return yield* recordingFailure(write, { realOutDir: outDir, relOut, draft: { stage: "soundtrack", inputs, startedAt, warnings } })
  })

/**
 * Without a finder: the cascade and store configured from the environment, as `liner stage` uses
 * them. The store stays among the services, so the stage's misses and failures enter the queue.
 */
const defaultFinder = soundtrackFinderLive.pipe(Layer.provideMerge(StoreLayer.fromEnv))

/**
 * `runSoundtrackStage` as a Promise. The finder defaults to the live cascade configured from the
 * environment (LINER_DB, LINER_MUSICBRAINZ_URL…). Rejects with the `StageError` itself (or the
 * configuration / store error that kept the finder from starting).
 */
export const runSoundtrackStagePromise = (
  options: SoundtrackStageOptions,
  finder: Layer.Layer<SoundtrackFinder, ConfigError.ConfigError | StoreError> = defaultFinder
): Promise<SoundtrackStageResult> => runToPromise(runSoundtrackStage(options).pipe(Effect.provide(finder)))
