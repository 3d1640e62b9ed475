import { readFile, stat } from "node:fs/promises"
import { Effect } from "effect"
import { JobDirUnusable, MalformedJobFile, type PathOutsideJob, StageIoFailure } from "../errors.js"
import { type JobRoot, resolveExisting } from "./job-root.js"
import { sha256Hex } from "./sha256.js"

/** A file of the job as read: where it is, its exact bytes and their hash. */
export interface JobFile {
  /** Relative to the job directory, forward slashes. */
  readonly path: string
  /** Real absolute path (links resolved, inside the job). */
  readonly absolute: string
  readonly bytes: Buffer
  readonly sha256: string
}

/** Reads a file of the job, or null when there is none; refuses links that lead outside it. */
export const readJobFile = (
  root: JobRoot,
  relPath: string
): Effect.Effect<JobFile | null, PathOutsideJob | JobDirUnusable | StageIoFailure> =>
  Effect.gen(function* () {
    const absolute = yield* resolveExisting(root, relPath)
    if (absolute === null) return null
    const bytes = yield* Effect.tryPromise({
      try: async () => {
        if (!(await stat(absolute)).isFile()) throw Object.assign(new Error("not a file"), { code: "EISDIR" })
        return await readFile(absolute)
      },
      catch: (e) =>
        typeof e === "object" && e !== null && "code" in e && e.code === "EISDIR"
          ? new JobDirUnusable({ message: `${relPath} is not a file`, path: relPath })
          : new StageIoFailure({ message: `cannot read ${relPath}: ${e instanceof Error ? e.message : String(e)}`, path: relPath, cause: e })
    })
    return { path: relPath, absolute, bytes, sha256: sha256Hex(bytes) }
  })

/** The JSON text of a job file: UTF-8, a leading byte-order mark ignored. */
export const jsonTextOf = (file: JobFile): string => {
  const text = file.bytes.toString("utf8")
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** Parses a job file as JSON; a file that does not parse is an error naming it. */
export const parseJobJson = (file: JobFile): Effect.Effect<unknown, MalformedJobFile> =>
  Effect.try({
    try: () => JSON.parse(jsonTextOf(file)) as unknown,
    catch: (e) =>
      new MalformedJobFile({
        message: `${file.path} is not valid JSON (${e instanceof Error ? e.message : String(e)}); it was left unchanged`,
        path: file.path
      })
  })
