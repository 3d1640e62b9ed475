/**
 * Writing a stage's files: JSON as the host writes it (2-space indent, final newline), each file
 * atomically, each recorded with its hash and size for status.json.
 */
import { join } from "node:path"
import { LINER_VERSION } from "@liner/core"
import { Cause, Effect, Option, Schema } from "effect"
import type { StageIoFailure } from "../errors.js"
import { writeFileAtomic } from "../fs/atomic-write.js"
import type { JobRoot } from "../fs/job-root.js"
import { parseJobJson, readJobFile } from "../fs/read-job-file.js"
import { sha256Hex } from "../fs/sha256.js"
import type { InputRecord, OutputRecord, StageStatus, StatusFile } from "./status-file.js"
import { StatusFile as StatusFileSchema } from "./status-file.js"

export const jsonBytes = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, "utf8")

/** Writes `bytes` as `<outDir>/<name>` and returns its record (`relOut` is the folder relative to the job). */
export const writeOutput = (
  realOutDir: string,
  relOut: string,
  name: string,
  bytes: Buffer
): Effect.Effect<OutputRecord, StageIoFailure> =>
  writeFileAtomic(join(realOutDir, name), bytes, `${relOut}/${name}`).pipe(
    Effect.as({ path: `${relOut}/${name}`, sha256: sha256Hex(bytes), bytes: bytes.length })
  )

export interface StatusDraft {
  readonly stage: string
  readonly status: StageStatus
  readonly reason: string | null
  readonly inputs: ReadonlyArray<InputRecord>
  readonly outputs: ReadonlyArray<OutputRecord>
  readonly startedAt: Date
  readonly warnings: ReadonlyArray<string>
}

/** The status.json document, finished now. */
export const finishStatus = (draft: StatusDraft): StatusFile => {
  const finishedAt = new Date()
  return {
    stage: draft.stage,
    status: draft.status,
    reason: draft.reason,
    inputs: draft.inputs,
    outputs: draft.outputs,
    startedAt: draft.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: Math.max(0, finishedAt.getTime() - draft.startedAt.getTime()),
    warnings: draft.warnings,
    linerVersion: LINER_VERSION
  }
}

/**
 * The status.json an earlier run left in `relOut`, if it reads back; anything unreadable is
 * treated as no earlier run (the stage then simply runs again).
 */
export const readPreviousStatus = (root: JobRoot, relOut: string): Effect.Effect<Option.Option<StatusFile>> =>
  readJobFile(root, `${relOut}/status.json`).pipe(
    Effect.flatMap((file) => (file === null ? Effect.succeed(Option.none<unknown>()) : Effect.map(parseJobJson(file), Option.some))),
    Effect.map(Option.flatMap(Schema.decodeUnknownOption(StatusFileSchema))),
    Effect.orElseSucceed(() => Option.none<StatusFile>())
  )

/** The parsed JSON of a job file, or none when it is missing, unreadable or malformed. */
export const readJsonQuietly = (root: JobRoot, relPath: string): Effect.Effect<Option.Option<unknown>> =>
  readJobFile(root, relPath).pipe(
    Effect.flatMap((file) => (file === null ? Effect.succeed(Option.none<unknown>()) : Effect.map(parseJobJson(file), Option.some))),
    Effect.orElseSucceed(() => Option.none<unknown>())
  )

/** Do all recorded outputs still hold the bytes recorded for them? */
export const outputsIntact = (root: JobRoot, outputs: ReadonlyArray<OutputRecord>): Effect.Effect<boolean> =>
  Effect.forEach(outputs, (output) =>
    readJobFile(root, output.path).pipe(
      Effect.map((file) => file !== null && file.sha256 === output.sha256),
      Effect.orElseSucceed(() => false)
    )
  ).pipe(Effect.map((ok) => ok.every(Boolean)))

/**
 * Runs the writing part of a stage; if it fails (a write error, a bug), records status `failed`
 * in status.json when that is still possible, then lets the failure through (exit 1).
 */
export const recordingFailure = <A, E>(
  effect: Effect.Effect<A, E>,
  failed: { readonly realOutDir: string; readonly relOut: string; readonly draft: Omit<StatusDraft, "status" | "reason" | "outputs"> }
): Effect.Effect<A, E> =>
  effect.pipe(
    Effect.tapErrorCause((cause) => {
      if (Cause.isInterruptedOnly(cause)) return Effect.void
      const error = Cause.squash(cause)
      const reason = error instanceof Error ? error.message : String(error)
      const status = finishStatus({ ...failed.draft, status: "failed", reason, outputs: [] })
      return writeOutput(failed.realOutDir, failed.relOut, "status.json", jsonBytes(status)).pipe(Effect.ignore)
    })
  )
