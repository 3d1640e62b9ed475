import { linerBin, makeTempDir } from "@liner/testkit"
import { execFile } from "node:child_process"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { readRecordedLoads, type RecordedLoads, recorder } from "./support/recorded-loads.js"

// Start-up is mostly loading code, so each command loads only what it needs. Measured by
// `npm run bench` (cached-process); here only *what* is loaded is checked, never how long it takes.
const dirs: Array<{ path: string; remove: () => void }> = []
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

/** What `liner ARGS` loaded. */
const loadsOf = async (args: ReadonlyArray<string>): Promise<RecordedLoads> => {
  const dir = makeTempDir()
  dirs.push(dir)
  const record = join(dir.path, "loads.txt")
  await new Promise<void>((resolve) =>
    execFile(
      process.execPath,
      ["--import", recorder, linerBin, ...args],
      { env: { PATH: process.env["PATH"] ?? "", HOME: dir.path, LINER_DB: join(dir.path, "liner.db"), LINER_MUSICBRAINZ_URL: "http://127.0.0.1:9", LINER_RECORD_LOADS: record } },
      () => resolve()
    )
  )
  return readRecordedLoads(record)
}

const inNodeModules = (name: string) => (file: string) => file.includes(`/node_modules/${name}/`)
// A value @effect/platform's HTTP API registers when its module is initialised.
const httpApiMark = "@effect/platform/HttpApiSchema/astCache"

describe("start-up loads only what the command needs", () => {
  it("liner --version loads none of the CLI's code", async () => {
    const loads = await loadsOf(["--version"])
    expect(loads.files.filter(inNodeModules(""))).toEqual([])
    expect(loads.globalValues).toEqual([])
  })

  it("a soundtrack lookup loads neither the transcription-job stage's tokenizer nor the HTTP API", async () => {
    const loads = await loadsOf(["soundtrack", "Sholay", "--offline"])
    expect(loads.globalValues.length).toBeGreaterThan(0)
    expect(loads.files.some(inNodeModules("better-sqlite3"))).toBe(true)
    expect(loads.files.filter(inNodeModules("js-tiktoken"))).toEqual([])
    expect(loads.globalValues).not.toContain(httpApiMark)
  })

  it("the stage loads the tokenizer when it runs", async () => {
    const loads = await loadsOf(["stage", "songs", "--job-dir", "/nonexistent-job"])
    expect(loads.files.some(inNodeModules("js-tiktoken"))).toBe(true)
  })
})
