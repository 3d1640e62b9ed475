import { ValidationError } from "@effect/cli"
import type { StoreError, StoreFault } from "@liner/core"
import { Cause, ConfigError, Effect, Option } from "effect"
import { ExitCode } from "./exit-code.js"
import { printErr } from "./output.js"

const messageOf = (error: unknown): string =>
  typeof error === "object" && error !== null && "message" in error && typeof error.message === "string" && error.message !== ""
    ? error.message
    : String(error)

/**
 * What each store fault means for the user: the exit status (2: the database must be fixed or
 * LINER_DB pointed elsewhere, and until then every run fails the same way; 75: a later run may not
 * meet it; 70: a bug) and what to do, added to the message.
 */
const storeFaults: Record<StoreFault, { readonly code: ExitCode; readonly hint?: string }> = {
  read_only: { code: ExitCode.usage, hint: "make the file and its folder writable, or point LINER_DB elsewhere" },
  full: { code: ExitCode.usage, hint: "free some room on its disk (or raise LINER_DB_MAX_MB), or point LINER_DB elsewhere" },
  locked: { code: ExitCode.unavailable, hint: "try again when the other process is done with it" },
  not_a_database: { code: ExitCode.usage, hint: "check LINER_DB" },
  corrupt: { code: ExitCode.usage, hint: "restore a copy, or point LINER_DB elsewhere" },
  io: { code: ExitCode.usage, hint: "check the disk, or point LINER_DB elsewhere" },
  cannot_open: { code: ExitCode.usage, hint: "check LINER_DB" },
  query: { code: ExitCode.internal }
}

/**
 * Turns whatever stopped a command into one clear line on standard error and an exit status.
 * Stack traces are for bugs only, and only with LINER_DEBUG=1.
 */
export const exitCodeOfCause = (cause: Cause.Cause<unknown>): Effect.Effect<number> => {
  const failure = Cause.failureOption(cause)
  if (Option.isNone(failure)) {
    if (Cause.isInterruptedOnly(cause)) return Effect.succeed(130)
    const detail = process.env["LINER_DEBUG"] === "1" ? Cause.pretty(cause) : Cause.squash(cause)
    return printErr(`liner: internal error: ${messageOf(detail)} (set LINER_DEBUG=1 for details)`).pipe(Effect.as(ExitCode.internal))
  }
  const error = failure.value
  // @effect/cli has already printed what was wrong with the command line.
  if (ValidationError.isValidationError(error)) return Effect.succeed(ValidationError.isHelpRequested(error) ? ExitCode.ok : ExitCode.usage)
  if (ConfigError.isConfigError(error)) return printErr(`liner: bad configuration: ${String(error)}`).pipe(Effect.as(ExitCode.usage))
  const tag = typeof error === "object" && error !== null && "_tag" in error ? String(error._tag) : ""
  switch (tag) {
    case "Exit": {
      const { code, reason } = error as { code: number; reason?: string }
      return (reason === undefined ? Effect.void : printErr(`liner: ${reason}`)).pipe(Effect.as(code))
    }
    case "UsageError":
    case "ImportError":
    case "LinkageInputError":
      return printErr(`liner: ${messageOf(error)}`).pipe(Effect.as(ExitCode.usage))
    case "StoreError": {
      const { code, hint } = storeFaults[(error as StoreError).fault] ?? storeFaults.query
      return printErr(`liner: ${messageOf(error)}${hint === undefined ? "" : ` (${hint})`}`).pipe(Effect.as(code))
    }
    default:
      return printErr(`liner: ${messageOf(error)}`).pipe(Effect.as(ExitCode.internal))
  }
}
