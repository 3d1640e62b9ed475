import { Data } from "effect"

/**
 * What kept the store from doing its job, as far as its user can act on it:
 * - `read_only`: the file, or the folder that must hold its `-wal` and `-shm` files, cannot be written;
 * - `full`: no room left on the disk, or the store reached its size limit;
 * - `locked`: another process kept the store locked for longer than the store waits;
 * - `not_a_database`: the file is not SQLite (a text file, random bytes);
 * - `corrupt`: the file is SQLite but damaged;
 * - `io`: the disk failed a read or a write;
 * - `cannot_open`: the file cannot be opened or created (a missing or impossible folder, a folder
 *   where the file should be, a store written by a newer Liner);
 * - `query`: none of these: an operation failed for a reason of its own (a bug).
 */
export type StoreFault = "read_only" | "full" | "locked" | "not_a_database" | "corrupt" | "io" | "cannot_open" | "query"

export class StoreError extends Data.TaggedError("StoreError")<{
  readonly reason: string
  readonly fault: StoreFault
  readonly cause?: unknown
}> {
  override get message(): string {
    return this.reason
  }
}

/** Several pipeline workers may share the file: a store waits this long for a writer rather than fail at once. */
export const storeBusyTimeoutMs = 5000

const codeOf = (cause: unknown): string =>
  typeof cause === "object" && cause !== null && "code" in cause && typeof cause.code === "string" ? cause.code : ""

/**
 * The fault a failure stands for, from SQLite's extended result code (better-sqlite3's
 * `SqliteError.code`, e.g. `SQLITE_READONLY_DIRECTORY`) or, when the file system refused before
 * SQLite was asked, from the OS's error code; on PostgreSQL, from the server's SQLSTATE (`53100`)
 * or the network's code (`ECONNREFUSED`). `undefined` when the code says nothing of the store.
 */
export const faultOfCode = (code: string): Exclude<StoreFault, "query"> | undefined => {
  const primary = code.startsWith("SQLITE_") ? code.replace(/^(SQLITE_[A-Z]+)(_.*)?$/, "$1") : code
  switch (primary) {
    case "SQLITE_READONLY":
    case "EROFS":
    case "25006": // PostgreSQL: read_only_sql_transaction (a standby, or a read-only default)
      return "read_only"
    case "SQLITE_FULL":
    case "ENOSPC":
    case "EDQUOT":
    case "53100": // PostgreSQL: disk_full
      return "full"
    case "SQLITE_BUSY":
    case "SQLITE_LOCKED":
      return "locked"
    case "SQLITE_NOTADB":
      return "not_a_database"
    case "SQLITE_CORRUPT":
      return "corrupt"
    case "SQLITE_IOERR":
    case "EIO":
      return "io"
    case "SQLITE_CANTOPEN":
    case "SQLITE_PERM":
    case "EACCES":
    case "EPERM":
    case "ENOENT":
    case "ENOTDIR":
    case "EISDIR":
    case "ENAMETOOLONG":
    case "ELOOP":
    case "ECONNREFUSED": // PostgreSQL: the server cannot be reached, refuses the credentials, or has no such database.
    case "ENOTFOUND":
    case "EHOSTUNREACH":
    case "ETIMEDOUT":
    case "28P01":
    case "28000":
    case "3D000":
      return "cannot_open"
    default:
      return undefined
  }
}

const describe = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause))

/** One sentence about the fault, `subject` being the store ("it", or "the database /x/liner.db"). */
const sentence = (fault: StoreFault, subject: string, cause: unknown): string => {
  switch (fault) {
    case "read_only":
      return `${subject} is read-only: the file, or the folder that holds its -wal and -shm files, cannot be written`
    case "full":
      return `${subject} is full: no room is left on its disk, or it has reached its size limit`
    case "locked":
      return `${subject} is locked by another process (waited ${storeBusyTimeoutMs / 1000} s for it)`
    case "not_a_database":
      return `${subject} is not a Liner database (not SQLite: ${describe(cause)})`
    case "corrupt":
      return `${subject} is damaged (${describe(cause)})`
    case "io":
      return `${subject} could not be read or written (${describe(cause)})`
    case "cannot_open":
    case "query":
      return describe(cause)
  }
}

/**
 * Turns the cause of a failed store operation into a StoreError with its fault: the one place
 * where SQLite's and the file system's codes are read. `doing` is what failed ("cannot save the
 * soundtrack"); `opening` is true while the store is being opened or migrated, where any failure
 * leaves the store unusable (and a failure of no known kind is `cannot_open`, not a bug).
 */
export const storeErrorOf = (cause: unknown, at: { readonly path: string; readonly doing: string; readonly opening: boolean }): StoreError => {
  const fault = faultOfCode(codeOf(cause)) ?? (at.opening ? "cannot_open" : "query")
  const subject = at.opening ? "it" : `the database ${at.path}`
  return new StoreError({ reason: `${at.doing}: ${sentence(fault, subject, cause)}`, fault, cause })
}
