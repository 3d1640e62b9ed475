import { makeTempDir, runLiner } from "@liner/testkit"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"

const dirs: Array<{ remove: () => void }> = []
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))
const env = () => {
  const dir = makeTempDir()
  dirs.push(dir)
  // An unreachable MusicBrainz: bad input must be refused before any source is asked.
  return { dir: dir.path, vars: { HOME: dir.path, LINER_DB: join(dir.path, "liner.db"), LINER_MUSICBRAINZ_URL: "http://127.0.0.1:9" } }
}

describe("liner soundtrack: bad input", () => {
  it.each([
    [["soundtrack", "--imdb", "tt12"], /IMDb id looks like tt0473367/],
    [["soundtrack", ""], /the title is empty/],
    [["soundtrack", "   "], /the title is empty/],
    [["soundtrack", "Sholay", "--year", "3000"], /a film year lies between 1888 and \d{4}/],
    [["soundtrack", "Sholay", "--year", "nineteen"], /year/],
    [["soundtrack"], /give at least a title or an IMDb id/],
    [["soundtrack", "Sholay", "--title", "Deewaar"], /give the title once/]
  ])("%j exits 2 with a clear message and no stack trace", async (args, message) => {
    const { vars } = env()
    const run = await runLiner(args, vars)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).not.toMatch(/\n\s+at .*\.js:\d+/)
    expect(run.stdout).toBe("")
    expect(existsSync(vars.LINER_DB)).toBe(false)
  })

  it("an unknown option is a usage error (exit 2)", async () => {
    const run = await runLiner(["soundtrack", "Sholay", "--colour"], env().vars)
    expect(run.code).toBe(2)
  })

  it("a LINER_DB that is not a database exits 2 and leaves the file alone", async () => {
    const { dir, vars } = env()
    const notes = join(dir, "notes.txt")
    await import("node:fs/promises").then((fs) => fs.writeFile(notes, "my notes\n".repeat(100)))
    const run = await runLiner(["soundtrack", "Sholay", "--offline"], { ...vars, LINER_DB: notes })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/cannot (open|migrate) the database .*notes\.txt.*check LINER_DB/)
    const content = await import("node:fs/promises").then((fs) => fs.readFile(notes, "utf8"))
    expect(content).toBe("my notes\n".repeat(100))
  })

  it("prints help and the version", async () => {
    const help = await runLiner(["soundtrack", "--help"], env().vars)
    expect(help.code).toBe(0)
    expect(help.stdout).toContain("--imdb")
    const version = await runLiner(["--version"], env().vars)
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })
})
