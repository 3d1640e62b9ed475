import { linerBin, makeTempDir } from "@liner/testkit"
import { execFile } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterEach, describe, expect, it } from "vitest"

// Start-up is mostly loading code, so each command loads only what it needs. Measured by
// `npm run bench` (cached-process); here only *what* is loaded is checked, never how long it takes.
const recorder = fileURLToPath(new URL("./support/record-loads.mjs", import.meta.url))
const dirs: Array<{ path: string; remove: () => void }> = []
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

/** The files of Liner's own bundle that `liner ARGS` loaded. */
const loadedBundleFiles = async (args: ReadonlyArray<string>): Promise<Array<string>> => {
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
  return readFileSync(record, "utf8")
    .split("\n")
    .filter((url) => url.startsWith("file:") && url.includes("/packages/cli/dist/"))
    .map((url) => fileURLToPath(url))
}

// The tokenizer's class keeps its name in the minified bundle (keepNames), so it marks the chunk.
const tokenizer = "Tiktoken"

describe("start-up loads only what the command needs", () => {
  it("liner --version loads none of the CLI's code", async () => {
    expect(await loadedBundleFiles(["--version"])).toEqual([])
  })

  it("a soundtrack lookup does not load the transcription-job stage or its tokenizer", async () => {
    const files = await loadedBundleFiles(["soundtrack", "Sholay", "--offline"])
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) expect(readFileSync(file, "utf8")).not.toContain(tokenizer)
  })

  it("the stage loads them when it runs", async () => {
    const files = await loadedBundleFiles(["stage", "songs", "--job-dir", "/nonexistent-job"])
    expect(files.some((file) => readFileSync(file, "utf8").includes(tokenizer))).toBe(true)
  })
})
