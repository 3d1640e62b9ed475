import {
  createPostgresDatabase,
  defaultMusicBrainzCatalogue,
  type FakeMusicBrainz,
  makeTempDir,
  type PostgresServer,
  postgresUrl,
  refusingPort,
  runLiner,
  startFakeMusicBrainz,
  startPostgresServer
} from "@liner/testkit"
import { join } from "node:path"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"

// `liner db migrate` and `liner db copy` as a user runs them: the real binary, a real SQLite
// file, a throwaway PostgreSQL server (Debian's postgresql package), a local fake MusicBrainz.
let pg: PostgresServer
let mb: FakeMusicBrainz
let dir: { path: string; remove: () => void }
let env: Record<string, string>

beforeAll(async () => {
  pg = await startPostgresServer()
})
afterAll(() => pg.stop())
beforeEach(async () => {
  mb = await startFakeMusicBrainz({ catalogue: defaultMusicBrainzCatalogue().catalogue, rate: null })
  dir = makeTempDir()
  env = { HOME: dir.path, LINER_DB: join(dir.path, "liner.db"), LINER_MUSICBRAINZ_URL: mb.url, LINER_MUSICBRAINZ_RATE: "1000", LINER_CONTACT: "tests@liner.invalid" }
})
afterEach(async () => {
  await mb.close()
  dir.remove()
})

const ok = async (args: ReadonlyArray<string>, extra: Record<string, string> = {}) => {
  const run = await runLiner(args, { ...env, ...extra })
  expect(run, `liner ${args.join(" ")}`).toMatchObject({ code: 0 })
  return run
}

/** A soundtrack document without how long each tier took (this run's timing, not the store's answer). */
const answer = (stdout: string) => {
  const document = JSON.parse(stdout) as { attempts?: Array<Record<string, unknown>> }
  return { ...document, attempts: (document.attempts ?? []).map(({ durationMs: _, ...attempt }) => attempt) }
}

/** What the store answers, offline, for each film the tests stored. */
const answers = async (db: string) => ({
  byImdb: answer((await ok(["soundtrack", "--imdb", "tt9100001", "--offline", "--json"], { LINER_DB: db })).stdout),
  byTitle: answer((await ok(["soundtrack", "Dil Ki Raahein", "--year", "2011", "--offline", "--json"], { LINER_DB: db })).stdout),
  pinned: answer((await ok(["soundtrack", "Lagaan", "--year", "2001", "--offline", "--json"], { LINER_DB: db })).stdout),
  search: (await ok(["db", "search", "dil ki rahein", "--json"], { LINER_DB: db })).stdout,
  list: (await ok(["db", "list", "--json"], { LINER_DB: db })).stdout,
  queue: (await ok(["queue", "list", "--json"], { LINER_DB: db })).stdout
})

/** A SQLite store with answers from MusicBrainz, a pinned film, lookups and a queued item. */
const populate = async () => {
  await ok(["soundtrack", "--imdb", "tt9100001", "--json"])
  await ok(["soundtrack", "Dil Ki Raahein", "--year", "2011", "--json"])
  await ok(["db", "add", "--title", "Lagaan", "--year", "2001", "--track", "Mitwa|Udit Narayan, Alka Yagnik|A. R. Rahman|Javed Akhtar", "--pin"])
  await ok(["queue", "add", "--kind", "label", "Velvet Static", "--artist", "Mara Lindqvist"])
}

const copied = (stdout: string) =>
  stdout
    .split("\n")
    .slice(1)
    .filter((line) => line.trim() !== "")
    .map((line) => line.trim().split(/\s+/))

describe("liner db copy", () => {
  it("moves a populated SQLite store into PostgreSQL: every table counted ok, the same answers, new rows after the copied ids", async () => {
    await populate()
    const target = createPostgresDatabase(pg)
    const copy = await ok(["db", "copy", "--from", env["LINER_DB"] ?? "", "--to", target])
    const rows = copied(copy.stdout)
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(["films", "soundtracks", "tracks", "credits", "lookups", "attempts", "queue_items", "queue_history", "film_trigrams", "dj_sets"]))
    for (const row of rows) expect(row[2], row.join(" ")).toBe("ok")
    // Parents before children.
    const order = rows.map((r) => r[0])
    expect(order.indexOf("films")).toBeLessThan(order.indexOf("soundtracks"))
    expect(order.indexOf("soundtracks")).toBeLessThan(order.indexOf("tracks"))
    expect(order.indexOf("tracks")).toBeLessThan(order.indexOf("credits"))
    expect(Number(rows.find((r) => r[0] === "films")?.[1])).toBeGreaterThanOrEqual(2)

    expect(await answers(target)).toEqual(await answers(env["LINER_DB"] ?? ""))
    // PostgreSQL's id sequences moved past the copied ids: a new film is stored, not refused.
    await ok(["db", "add", "--title", "Swades", "--year", "2004", "--track", "Yeh Tara Woh Tara|Udit Narayan|A. R. Rahman|Javed Akhtar"], { LINER_DB: target })
    expect((await ok(["db", "list", "--json"], { LINER_DB: target })).stdout).toContain("Swades")

    // And back into a new SQLite file: the same answers again.
    const back = join(dir.path, "back.db")
    await ok(["db", "copy", "--from", env["LINER_DB"] ?? "", "--to", back])
    expect(await answers(back)).toEqual(await answers(env["LINER_DB"] ?? ""))
  })

  it("refuses a target that holds data unless --force, which replaces it", async () => {
    await populate()
    const target = createPostgresDatabase(pg)
    await ok(["db", "add", "--title", "Swades", "--year", "2004", "--track", "Yeh Tara Woh Tara|Udit Narayan|A. R. Rahman|Javed Akhtar"], { LINER_DB: target })
    const refused = await runLiner(["db", "copy", "--from", env["LINER_DB"] ?? "", "--to", target], env)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/already holds data \(in .*films.*\).*--force/)
    expect((await ok(["db", "list", "--json"], { LINER_DB: target })).stdout).toContain("Swades")
    const forced = await ok(["db", "copy", "--from", env["LINER_DB"] ?? "", "--to", target, "--force", "--json"])
    const document = JSON.parse(forced.stdout) as { ok: boolean; tables: Array<{ table: string; rows: number; ok: boolean }> }
    expect(document.ok).toBe(true)
    expect(document.tables.every((t) => t.ok)).toBe(true)
    expect((await ok(["db", "list", "--json"], { LINER_DB: target })).stdout).not.toContain("Swades")
    expect(await answers(target)).toEqual(await answers(env["LINER_DB"] ?? ""))
  })
})

describe("liner db migrate", () => {
  it("runs every migration on a new PostgreSQL database, then none", async () => {
    const target = createPostgresDatabase(pg)
    const first = JSON.parse((await ok(["db", "migrate", "--json"], { LINER_DB: target })).stdout) as { dialect: string; ran: Array<string>; migrations: number }
    expect(first.dialect).toBe("postgres")
    expect(first.ran[0]).toBe("0001_films_soundtracks")
    expect(first.ran).toHaveLength(first.migrations)
    const again = await ok(["db", "migrate"], { LINER_DB: target })
    expect(again.stdout).toMatch(/is up to date \(\d+ migrations, 0 run now\)/)
  })
})

describe("a PostgreSQL URL's password", () => {
  it("never shows in any output or error", async () => {
    const secret = "Hunter2-not-for-eyes"
    const name = createPostgresDatabase(pg).split("/").pop() ?? ""
    // Trust authentication takes any password: the URL works, and carries it.
    const url = postgresUrl(pg, name, secret)
    const runs = [
      await runLiner(["db", "migrate"], { ...env, LINER_DB: url }),
      await runLiner(["db", "migrate", "--json"], { ...env, LINER_DB: url }),
      await runLiner(["db", "check"], { ...env, LINER_DB: url }),
      await runLiner(["db", "copy", "--from", url, "--to", join(dir.path, "copy.db")], env),
      await runLiner(["db", "copy", "--from", join(dir.path, "copy.db"), "--to", url], env),
      await runLiner(["db", "copy", "--from", url, "--to", url], env)
    ]
    expect(runs.map((r) => r.code)).toEqual([0, 0, 2, 0, 0, 2])
    expect(runs[0]?.stdout).toContain(`postgres://liner:***@`)
    expect(runs[2]?.stderr).toMatch(/the check is SQLite's/)
    for (const run of runs) expect(run.stdout + run.stderr).not.toContain(secret)

    const port = await refusingPort()
    const unreachable = `postgres://liner:${secret}@127.0.0.1:${port}/liner`
    for (const args of [["db", "list"], ["soundtrack", "Lagaan", "--offline"], ["db", "migrate"]]) {
      const run = await runLiner(args, { ...env, LINER_DB: unreachable })
      expect(run.code, args.join(" ")).toBe(2)
      expect(run.stderr).toContain(`cannot open the database postgres://liner:***@127.0.0.1:${port}/liner`)
      expect(run.stderr).toContain("check LINER_DB")
      expect(run.stderr).not.toMatch(/\n\s+at /)
      expect(run.stdout + run.stderr).not.toContain(secret)
    }
  })
})
