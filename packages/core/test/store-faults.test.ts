import { describe, expect, it } from "@effect/vitest"
import { breakPageType, claimMoreCells, damageStorePage, makeTempDir } from "@liner/testkit"
import SqliteDatabase from "better-sqlite3"
import { Effect } from "effect"
import { sql } from "kysely"
import { type ChildProcess, spawn, spawnSync } from "node:child_process"
import { randomBytes } from "node:crypto"
import { readFileSync, statSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterEach } from "vitest"
import type { Soundtrack } from "../src/domain/soundtrack.js"
import { checkStoreIntegrity } from "../src/store/integrity.js"
import { makeDirectory } from "../src/store/make-dir.js"
import { findSoundtracks, saveSoundtrack } from "../src/store/soundtracks.js"
import { faultOfCode } from "../src/store/store-fault.js"
import { Store, StoreLayer, type StoreOptions } from "../src/store/store.js"

// Store faults as SQLite really raises them, on real files: what each becomes (a StoreError with
// its fault), and that the store is intact afterwards. The same faults through the `liner`
// binary are in packages/cli/test/store-faults.test.ts.

const dirs: Array<{ path: string; remove: () => void }> = []
const children: Array<ChildProcess> = []
const tempDir = () => {
  const dir = makeTempDir()
  dirs.push(dir)
  return dir.path
}
afterEach(() => {
  children.splice(0).forEach((child) => child.kill("SIGKILL"))
  dirs.splice(0).forEach((d) => d.remove())
})

const soundtrack = (title: string, songs: number, titleLength = 20): Soundtrack => ({
  album: { title, releaseDate: null, label: null, musicbrainz: null, spotify: null },
  tracks: Array.from({ length: songs }, (_, i) => ({
    position: i + 1,
    title: `Song ${i + 1} `.padEnd(titleLength, "la "),
    artists: ["Kavita Rao"],
    composers: ["Arjun Mehra"],
    lyricists: [],
    durationMs: 200_000,
    musicbrainz: null,
    spotify: null
  })),
  alternatives: []
})

const save = (title: string, songs = 3, titleLength = 20) =>
  saveSoundtrack({
    film: { title, year: 2008, imdbId: null },
    origin: "imported",
    soundtrack: soundtrack(title, songs, titleLength),
    matchedBy: null,
    confidence: null,
    fetchedAt: "2026-11-21T10:00:00.000Z",
    expiresAt: null
  })

const storedTitles = findSoundtracks({ origins: ["imported"] }).pipe(Effect.map((all) => all.map((s) => s.film.title).sort()))

/** A store at `path` holding the given films (closed again when this returns). */
const storeWith = (path: string, titles: ReadonlyArray<string>, options: StoreOptions = {}) =>
  Effect.forEach(titles, (title) => save(title)).pipe(Effect.provide(StoreLayer.at(path, options)))

/** SQLite's own verdict on the file and the films it holds, read with a connection of its own. */
const inspect = (path: string) => {
  const raw = new SqliteDatabase(path, { readonly: true })
  try {
    return {
      integrity: raw.pragma("integrity_check", { simple: true }),
      films: raw.prepare("select title from films order by title").pluck().all()
    }
  } finally {
    raw.close()
  }
}

const betterSqlite3 = createRequire(import.meta.url).resolve("better-sqlite3")

/**
 * Another process holding the store's write lock (BEGIN EXCLUSIVE) until it is killed, or until
 * `releaseAfterMs` have passed when given.
 */
const holdLock = (path: string, releaseAfterMs?: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const script = [
      `const db = new (require(process.argv[1]))(process.argv[2])`,
      `db.exec("begin exclusive"); db.prepare("insert into misses values ('held', '{}', '', '')").run(); console.log("locked")`,
      `const release = Number(process.argv[3]); setTimeout(() => { db.exec("rollback"); db.close() }, release > 0 ? release : 2 ** 30)`
    ].join("\n")
    // The timeout kills it even if the test never gets to.
    const child = spawn(process.execPath, ["-e", script, betterSqlite3, path, String(releaseAfterMs ?? 0)], { stdio: ["ignore", "pipe", "inherit"], timeout: 60_000, killSignal: "SIGKILL" })
    children.push(child)
    child.stdout.on("data", (data: Buffer) => (data.toString().includes("locked") ? resolve() : undefined))
    child.on("exit", (code) => reject(new Error(`the lock holder exited (${code}) before taking the lock`)))
  })

describe("makeDirectory", () => {
  it("creates every missing level, and accepts folders that exist", () => {
    const root = tempDir()
    makeDirectory(join(root, "a", "b", "c"))
    expect(statSync(join(root, "a", "b", "c")).isDirectory()).toBe(true)
    makeDirectory(join(root, "a", "b", "c"))
    makeDirectory(join(root, "a"))
    makeDirectory(root)
    expect(statSync(join(root, "a", "b", "c")).isDirectory()).toBe(true)
  })

  it("refuses a file where a folder should be", () => {
    const root = tempDir()
    writeFileSync(join(root, "file"), "not a folder")
    expect(() => makeDirectory(join(root, "file", "below"))).toThrow(expect.objectContaining({ code: "ENOTDIR" }))
    expect(() => makeDirectory(join(root, "file"))).toThrow(expect.objectContaining({ code: "ENOTDIR" }))
  })

  it("gives up at once on a level that cannot be made (/proc/nope), where Node's recursive mkdir never returns", () => {
    // In a process of its own, killed if it does not end: a regression fails instead of hanging the tests.
    const helper = fileURLToPath(new URL("../src/store/make-dir.ts", import.meta.url))
    const script = `const { makeDirectory } = await import(${JSON.stringify(helper)}); try { makeDirectory("/proc/nope/deeper") } catch (error) { console.log("refused", error.code) }`
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 20_000, killSignal: "SIGKILL" })
    expect(run.signal).toBeNull()
    expect(run.stdout.trim()).toBe("refused ENOENT")
  })
})

describe("faultOfCode", () => {
  it("reads SQLite's extended result codes and the file system's codes", () => {
    expect(faultOfCode("SQLITE_READONLY_DIRECTORY")).toBe("read_only")
    expect(faultOfCode("SQLITE_READONLY")).toBe("read_only")
    expect(faultOfCode("SQLITE_FULL")).toBe("full")
    expect(faultOfCode("ENOSPC")).toBe("full")
    expect(faultOfCode("SQLITE_BUSY_SNAPSHOT")).toBe("locked")
    expect(faultOfCode("SQLITE_LOCKED")).toBe("locked")
    expect(faultOfCode("SQLITE_NOTADB")).toBe("not_a_database")
    expect(faultOfCode("SQLITE_CORRUPT_INDEX")).toBe("corrupt")
    expect(faultOfCode("SQLITE_IOERR_WRITE")).toBe("io")
    expect(faultOfCode("SQLITE_CANTOPEN_ISDIR")).toBe("cannot_open")
    expect(faultOfCode("ENOENT")).toBe("cannot_open")
    expect(faultOfCode("SQLITE_CONSTRAINT_UNIQUE")).toBeUndefined()
    expect(faultOfCode("")).toBeUndefined()
  })
})

describe("store faults", () => {
  it.effect.each<[string, Buffer]>([
    ["a text file", Buffer.from("precious notes, not SQLite\n".repeat(200))],
    ["random bytes", randomBytes(64 * 1024)]
  ])("%s is not a Liner database, and is left alone", ([, bytes]) => {
    const path = join(tempDir(), "liner.db")
    writeFileSync(path, bytes)
    return Effect.gen(function* () {
      const error = yield* Effect.flip(storedTitles.pipe(Effect.provide(StoreLayer.at(path))))
      expect(error.fault).toBe("not_a_database")
      expect(error.message).toBe(`cannot open the database ${path}: it is not a Liner database (not SQLite: file is not a database)`)
      expect(readFileSync(path).equals(bytes)).toBe(true)
    })
  })

  it.effect("a store at its size limit is full: the write fails whole and what was there stays", () => {
    const path = join(tempDir(), "liner.db")
    return Effect.gen(function* () {
      yield* storeWith(path, ["Dil Ki Raahein"], { maxSizeMb: 1 })
      // About 2 MB of song titles in one soundtrack: more than the limit allows.
      const error = yield* Effect.flip(save("Too Big To Keep", 200, 10_000).pipe(Effect.provide(StoreLayer.at(path, { maxSizeMb: 1 }))))
      expect(error.fault).toBe("full")
      expect(error.message).toBe(`cannot save the soundtrack: the database ${path} is full: no room is left on its disk, or it has reached its size limit`)
      expect(inspect(path)).toEqual({ integrity: "ok", films: ["Dil Ki Raahein"] })
      // Without the limit the same write fits.
      yield* save("Too Big To Keep", 200, 10_000).pipe(Effect.provide(StoreLayer.at(path)))
      expect(inspect(path).films).toEqual(["Dil Ki Raahein", "Too Big To Keep"])
    })
  })

  it.live("a write lock held by another process past the busy timeout is `locked`; reading still works", () => {
    const path = join(tempDir(), "liner.db")
    return Effect.gen(function* () {
      yield* storeWith(path, ["Dil Ki Raahein"])
      yield* Effect.promise(() => holdLock(path))
      const [titles, error] = yield* Effect.all([storedTitles, Effect.flip(save("Second Film"))]).pipe(Effect.provide(StoreLayer.at(path)))
      expect(titles).toEqual(["Dil Ki Raahein"])
      expect(error.fault).toBe("locked")
      expect(error.message).toBe(`cannot save the soundtrack: the database ${path} is locked by another process (waited 5 s for it)`)
      children.splice(0).forEach((child) => child.kill("SIGKILL"))
      expect(inspect(path)).toEqual({ integrity: "ok", films: ["Dil Ki Raahein"] })
    })
  })

  it.live("a writer waits for another process's write lock rather than fail at once", () => {
    const path = join(tempDir(), "liner.db")
    return Effect.gen(function* () {
      yield* storeWith(path, ["Dil Ki Raahein"])
      // Released well within the busy timeout; the save reads before it writes, as every save does.
      yield* Effect.promise(() => holdLock(path, 1500))
      yield* save("Second Film").pipe(Effect.provide(StoreLayer.at(path)))
      expect(inspect(path)).toEqual({ integrity: "ok", films: ["Dil Ki Raahein", "Second Film"] })
    })
  })

  it.effect("a write SQLite refuses as read-only is `read_only`; reading still works", () => {
    const path = join(tempDir(), "liner.db")
    return Effect.gen(function* () {
      yield* storeWith(path, ["Dil Ki Raahein"])
      // The unwritable file itself is in the CLI's tests (a process without the right to write it);
      // here SQLite's own read-only switch raises the same SQLITE_READONLY on this connection.
      const error = yield* Effect.gen(function* () {
        const { db } = yield* Store
        yield* Effect.promise(() => sql`pragma query_only = on`.execute(db))
        expect(yield* storedTitles).toEqual(["Dil Ki Raahein"])
        return yield* Effect.flip(save("Second Film"))
      }).pipe(Effect.provide(StoreLayer.at(path)))
      expect(error.fault).toBe("read_only")
      expect(error.message).toMatch(new RegExp(`^cannot save the soundtrack: the database ${path} is read-only: `))
      expect(inspect(path)).toEqual({ integrity: "ok", films: ["Dil Ki Raahein"] })
    })
  })

  it.effect("a path where no folder can be made cannot be opened", () => {
    const root = tempDir()
    writeFileSync(join(root, "file"), "not a folder")
    const path = join(root, "file", "liner.db")
    return Effect.gen(function* () {
      const error = yield* Effect.flip(storedTitles.pipe(Effect.provide(StoreLayer.at(path))))
      expect(error.fault).toBe("cannot_open")
      expect(error.message).toMatch(new RegExp(`^cannot open the database ${path}: ENOTDIR`))
    })
  })
})

describe("checkStoreIntegrity", () => {
  it.effect("a sound store is ok", () => {
    const path = join(tempDir(), "liner.db")
    return Effect.gen(function* () {
      yield* storeWith(path, ["Dil Ki Raahein", "Jaane Tu... Ya Jaane Na"])
      expect(yield* checkStoreIntegrity.pipe(Effect.provide(StoreLayer.at(path)))).toEqual({ path, ok: true, problems: [] })
    })
  })

  it.effect("an index that no longer matches its table is reported, one problem per line", () => {
    const path = join(tempDir(), "liner.db")
    return Effect.gen(function* () {
      yield* storeWith(path, ["Dil Ki Raahein", "Jaane Tu... Ya Jaane Na"])
      damageStorePage(path, "tracks_soundtrack", claimMoreCells)
      const report = yield* checkStoreIntegrity.pipe(Effect.provide(StoreLayer.at(path)))
      expect(report.ok).toBe(false)
      expect(report.problems).toContain("wrong # of entries in index tracks_soundtrack")
      expect(report.problems.every((line) => !line.includes("\n") && !line.startsWith("***"))).toBe(true)
    })
  })

  it.effect("a page too damaged for the check to read is reported by the check, and is `corrupt` to the queries that read it", () => {
    const path = join(tempDir(), "liner.db")
    return Effect.gen(function* () {
      yield* storeWith(path, ["Dil Ki Raahein", "Jaane Tu... Ya Jaane Na"])
      damageStorePage(path, "tracks", breakPageType)
      const [report, error] = yield* Effect.all([checkStoreIntegrity, Effect.flip(storedTitles)]).pipe(Effect.provide(StoreLayer.at(path)))
      expect(report).toEqual({ path, ok: false, problems: ["database disk image is malformed"] })
      expect(error.fault).toBe("corrupt")
      expect(error.message).toBe(`cannot read soundtracks: the database ${path} is damaged (database disk image is malformed)`)
    })
  })

  it.effect("a row whose parent is gone is a problem", () => {
    const path = join(tempDir(), "liner.db")
    return Effect.gen(function* () {
      yield* storeWith(path, ["Dil Ki Raahein"])
      const raw = new SqliteDatabase(path)
      raw.pragma("foreign_keys = off")
      raw.prepare("delete from soundtracks").run()
      raw.close()
      const report = yield* checkStoreIntegrity.pipe(Effect.provide(StoreLayer.at(path)))
      expect(report.ok).toBe(false)
      expect(report.problems).toEqual([
        "tracks row 1 refers to a soundtracks row that does not exist",
        "tracks row 2 refers to a soundtracks row that does not exist",
        "tracks row 3 refers to a soundtracks row that does not exist"
      ])
    })
  })
})
