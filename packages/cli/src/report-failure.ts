import { ValidationError } from "@effect/cli"
import { Cause, ConfigError, Effect, Option } from "effect"
import { ExitCode } from "./exit-code.js"
import { printErr } from "./output.js"

const messageOf = (error: unknown): string =>
  typeof error === "object" && error !== null && "message" in error && typeof error.message === "string" && error.message !== ""
    ? error.message
    : String(error)

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
      return printErr(`liner: ${messageOf(error)}`).pipe(Effect.as(ExitCode.usage))
    case "StoreError": {
      const message = messageOf(error)
      const unusable = /^cannot (open|migrate) the database/.test(message)
      return printErr(`liner: ${message}${unusable ? " (check LINER_DB)" : ""}`).pipe(Effect.as(unusable ? ExitCode.usage : ExitCode.internal))
    }
    default:
      return printErr(`liner: ${messageOf(error)}`).pipe(Effect.as(ExitCode.internal))
  }
}
