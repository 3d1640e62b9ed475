/** The two ways a linkage run fails: the user's input is wrong (exit 2), or we are (exit 70). */
import { Data } from "effect"

/** Bad input: an unreadable file, a settings key of the wrong type, a SQL condition DuckDB rejects,
 * a missing column, an unknown plan step. `message` is one line a user can act on. */
export class LinkageInputError extends Data.TaggedError("LinkageInputError")<{
  readonly message: string
}> {}

/** DuckDB or our own code failed on input that should have worked. */
export class LinkageInternalError extends Data.TaggedError("LinkageInternalError")<{
  readonly message: string
  readonly cause?: unknown
}> {}
