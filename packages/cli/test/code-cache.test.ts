import { linerBin, makeTempDir, runLiner } from "@liner/testkit"
import { execFile } from "node:child_process"
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterEach, describe, expect, it } from "vitest"

// bin/liner.cjs runs the bundle with V8's code cache (start-up: see the cached-process bench).
// Whatever the cache holds, the command must do what it does without one.
const dirs: Array<{ path: string; remove: () => void }> = []
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

const bundle = fileURLToPath(new URL("../dist/bundle/liner.cjs", import.meta.url))
const nodeModules = fileURLToPath(new URL("../../../node_modules", import.meta.url))

/** A copy of the built CLI in a folder of its own, so that its cache is this test's. */
const copyOfTheCli = () => {
  const dir = makeTempDir()
  dirs.push(dir)
  mkdirSync(join(dir.path, "bin"))
  mkdirSync(join(dir.path, "dist", "bundle"), { recursive: true })
  copyFileSync(linerBin, join(dir.path, "bin", "liner.cjs"))
  copyFileSync(bundle, join(dir.path, "dist", "bundle", "liner.cjs"))
  symlinkSync(nodeModules, join(dir.path, "node_modules"))
  return { bin: join(dir.path, "bin", "liner.cjs"), bundleDir: join(dir.path, "dist", "bundle"), cache: join(dir.path, "dist", "bundle", "liner.cjs.cache"), home: dir.path }
}

const examples = fileURLToPath(new URL("../../../examples/bollywood_soundtracks.json", import.meta.url))
const lookup = ["soundtrack", "Jaane Tu... Ya Jaane Na", "--year", "2008", "--offline"]
/** The answer without the tiers' timings, which vary from run to run (and are left out when under 1 ms). */
const withoutTimings = (stdout: string) => stdout.replace(/ \(\d+ ms\)/g, "")

const run = (bin: string, home: string): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) =>
    execFile(
      process.execPath,
      [bin, ...lookup],
      { env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", HOME: home, LINER_DB: join(home, "liner.db"), NODE_DEBUG: "liner" } },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout: withoutTimings(stdout), stderr })
    )
  )

/** Imports the curated examples into the copy's store (with the CLI of the repository), then answers the lookup as that CLI does: the reference every run must match. */
const reference = async (home: string) => {
  const env = { HOME: home, LINER_DB: join(home, "liner.db") }
  expect((await runLiner(["db", "import", examples], env)).code).toBe(0)
  const { code, stdout } = await runLiner(lookup, env)
  expect(code).toBe(0)
  expect(stdout).toContain("Pappu Can't Dance Saala")
  return { code, stdout: withoutTimings(stdout) }
}

describe("the code cache", () => {
  it("is written by a run that has none, used by the next, and changes nothing in what the command does", async () => {
    const cli = copyOfTheCli()
    const expected = await reference(cli.home)
    const first = await run(cli.bin, cli.home)
    expect(first.stderr).toMatch(/code cache missing/)
    expect(first.stderr).toMatch(/code cache written/)
    expect(readFileSync(cli.cache).length).toBeGreaterThan(0)
    const second = await run(cli.bin, cli.home)
    expect(second.stderr).toMatch(/code cache used/)
    expect(second.stderr).not.toMatch(/code cache written/)
    for (const result of [first, second]) expect({ code: result.code, stdout: result.stdout }).toEqual(expected)
  })

  it("that does not match (another Node, a damaged file) is ignored and written anew", async () => {
    const cli = copyOfTheCli()
    const expected = await reference(cli.home)
    const damaged = Buffer.from("not V8's code cache")
    writeFileSync(cli.cache, damaged)
    const rejected = await run(cli.bin, cli.home)
    expect(rejected.stderr).toMatch(/code cache rejected/)
    expect({ code: rejected.code, stdout: rejected.stdout }).toEqual(expected)
    expect(readFileSync(cli.cache).equals(damaged)).toBe(false)
    expect((await run(cli.bin, cli.home)).stderr).toMatch(/code cache used/)
  })

  it("that cannot be written leaves the command as it is, and no temporary file behind", async () => {
    const cli = copyOfTheCli()
    const expected = await reference(cli.home)
    mkdirSync(cli.cache) // a folder where the cache would go: it can be neither read nor replaced
    const result = await run(cli.bin, cli.home)
    expect(result.stderr).toMatch(/code cache not written/)
    expect({ code: result.code, stdout: result.stdout }).toEqual(expected)
    expect(readdirSync(cli.bundleDir).sort()).toEqual(["liner.cjs", "liner.cjs.cache"])
  })
})

describe("bin/liner.cjs without a built bundle", () => {
  it("says what to run, exit 70, no stack trace", async () => {
    const cli = copyOfTheCli()
    rmSync(join(cli.bundleDir, "liner.cjs"))
    const result = await run(cli.bin, cli.home)
    expect(result.code).toBe(70)
    expect(result.stderr.trim()).toMatch(/^liner: \S+liner\.cjs is missing: build the CLI first \(npm run build\)$/)
  })
})
