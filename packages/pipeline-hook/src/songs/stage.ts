/**
 * Stage 2 of contracts/pipeline-job.md, `songs` (after ASR): marks the sung passages of the
 * transcript with the songs of `<job>/soundtrack/soundtrack.json`. Writes into `<job>/<out>/`
 * (default `songs`): `segments.json` (the input's shape, every segment with `is_lyrics`,
 * `song_title`, `song_artist`, `lyrics_confidence`, `detection_method`),
 * `detected_lyric_regions.json`, `status.json`, and with `srt` `subtitles.srt`.
 */
import { SoundtrackResult } from "@liner/core"
import { Effect, Either, Option, Schema } from "effect"
import { JobDirUnusable, MalformedJobFile, type StageError } from "../errors.js"
import { exitCodeForStatus, type StageExitCode } from "../exit-code.js"
import { checkDirInside, ensureDirInside, openJobRoot, posixPath, relativeSegments, toJobRelative } from "../fs/job-root.js"
import { type JobFile, parseJobJson, readJobFile } from "../fs/read-job-file.js"
import { runToPromise } from "../run-promise.js"
import type { OutputRecord, StageStatus, StatusFile } from "../status/status-file.js"
import { finishStatus, jsonBytes, recordingFailure, writeOutput } from "../status/stage-files.js"
import { DEFAULT_SOUNDTRACK_OUT } from "../soundtrack/stage.js"
import { detectSongs, type LyricRegion } from "./detect-songs.js"
import { annotateDocument, decodeSegmentsDocument, type LyricsMark, NOT_LYRICS } from "./segments.js"
import { renderSrt } from "./srt.js"

/** Output folder by default. The older host used `08_lyrics_detection`; pass that as `out` to feed its later stages. */
export const DEFAULT_SONGS_OUT = "songs"

/** Where the ASR segments are looked for, in order, when no path is given. */
export const DEFAULT_SEGMENTS_PATHS = ["06_asr/segments.json", "asr/segments.json", "transcription/transcript.json"] as const

export interface SongsStageOptions {
  readonly jobDir: string
  /** The ASR segments file, relative to the job directory (or absolute, inside it). */
  readonly segments?: string
  /** Output folder inside the job (default `songs`). */
  readonly out?: string
  /** Also write `subtitles.srt`. */
  readonly srt?: boolean
  /** Folder of the soundtrack stage's output (default `soundtrack`). */
  readonly soundtrackOut?: string
}

export interface SongsStageResult {
  readonly status: StageStatus
  readonly exitCode: StageExitCode
  readonly regions: ReadonlyArray<LyricRegion>
  /** How many segments are marked as sung. */
  readonly lyricSegments: number
  /** The segments file read, relative to the job. */
  readonly segmentsPath: string
  readonly statusFile: StatusFile
  /** Real absolute path of the output folder. */
  readonly outDir: string
}

/** The soundtrack's tracks, or why there are none to look for. */
const readSoundtrack = (file: JobFile | null, path: string) =>
  Effect.gen(function* () {
    if (file === null) return Either.left(`no ${path}: run the soundtrack stage first`)
    const json = yield* parseJobJson(file)
    const result = yield* Schema.decodeUnknown(SoundtrackResult)(json).pipe(
      Effect.mapError(() => new MalformedJobFile({ message: `${path} is not a soundtrack document (contracts/cli.md)`, path }))
    )
    if (result.status !== "found" || result.tracks.length === 0)
      return Either.left(`the soundtrack is ${result.status === "found" ? "empty" : result.status.replace("_", " ")}: no song to look for`)
    return Either.right(result.tracks)
  })

export const runSongsStage = (options: SongsStageOptions): Effect.Effect<SongsStageResult, StageError> =>
  Effect.gen(function* () {
    const startedAt = new Date()
    const root = yield* openJobRoot(options.jobDir)
    const relOut = posixPath(yield* relativeSegments(options.out ?? DEFAULT_SONGS_OUT, "--out"))
    yield* checkDirInside(root, relOut)

    // The segments: the given file, else the first of the usual places.
    let segmentsFile: JobFile | null = null
    if (options.segments !== undefined) {
      const rel = yield* toJobRelative(root, options.segments, "--segments")
      segmentsFile = yield* readJobFile(root, rel)
      if (segmentsFile === null) return yield* Effect.fail(new JobDirUnusable({ message: `${options.segments} does not exist`, path: options.segments }))
    } else {
      for (const path of DEFAULT_SEGMENTS_PATHS) {
        segmentsFile ??= yield* readJobFile(root, path)
      }
      if (segmentsFile === null)
        return yield* Effect.fail(new JobDirUnusable({ message: `no ASR segments in the job (looked at ${DEFAULT_SEGMENTS_PATHS.join(", ")}); pass --segments` }))
    }
    const document = decodeSegmentsDocument(yield* parseJobJson(segmentsFile))
    if (Either.isLeft(document))
      return yield* Effect.fail(new JobDirUnusable({ message: `${segmentsFile.path} is not ASR output: ${document.left}`, path: segmentsFile.path }))

    const soundtrackPath = `${posixPath(yield* relativeSegments(options.soundtrackOut ?? DEFAULT_SOUNDTRACK_OUT, "the soundtrack folder"))}/soundtrack.json`
    const soundtrackFile = yield* readJobFile(root, soundtrackPath)
    const tracks = yield* readSoundtrack(soundtrackFile, soundtrackPath)

    const warnings: Array<string> = []
    if (document.right.unusable > 0) warnings.push(`${document.right.unusable} segment(s) without usable start, end or text were left unmarked`)
    const inputs = [segmentsFile, ...(soundtrackFile === null ? [] : [soundtrackFile])].map((f) => ({ path: f.path, sha256: f.sha256 }))
    const outDir = yield* ensureDirInside(root, relOut)
    const segmentsPath = segmentsFile.path

    const write = Effect.gen(function* () {
      const detection = Either.isRight(tracks) ? detectSongs(document.right.segments, tracks.right) : { regions: [], regionOfSegment: new Map<number, number>() }
      const markOf = (index: number): LyricsMark => {
        const region = Option.fromNullable(detection.regionOfSegment.get(index)).pipe(Option.flatMap((r) => Option.fromNullable(detection.regions[r])))
        return Option.match(region, {
          onNone: () => NOT_LYRICS,
          onSome: (r) => ({
            is_lyrics: true,
            song_title: r.matched_song ?? null,
            song_artist: r.matched_artist ?? null,
            lyrics_confidence: r.confidence,
            detection_method: r.detection_method
          })
        })
      }

      const outputs: Array<OutputRecord> = []
      outputs.push(yield* writeOutput(outDir, relOut, "segments.json", jsonBytes(annotateDocument(document.right, markOf))))
      outputs.push(yield* writeOutput(outDir, relOut, "detected_lyric_regions.json", jsonBytes(detection.regions)))
      if (options.srt === true) {
        const ordered = [...document.right.segments].sort((a, b) => a.start - b.start || a.index - b.index)
        const seen = new Set<number>()
        const lines = ordered.map((segment) => {
          const region = detection.regionOfSegment.get(segment.index)
          const opensSong = region !== undefined && !seen.has(region)
          if (region !== undefined) seen.add(region)
          return { segment, mark: markOf(segment.index), opensSong }
        })
        outputs.push(yield* writeOutput(outDir, relOut, "subtitles.srt", Buffer.from(renderSrt(lines), "utf8")))
      }

      const status: StageStatus = Either.isRight(tracks) ? "success" : "skipped"
      const lyricSegments = detection.regionOfSegment.size
      const statusFile = finishStatus({
        stage: "songs",
        status,
        reason: Either.isLeft(tracks)
          ? tracks.left
          : `${detection.regions.length} sung passage(s), ${lyricSegments} of ${document.right.raw.length} segments marked`,
        inputs,
        outputs,
        startedAt,
        warnings
      })
      yield* writeOutput(outDir, relOut, "status.json", jsonBytes(statusFile))
      return { status, exitCode: exitCodeForStatus(status), regions: detection.regions, lyricSegments, segmentsPath, statusFile, outDir }
    })
    return yield* recordingFailure(write, { realOutDir: outDir, relOut, draft: { stage: "songs", inputs, startedAt, warnings } })
  })

/** `runSongsStage` as a Promise; rejects with a `StageError`. */
export const runSongsStagePromise = (options: SongsStageOptions): Promise<SongsStageResult> => runToPromise(runSongsStage(options))
