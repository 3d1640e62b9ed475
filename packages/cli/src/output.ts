import { Effect } from "effect"
import { terminalSafe } from "./terminal-safe.js"

const write = (stream: NodeJS.WriteStream, text: string) => Effect.sync(() => void stream.write(text.endsWith("\n") ? text : `${text}\n`))

/** Standard output for results, for people: control characters in titles, names or labels are escaped. */
export const printOut = (text: string) => write(process.stdout, terminalSafe(text))
/** Standard output for one JSON document (or JSON line) with --json: exact, JSON escapes what it must. */
export const printJson = (json: string) => write(process.stdout, json)
/** Standard error, for everything but results: diagnostics, summaries, messages (escaped like printOut). */
export const printErr = (text: string) => write(process.stderr, terminalSafe(text))

/** Progress and colour only for a person at a terminal: never when piped, in CI or with NO_COLOR. */
export const stderrIsInteractive = (): boolean => process.stderr.isTTY === true && process.env["CI"] !== "true"
export const useColor = (stream: NodeJS.WriteStream = process.stdout): boolean =>
  stream.isTTY === true && process.env["NO_COLOR"] === undefined && process.env["TERM"] !== "dumb"
