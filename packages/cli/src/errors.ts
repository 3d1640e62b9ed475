import { Data } from "effect"
import { ExitCode } from "./exit-code.js"

/** Bad input or usage: the message says what to fix; exit status 2. */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly reason: string }> {
  override get message(): string {
    return this.reason
  }
}

/** A command's own way to end with a status and, optionally, a message on standard error. */
export class Exit extends Data.TaggedError("Exit")<{ readonly code: ExitCode; readonly reason?: string }> {}

export const usage = (reason: string) => new UsageError({ reason })
export const exitWith = (code: ExitCode, reason?: string) => new Exit(reason === undefined ? { code } : { code, reason })
export { ExitCode }
