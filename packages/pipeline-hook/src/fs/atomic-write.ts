/**
 * Atomic replacement of a file: the bytes go to a temporary file in the same folder, are flushed,
 * then renamed over the target. A reader sees the old file or the new one, never half of one.
 */
import { randomBytes } from "node:crypto"
import { open, rename, rm, stat } from "node:fs/promises"
import { basename, dirname, join } from "node:path"
import { Effect } from "effect"
import { StageIoFailure } from "../errors.js"

/**
 * Writes `bytes` to `absolutePath` atomically. The caller has checked that the folder is inside
 * the job (`ensureDirInside`); the temporary file is created in that same folder, exclusively.
 */
export const writeFileAtomic = (absolutePath: string, bytes: Uint8Array | string, relPath: string): Effect.Effect<void, StageIoFailure> =>
  Effect.tryPromise({
    try: async () => {
      const temporary = join(dirname(absolutePath), `.${basename(absolutePath)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`)
      // A file being replaced keeps its permissions (the host's enrichment.json may be private).
      const mode = await stat(absolutePath).then(
        (info) => info.mode & 0o7777,
        () => null
      )
      try {
        const handle = await open(temporary, "wx", 0o644)
        try {
          if (mode !== null) await handle.chmod(mode)
          await handle.writeFile(bytes)
          await handle.sync()
        } finally {
          await handle.close()
        }
        await rename(temporary, absolutePath)
      } catch (e) {
        await rm(temporary, { force: true })
        throw e
      }
    },
    catch: (e) => new StageIoFailure({ message: `cannot write ${relPath}: ${e instanceof Error ? e.message : String(e)}`, path: relPath, cause: e })
  })
