/**
 * `liner report --jobs DIR`: finds the host's job directories under DIR (at any depth: the host
 * files them by date and user, `out/2025/11/17/1/20251117-0003/`) and reads what the soundtrack
 * stage left in each: `soundtrack/status.json`, the film (as the stage finds it), and the
 * `soundtrack` field of `02_tmdb/enrichment.json`. Reads only; a job that cannot be read is
 * reported with its problem, never a reason to stop; links are not followed out of a job.
 */
import type { JobRecord } from "@liner/core"
import { Effect, Either, Schema } from "effect"
import type { Dirent } from "node:fs"
import { readdir, stat } from "node:fs/promises"
import { join, relative, sep } from "node:path"
import { JobDirUnusable, type StageError } from "../errors.js"
import { type JobRoot, openJobRoot } from "../fs/job-root.js"
import { parseJobJson, readJobFile } from "../fs/read-job-file.js"
import { discoverFilm, ENRICHMENT_FILE } from "../job/film-discovery.js"
import { StatusFile } from "../status/status-file.js"

const STATUS_FILE = "soundtrack/status.json"
/** What marks a folder as a job: once one is found, its own folders are not searched. */
const JOB_MARKS = [STATUS_FILE, ENRICHMENT_FILE, "job.json"]
/** Deep enough for the host's date-and-user layout, shallow enough not to wander a whole disk. */
const MAX_DEPTH = 8

const isFile = (path: string) => stat(path).then((s) => s.isFile(), () => false)

const isJobDir = async (dir: string) => (await Promise.all(JOB_MARKS.map((mark) => isFile(join(dir, mark))))).some(Boolean)

/** Job directories under `dir` (or `dir` itself), sorted; hidden folders and symbolic links are passed by. */
const findJobDirs = async (dir: string): Promise<ReadonlyArray<string>> => {
  const found: Array<string> = []
  const visit = async (current: string, depth: number): Promise<void> => {
    if (await isJobDir(current)) return void found.push(current)
    if (depth >= MAX_DEPTH) return
    const entries: Array<Dirent> = await readdir(current, { withFileTypes: true }).catch(() => [])
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name)))
      if (entry.isDirectory() && !entry.name.startsWith(".")) await visit(join(current, entry.name), depth + 1)
  }
  await visit(dir, 0)
  return found
}

const message = (error: StageError | { readonly message: string }) => error.message

/** The stage's status file, or null when the stage has not run here; a file that is not one is a problem. */
const readStage = (root: JobRoot, problems: Array<string>) =>
  Effect.gen(function* () {
    const file = yield* readJobFile(root, STATUS_FILE)
    if (file === null) return null
    const decoded = Schema.decodeUnknownEither(StatusFile)(yield* parseJobJson(file))
    if (Either.isLeft(decoded)) {
      problems.push(`${STATUS_FILE} is not a soundtrack stage status`)
      return null
    }
    const s = decoded.right
    return { status: s.status, reason: s.reason, finishedAt: s.finishedAt, durationMs: s.durationMs }
  }).pipe(Effect.catchAll((e) => Effect.sync(() => void problems.push(message(e))).pipe(Effect.as(null))))

/** How many songs the enrichment file's `soundtrack` field holds (the host's legacy shape); null without one. */
const readEnrichmentSongs = (root: JobRoot, problems: Array<string>) =>
  Effect.gen(function* () {
    const file = yield* readJobFile(root, ENRICHMENT_FILE)
    if (file === null) return null
    const json = yield* parseJobJson(file)
    const songs = typeof json === "object" && json !== null ? (json as Record<string, unknown>)["soundtrack"] : undefined
    return Array.isArray(songs) ? songs.length : null
  }).pipe(Effect.catchAll((e) => Effect.sync(() => void problems.push(message(e))).pipe(Effect.as(null))))

const readJobRecord = (searched: string, jobDir: string): Effect.Effect<JobRecord> =>
  Effect.gen(function* () {
    const path = relative(searched, jobDir).split(sep).join("/") || "."
    const problems: Array<string> = []
    const root = yield* openJobRoot(jobDir).pipe(Effect.either)
    if (Either.isLeft(root)) return { path, title: null, year: null, stage: null, enrichmentSongs: null, problems: [root.left.message] }
    const stage = yield* readStage(root.right, problems)
    const enrichmentSongs = yield* readEnrichmentSongs(root.right, problems)
    // The film as the stage itself would find it; a job that names none is no problem here.
    const film = yield* discoverFilm(root.right).pipe(Effect.either)
    if (Either.isLeft(film) && film.left._tag !== "NoFilmInJob" && !problems.includes(film.left.message)) problems.push(film.left.message)
    const query = Either.isRight(film) ? film.right.query : {}
    return { path, title: query.title ?? null, year: query.year ?? null, stage, enrichmentSongs, problems }
  })

/** Every job under `dir`, in path order. Fails only when `dir` is not a folder that can be read. */
export const readJobRecords = (dir: string): Effect.Effect<ReadonlyArray<JobRecord>, JobDirUnusable> =>
  Effect.gen(function* () {
    yield* Effect.tryPromise({
      try: async () => {
        if (!(await stat(dir)).isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" })
      },
      catch: (e) => {
        const code = typeof e === "object" && e !== null && "code" in e ? String(e.code) : String(e)
        return new JobDirUnusable({
          message: code === "ENOENT" ? `the jobs folder ${dir} does not exist` : code === "ENOTDIR" ? `the jobs folder ${dir} is not a folder` : `the jobs folder ${dir} cannot be read (${code})`,
          path: dir
        })
      }
    })
    const dirs = yield* Effect.promise(() => findJobDirs(dir))
    return yield* Effect.forEach(dirs, (jobDir) => readJobRecord(dir, jobDir), { concurrency: 8 })
  })
