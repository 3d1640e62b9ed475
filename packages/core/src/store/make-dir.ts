import { mkdirSync, statSync } from "node:fs"
import { join, parse, resolve, sep } from "node:path"

const codeOf = (error: unknown): unknown => (typeof error === "object" && error !== null && "code" in error ? error.code : undefined)

const notAFolder = (path: string): Error =>
  Object.assign(new Error(`ENOTDIR: not a directory, ${path} is a file, not a folder`), { code: "ENOTDIR" })

/** Whether `path` is a folder (true), absent (false); anything else (a file, no access) throws. */
const folderExists = (path: string): boolean => {
  try {
    if (!statSync(path).isDirectory()) throw notAFolder(path)
    return true
  } catch (error) {
    if (codeOf(error) === "ENOENT") return false
    throw error
  }
}

/**
 * Creates the folder `dir` and whichever of its parents are missing, like `mkdir -p`, throwing
 * the file system's error when one level cannot be made.
 *
 * Not `mkdirSync(dir, { recursive: true })`: Node 20's recursive mkdir never returns on some
 * paths (`/proc/nope`: the parent exists, the child cannot be made and reports ENOENT, and Node
 * climbs back up to try again, forever). Here each level is tried once: the walk up to the nearest
 * existing folder takes at most one step per level of the path, and so does the walk back down.
 */
export const makeDirectory = (dir: string): void => {
  const absolute = resolve(dir)
  const { root } = parse(absolute)
  const names = absolute.slice(root.length).split(sep).filter((name) => name !== "")
  // Every level of the path, the shallowest first: "/a", "/a/b", "/a/b/c".
  const levels = names.map((_, depth) => join(root, ...names.slice(0, depth + 1)))
  const deepestExisting = levels.findLastIndex(folderExists)
  for (const level of levels.slice(deepestExisting + 1)) {
    try {
      mkdirSync(level)
    } catch (error) {
      // Another process made it in the meantime: what matters is that it is a folder now.
      if (codeOf(error) !== "EEXIST") throw error
      if (!folderExists(level)) throw notAFolder(level)
    }
  }
}
