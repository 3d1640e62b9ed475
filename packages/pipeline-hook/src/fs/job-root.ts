/**
 * The job directory as a sandbox: every path the stages read or write is relative to it and
 * must stay inside it once symbolic links are resolved. Nothing is created outside it.
 */
import { lstat, mkdir, readlink, realpath, stat } from "node:fs/promises"
import { isAbsolute, join, relative, resolve, sep } from "node:path"
import { Effect } from "effect"
import { JobDirUnusable, PathOutsideJob, StageIoFailure } from "../errors.js"

export interface JobRoot {
  /** The job directory as given, made absolute (for messages). */
  readonly given: string
  /** The job directory with every symbolic link resolved: all paths are built on it. */
  readonly real: string
}

const isInside = (root: string, candidate: string): boolean => candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep)

const errnoCode = (e: unknown): string | undefined =>
  typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : undefined

export const openJobRoot = (jobDir: string): Effect.Effect<JobRoot, JobDirUnusable> =>
  Effect.tryPromise({
    try: async () => {
      const given = resolve(jobDir)
      const info = await stat(given)
      if (!info.isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" })
      return { given, real: await realpath(given) }
    },
    catch: (e) =>
      new JobDirUnusable({
        message:
          errnoCode(e) === "ENOENT"
            ? `the job directory ${jobDir} does not exist`
            : errnoCode(e) === "ENOTDIR"
              ? `the job directory ${jobDir} is not a directory`
              : `the job directory ${jobDir} cannot be opened (${errnoCode(e) ?? String(e)})`,
        path: jobDir
      })
  })

/**
 * The segments of a path relative to the job directory, refusing anything that could leave it
 * lexically: an absolute path, a `..` segment, an empty path, a NUL byte.
 */
export const relativeSegments = (path: string, what: string): Effect.Effect<ReadonlyArray<string>, PathOutsideJob> => {
  const segments = path.split(/[/\\]+/).filter((s) => s !== "" && s !== ".")
  if (path.includes("\0") || isAbsolute(path) || /^[A-Za-z]:/.test(path))
    return Effect.fail(new PathOutsideJob({ message: `${what} must be a path inside the job directory, not ${JSON.stringify(path)}`, path }))
  if (segments.includes(".."))
    return Effect.fail(new PathOutsideJob({ message: `${what} may not contain "..": ${JSON.stringify(path)}`, path }))
  if (segments.length === 0) return Effect.fail(new PathOutsideJob({ message: `${what} is empty`, path }))
  return Effect.succeed(segments)
}

/** A path given by the user, absolute or relative to the job directory, as a relative path inside it. */
export const toJobRelative = (root: JobRoot, path: string, what: string): Effect.Effect<string, PathOutsideJob> => {
  if (!isAbsolute(path)) return Effect.succeed(path)
  const rel = [relative(root.given, path), relative(root.real, path)].find((r) => r !== "" && !r.startsWith("..") && !isAbsolute(r))
  return rel === undefined
    ? Effect.fail(new PathOutsideJob({ message: `${what} ${path} is outside the job directory`, path }))
    : Effect.succeed(rel)
}

/** POSIX spelling of a relative path, as recorded in status.json. */
export const posixPath = (segments: ReadonlyArray<string>): string => segments.join("/")

const pathOutside = (relPath: string) =>
  new PathOutsideJob({ message: `${relPath} leads outside the job directory (symbolic link)`, path: relPath })

/**
 * The absolute path of an existing file or folder inside the job, with links resolved, or null
 * when nothing exists there. Fails when the path, through any symbolic link, leaves the job.
 */
export const resolveExisting = (root: JobRoot, relPath: string): Effect.Effect<string | null, PathOutsideJob | StageIoFailure> =>
  Effect.gen(function* () {
    const segments = yield* relativeSegments(relPath, "the path")
    const absolute = join(root.real, ...segments)
    const real = yield* Effect.tryPromise({
      try: () => realpath(absolute),
      catch: (e) => e
    }).pipe(
      Effect.map((path): string | null => path),
      Effect.catchAll((e): Effect.Effect<string | null, PathOutsideJob | StageIoFailure> =>
        // A dangling link or a missing parent: missing, unless a link along the way points out.
        errnoCode(e) === "ENOENT" || errnoCode(e) === "ENOTDIR"
          ? checkDanglingLinks(root, segments).pipe(Effect.as(null))
          : Effect.fail(new StageIoFailure({ message: `cannot read ${relPath}: ${errnoCode(e) ?? String(e)}`, path: relPath, cause: e }))
      )
    )
    if (real === null) return null
    if (!isInside(root.real, real)) return yield* Effect.fail(pathOutside(relPath))
    return real
  })

/** A dangling symbolic link whose target would be outside the job is refused too. */
const checkDanglingLinks = (root: JobRoot, segments: ReadonlyArray<string>): Effect.Effect<void, PathOutsideJob> =>
  Effect.promise(async () => {
    let current = root.real
    for (const segment of segments) {
      const next = join(current, segment)
      const info = await lstat(next).catch(() => null)
      if (info === null) return true
      if (info.isSymbolicLink()) {
        const target = resolve(current, await readlink(next))
        if (!isInside(root.real, target)) return false
      }
      current = next
    }
    return true
  }).pipe(Effect.flatMap((ok) => (ok ? Effect.void : Effect.fail(pathOutside(posixPath(segments))))))

/**
 * Makes sure the folder `relDir` exists inside the job, creating missing parts one by one so
 * that nothing is ever created through a link that points outside. Returns its real path.
 */
export const ensureDirInside = (root: JobRoot, relDir: string): Effect.Effect<string, PathOutsideJob | JobDirUnusable | StageIoFailure> =>
  Effect.gen(function* () {
    const segments = yield* relativeSegments(relDir, "the output folder")
    let current = root.real
    for (const [i, segment] of segments.entries()) {
      const soFar = posixPath(segments.slice(0, i + 1))
      const existing = yield* resolveExisting(root, soFar)
      if (existing === null) {
        yield* Effect.tryPromise({
          try: () => mkdir(join(current, segment)),
          catch: (e) =>
            errnoCode(e) === "EEXIST"
              ? // Lost a race with another writer, or a dangling link: check again below.
                null
              : new StageIoFailure({ message: `cannot create ${soFar}: ${errnoCode(e) ?? String(e)}`, path: soFar, cause: e })
        }).pipe(Effect.catchAll((e) => (e === null ? Effect.void : Effect.fail(e))))
        const created = yield* resolveExisting(root, soFar)
        if (created === null) return yield* Effect.fail(new StageIoFailure({ message: `cannot create ${soFar}`, path: soFar }))
        current = created
      } else {
        const info = yield* Effect.promise(() => stat(existing))
        if (!info.isDirectory()) return yield* Effect.fail(new JobDirUnusable({ message: `${soFar} exists and is not a folder`, path: soFar }))
        current = existing
      }
    }
    return current
  })

/**
 * Checks, without creating anything, that `relDir` would be a folder inside the job: every
 * part that exists already must resolve inside it.
 */
export const checkDirInside = (root: JobRoot, relDir: string): Effect.Effect<void, PathOutsideJob | StageIoFailure> =>
  Effect.gen(function* () {
    const segments = yield* relativeSegments(relDir, "the output folder")
    for (let i = 1; i <= segments.length; i++) yield* resolveExisting(root, posixPath(segments.slice(0, i)))
  })
