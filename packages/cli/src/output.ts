import { Effect } from "effect"

/** Standard output for results (one JSON document with --json); standard error for everything else. */
export const printOut = (text: string) => Effect.sync(() => void process.stdout.write(text.endsWith("\n") ? text : `${text}\n`))
export const printErr = (text: string) => Effect.sync(() => void process.stderr.write(text.endsWith("\n") ? text : `${text}\n`))

/** Progress and colour only for a person at a terminal: never when piped, in CI or with NO_COLOR. */
export const stderrIsInteractive = (): boolean => process.stderr.isTTY === true && process.env["CI"] !== "true"
export const useColor = (stream: NodeJS.WriteStream = process.stdout): boolean =>
  stream.isTTY === true && process.env["NO_COLOR"] === undefined && process.env["TERM"] !== "dumb"
