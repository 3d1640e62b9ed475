import { breakPageType, claimMoreCells, damageStorePage, linerBin, makeTempDir } from "@liner/testkit"
import SqliteDatabase from "better-sqlite3"
import { type ChildProcess, execFile, spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import { chmodSync, chownSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"

// A database Liner cannot use as it should, through the real binary: one clear line on standard
// error, the documented exit status, the store left as it was, and never a hang.

interface Run {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * The tests run as root in CI, and file modes do not stop root: "the user" whose file is
 * unwritable is then `nobody`, and `liner` runs as that user. As anyone else, it is the tester.
 */
const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined

/**
 * Runs `liner` as a separate process (as `user` when asked), with only the environment given.
 * SIGKILL after 60 s: a process stuck in a loop never reaches its SIGTERM handler, and a stuck run
 * must fail the test, not hang it.
 */
const liner = (args: ReadonlyArray<string>, env: Record<string, string>, options: { readonly asUser?: boolean } = {}): Promise<Run> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [linerBin, ...args],
      {
        env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", ...env },
        timeout: 60_000,
        killSignal: "SIGKILL",
        maxBuffer: 16 * 1024 * 1024,
        ...(options.asUser === true ? user : undefined)
      },
      (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : typeof error.code === "number" ? error.code : null,
          signal: error?.signal ?? null,
          stdout,
          stderr
        })
    )
  })

const dirs: Array<{ path: string; remove: () => void }> = []
const children: Array<ChildProcess> = []
afterEach(() => {
  children.splice(0).forEach((child) => child.kill("SIGKILL"))
  for (const dir of dirs.splice(0)) {
    chmodSync(join(dir.path, "store"), 0o755)
    dir.remove()
  }
})

/** A folder `store/` for the database, owned by `user` when the tests run as root. */
const setup = () => {
  const dir = makeTempDir()
  dirs.push(dir)
  chmodSync(dir.path, 0o755)
  const folder = join(dir.path, "store")
  mkdirSync(folder)
  const db = join(folder, "liner.db")
  return { dir: dir.path, folder, db, env: { HOME: dir.path, LINER_DB: db, LINER_MUSICBRAINZ_URL: "http://127.0.0.1:9" } }
}

/** Hands the folder and what it holds to `user` (when the tests run as root). */
const giveToUser = (folder: string) => {
  if (user === undefined) return
  chownSync(folder, user.uid, user.gid)
  for (const name of readdirSync(folder)) chownSync(join(folder, name), user.uid, user.gid)
}

const addFilm = async (env: Record<string, string>, title: string) => {
  const run = await liner(["db", "add", "--title", title, "--year", "2011", "--track", "Saawan Aaya|Kavita Rao|Arjun Mehra"], env)
  expect(run.code, run.stderr).toBe(0)
}

/** SQLite's own verdict on the file and the films it holds. */
const inspect = (path: string) => {
  const raw = new SqliteDatabase(path, { readonly: true })
  try {
    return { integrity: raw.pragma("integrity_check", { simple: true }), films: raw.prepare("select title from films order by title").pluck().all() }
  } finally {
    raw.close()
  }
}

const oneLine = (stderr: string) => {
  expect(stderr.endsWith("\n")).toBe(true)
  expect(stderr.trimEnd().split("\n")).toHaveLength(1)
  return stderr.trimEnd()
}

const betterSqlite3 = createRequire(import.meta.url).resolve("better-sqlite3")

/** Another process holding the database's write lock (BEGIN EXCLUSIVE) until it is killed. */
const holdLock = (path: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const script = `const db = new (require(process.argv[1]))(process.argv[2]); db.exec("begin exclusive"); db.prepare("insert into misses values ('held', '{}', '', '')").run(); console.log("locked"); setInterval(() => {}, 1000)`
    const child = spawn(process.execPath, ["-e", script, betterSqlite3, path], { stdio: ["ignore", "pipe", "inherit"], timeout: 60_000, killSignal: "SIGKILL" })
    children.push(child)
    child.stdout.on("data", (data: Buffer) => (data.toString().includes("locked") ? resolve() : undefined))
    child.on("exit", (code) => reject(new Error(`the lock holder exited (${code}) before taking the lock`)))
  })

describe("an unusable LINER_DB", () => {
  it("a folder that cannot be made (/proc/nope) ends the run at once: exit 2, one line", async () => {
    const run = await liner(["db", "list"], { LINER_DB: "/proc/nope/x.db" })
    expect(run.signal).toBeNull()
    expect(run.code).toBe(2)
    expect(oneLine(run.stderr)).toMatch(/^liner: cannot open the database \/proc\/nope\/x\.db: ENOENT: .*'\/proc\/nope'.* \(check LINER_DB\)$/)
    expect(run.stdout).toBe("")
  })

  it.each([
    ["a text file", Buffer.from("precious notes, not SQLite\n".repeat(200))],
    ["random bytes", randomBytes(64 * 1024)]
  ])("%s is not a Liner database: exit 2, one line, the file untouched", async (_, bytes) => {
    const { folder, db, env } = setup()
    writeFileSync(db, bytes)
    for (const args of [["db", "list"], ["db", "add", "--title", "X", "--track", "Y"], ["db", "check"]]) {
      const run = await liner(args, env)
      expect(run.code).toBe(2)
      expect(oneLine(run.stderr)).toBe(`liner: cannot open the database ${db}: it is not a Liner database (not SQLite: file is not a database) (check LINER_DB)`)
    }
    expect(readFileSync(db).equals(bytes)).toBe(true)
    expect(readdirSync(folder)).toEqual(["liner.db"])
  })
})

describe("a database the user cannot write", () => {
  it("a read-only file: writing exits 2 with one line, reading still works, the store is intact", async () => {
    const { folder, db, env } = setup()
    await addFilm(env, "Dil Ki Raahein")
    giveToUser(folder)
    chmodSync(db, 0o444)

    const write = await liner(["db", "add", "--title", "Second Film", "--track", "Song"], env, { asUser: true })
    expect(write.code).toBe(2)
    expect(oneLine(write.stderr)).toBe(
      `liner: cannot save the soundtrack: the database ${db} is read-only: the file, or the folder that holds its -wal and -shm files, cannot be written (make the file and its folder writable, or point LINER_DB elsewhere)`
    )
    const read = await liner(["db", "list", "--json"], env, { asUser: true })
    expect(read.code).toBe(0)
    expect(JSON.parse(read.stdout).map((s: { film: { title: string } }) => s.film.title)).toEqual(["Dil Ki Raahein"])
    expect(inspect(db)).toEqual({ integrity: "ok", films: ["Dil Ki Raahein"] })
  })

  it("a read-only folder (no room for the -wal and -shm files): exit 2 with one line, the store is intact", async () => {
    const { folder, db, env } = setup()
    await addFilm(env, "Dil Ki Raahein")
    giveToUser(folder)
    chmodSync(folder, 0o555)

    for (const args of [["db", "list"], ["db", "add", "--title", "Second Film", "--track", "Song"]]) {
      const run = await liner(args, env, { asUser: true })
      expect(run.code).toBe(2)
      expect(oneLine(run.stderr)).toBe(
        `liner: cannot open the database ${db}: it is read-only: the file, or the folder that holds its -wal and -shm files, cannot be written (make the file and its folder writable, or point LINER_DB elsewhere)`
      )
    }
    expect(readdirSync(folder)).toEqual(["liner.db"])
    expect(inspect(db)).toEqual({ integrity: "ok", films: ["Dil Ki Raahein"] })
  })
})

describe("a full database", () => {
  it("an import that does not fit under LINER_DB_MAX_MB exits 2 with one line, and what was there stays", async () => {
    const { dir, db, env } = setup()
    await addFilm(env, "Dil Ki Raahein")
    // One film with about 2 MB of song titles: one write, more than 1 MB allows.
    const song = (i: number) => ({ title: `Song ${i} ${"la ".repeat(16_000)}`, artist: "Kavita Rao" })
    const file = join(dir, "big.json")
    writeFileSync(file, JSON.stringify({ "Too Big To Keep (2001)": { title: "Too Big To Keep", year: 2001, tracks: Array.from({ length: 40 }, (_, i) => song(i)) } }))

    const run = await liner(["db", "import", file], { ...env, LINER_DB_MAX_MB: "1" })
    expect(run.code).toBe(2)
    expect(oneLine(run.stderr)).toBe(
      `liner: cannot save the soundtrack: the database ${db} is full: no room is left on its disk, or it has reached its size limit (free some room on its disk (or raise LINER_DB_MAX_MB), or point LINER_DB elsewhere)`
    )
    expect(inspect(db)).toEqual({ integrity: "ok", films: ["Dil Ki Raahein"] })
  })
})

describe("a database locked by another process", () => {
  it("a write waits the busy timeout, then exits 75 with one line; reading is not blocked; the store is intact", async () => {
    const { db, env } = setup()
    await addFilm(env, "Dil Ki Raahein")
    await holdLock(db)

    const read = await liner(["db", "list", "--json"], env)
    expect(read.code).toBe(0)
    expect(JSON.parse(read.stdout)).toHaveLength(1)
    const write = await liner(["db", "add", "--title", "Second Film", "--track", "Song"], env)
    expect(write.code).toBe(75)
    expect(oneLine(write.stderr)).toBe(
      `liner: cannot save the soundtrack: the database ${db} is locked by another process (waited 5 s for it) (try again when the other process is done with it)`
    )
    children.splice(0).forEach((child) => child.kill("SIGKILL"))
    expect(inspect(db)).toEqual({ integrity: "ok", films: ["Dil Ki Raahein"] })
  })
})

/** A copy of `path` whose root page of a table or index is rewritten by `damage`. */
const damagedCopy = (path: string, name: string, damage: (page: Buffer) => void) => {
  const copy = path.replace(/\.db$/, `-${name}.db`)
  copyFileSync(path, copy)
  damageStorePage(copy, name, damage)
  return copy
}

describe("liner db check", () => {
  it("a sound database: ok, exit 0", async () => {
    const { db, env } = setup()
    await addFilm(env, "Dil Ki Raahein")
    const run = await liner(["db", "check"], env)
    expect(run).toMatchObject({ code: 0, stdout: "ok\n", stderr: "" })
    const json = await liner(["db", "check", "--json"], env)
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual({ path: db, ok: true, problems: [] })
  })

  it("an index that no longer matches its table (reads do not notice): the problems, exit 1", async () => {
    const { db, env } = setup()
    await addFilm(env, "Dil Ki Raahein")
    await addFilm(env, "Jaane Tu... Ya Jaane Na")
    // The index page claims five more entries than it holds.
    const copy = damagedCopy(db, "tracks_soundtrack", claimMoreCells)
    const damaged = { ...env, LINER_DB: copy }

    const run = await liner(["db", "check"], damaged)
    expect(run.code).toBe(1)
    expect(run.stdout.split("\n")).toContain("wrong # of entries in index tracks_soundtrack")
    expect(oneLine(run.stderr)).toMatch(new RegExp(`^liner: the database ${copy} failed its check: \\d+ problems \\(restore a copy, or point LINER_DB elsewhere\\)$`))
    const json = await liner(["db", "check", "--json"], damaged)
    expect(json.code).toBe(1)
    const report = JSON.parse(json.stdout)
    expect(report).toMatchObject({ path: copy, ok: false })
    expect(report.problems.join("\n")).toBe(run.stdout.trimEnd())
    expect(inspect(db)).toEqual({ integrity: "ok", films: ["Dil Ki Raahein", "Jaane Tu... Ya Jaane Na"] })
  })

  it("a table page SQLite cannot read: check exits 1, the commands that read it exit 2 with one line", async () => {
    const { db, env } = setup()
    await addFilm(env, "Dil Ki Raahein")
    const copy = damagedCopy(db, "tracks", breakPageType)
    const damaged = { ...env, LINER_DB: copy }

    const check = await liner(["db", "check", "--json"], damaged)
    expect(check.code).toBe(1)
    expect(JSON.parse(check.stdout)).toEqual({ path: copy, ok: false, problems: ["database disk image is malformed"] })
    const list = await liner(["db", "list"], damaged)
    expect(list.code).toBe(2)
    expect(oneLine(list.stderr)).toBe(`liner: cannot read soundtracks: the database ${copy} is damaged (database disk image is malformed) (restore a copy, or point LINER_DB elsewhere)`)
  })
})
