import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

/** What a process run with `--import ./record-loads.mjs` loaded: files (ES modules and `require`d) and Effect's global values. */
export interface RecordedLoads {
  readonly files: ReadonlyArray<string>
  readonly globalValues: ReadonlyArray<string>
}

export const recorder = fileURLToPath(new URL("./record-loads.mjs", import.meta.url))

export const readRecordedLoads = (record: string): RecordedLoads => {
  const lines = readFileSync(record, "utf8").split("\n")
  return {
    files: lines.filter((line) => line.startsWith("file:")).map((url) => fileURLToPath(url)),
    globalValues: lines.filter((line) => line.startsWith("global-value:")).map((line) => line.slice("global-value:".length))
  }
}
