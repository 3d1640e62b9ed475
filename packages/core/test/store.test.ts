import { describe, expect, it } from "@effect/vitest"
import { makeTempDir } from "@liner/testkit"
import SqliteDatabase from "better-sqlite3"
import { Effect, Exit, Option } from "effect"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterEach } from "vitest"
import type { Soundtrack } from "../src/domain/soundtrack.js"
import { logLookup, readLookups } from "../src/store/lookup-log.js"
import { findFreshMiss, recordMiss } from "../src/store/misses.js"
import { fuzzyFilmCandidates } from "../src/store/fuzzy-films.js"
import { findSoundtracks, saveSoundtrack } from "../src/store/soundtracks.js"
import { filmKey } from "../src/store/film-key.js"
import { migrationProvider } from "../src/store/migrations.js"
import { StoreLayer } from "../src/store/store.js"
import { freshStoreLocation, itOnSqlite } from "./support/test-store.js"

const dirs: Array<{ remove: () => void }> = []
const tempDb = () => {
  const dir = makeTempDir()
  dirs.push(dir)
  return freshStoreLocation(join(dir.path, "nested"))
}
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

const soundtrack = (title: string, tracks: Array<string>): Soundtrack => ({
  album: { title, releaseDate: "2008-06-01", label: "T-Series", musicbrainz: { releaseGroupId: "rg-1", releaseId: "r-1" }, spotify: null },
  tracks: tracks.map((t, i) => ({
    position: i + 1,
    title: t,
    artists: ["Rashid Ali", "Madhushree"],
    composers: ["A. R. Rahman"],
    lyricists: ["Abbas Tyrewala"],
    durationMs: 200_000 + i,
    musicbrainz: { recordingId: `rec-${i}` },
    spotify: null
  })),
  alternatives: [{ source: "musicbrainz", title: `${title} (Score)`, releaseGroupId: "rg-2" }]
})

const jaane = { title: "Jaane Tu... Ya Jaane Na", year: 2008, imdbId: "tt0473367" }

describe("store", () => {
  itOnSqlite.effect("creates the file and its folder, migrates, and uses WAL", () => {
    const path = tempDb()
    return Effect.gen(function* () {
      yield* saveSoundtrack({
        film: jaane,
        origin: "musicbrainz",
        soundtrack: soundtrack("Jaane Tu Ya Jaane Na", ["Kabhi Kabhi Aditi"]),
        matchedBy: "imdb",
        confidence: 0.97,
        fetchedAt: "2026-11-21T10:00:00.000Z",
        expiresAt: "2027-02-19T10:00:00.000Z"
      })
    }).pipe(
      Effect.provide(StoreLayer.at(path)),
      Effect.flatMap(() => {
        const raw = new SqliteDatabase(path, { readonly: true })
        const mode = raw.pragma("journal_mode", { simple: true })
        const migrations = raw.prepare("select name from kysely_migration order by name").all()
        raw.close()
        expect(mode).toBe("wal")
        return Effect.promise(() => migrationProvider.getMigrations()).pipe(
          Effect.map((all) => expect(migrations).toEqual(Object.keys(all).sort().map((name) => ({ name }))))
        )
      })
    )
  })

  it.effect("keeps what it stored across reopenings, with tracks and credits in order", () => {
    const path = tempDb()
    const save = saveSoundtrack({
      film: jaane,
      origin: "musicbrainz",
      soundtrack: soundtrack("Jaane Tu Ya Jaane Na", ["Pappu Can't Dance Saala", "Kabhi Kabhi Aditi"]),
      matchedBy: "imdb",
      confidence: 0.97,
      fetchedAt: "2026-11-21T10:00:00.000Z",
      expiresAt: null
    }).pipe(Effect.provide(StoreLayer.at(path)))
    const read = findSoundtracks({ origins: ["musicbrainz"], imdbId: "tt0473367" }).pipe(Effect.provide(StoreLayer.at(path)))
    return Effect.gen(function* () {
      yield* save
      const [found] = yield* read
      expect(found?.soundtrack).toEqual(soundtrack("Jaane Tu Ya Jaane Na", ["Pappu Can't Dance Saala", "Kabhi Kabhi Aditi"]))
      expect(found?.film).toMatchObject(jaane)
      expect(found?.origin).toBe("musicbrainz")
      expect(found?.matchedBy).toBe("imdb")
    })
  })

  it.effect("replaces a film's answer from the same origin and keeps other origins", () =>
    Effect.gen(function* () {
      const base = { film: jaane, matchedBy: "title" as const, confidence: 0.9, fetchedAt: "2026-11-21T10:00:00.000Z", expiresAt: null }
      yield* saveSoundtrack({ ...base, origin: "musicbrainz", soundtrack: soundtrack("Old", ["A"]) })
      yield* saveSoundtrack({ ...base, origin: "musicbrainz", soundtrack: soundtrack("New", ["B", "C"]) })
      yield* saveSoundtrack({ ...base, origin: "pinned", soundtrack: soundtrack("Mine", ["D"]) })
      const all = yield* findSoundtracks({ origins: ["musicbrainz", "pinned"], normKey: filmKey(jaane.title), year: 2008 })
      expect(all.map((s) => [s.origin, s.soundtrack.album.title, s.soundtrack.tracks.length]).sort()).toEqual([
        ["musicbrainz", "New", 2],
        ["pinned", "Mine", 1]
      ])
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("a film with a conflicting IMDb id stays a separate film", () =>
    Effect.gen(function* () {
      const base = { matchedBy: "key" as const, confidence: 1, fetchedAt: "2026-11-21T10:00:00.000Z", expiresAt: null }
      yield* saveSoundtrack({ ...base, film: { ...jaane, imdbId: "tt1093370" }, origin: "imported", soundtrack: soundtrack("Curated", ["A"]) })
      yield* saveSoundtrack({ ...base, film: jaane, origin: "musicbrainz", soundtrack: soundtrack("From MB", ["B"]) })
      const byImdb = yield* findSoundtracks({ origins: ["imported", "musicbrainz"], imdbId: "tt0473367" })
      expect(byImdb.map((s) => s.soundtrack.album.title)).toEqual(["From MB"])
      const byTitle = yield* findSoundtracks({ origins: ["imported"], exactTitle: jaane.title, year: 2008 })
      expect(byTitle.map((s) => s.film.imdbId)).toEqual(["tt1093370"])
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("finds fuzzy candidates through the trigram index", () =>
    Effect.gen(function* () {
      const base = { origin: "imported" as const, matchedBy: null, confidence: null, fetchedAt: "2026-11-21T10:00:00.000Z", expiresAt: null }
      for (const [title, year] of [["Dil Chahta Hai", 2001], ["Dil Se", 1998], ["Rang De Basanti", 2006]] as const)
        yield* saveSoundtrack({ ...base, film: { title, year, imdbId: null }, soundtrack: soundtrack(title, ["x"]) })
      const candidates = yield* fuzzyFilmCandidates(filmKey("Dil Chahta Hain"), 10)
      expect(candidates[0]?.title).toBe("Dil Chahta Hai")
      expect(candidates.map((c) => c.title)).not.toContain("Rang De Basanti")
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("remembers a miss until it expires", () =>
    Effect.gen(function* () {
      yield* recordMiss({ queryKey: "imdb:tt0000001", query: { imdbId: "tt0000001" }, fetchedAt: "2026-11-01T00:00:00.000Z", expiresAt: "2026-11-08T00:00:00.000Z" })
      expect(Option.isSome(yield* findFreshMiss("imdb:tt0000001", "2026-11-07T23:59:59.000Z"))).toBe(true)
      expect(Option.isNone(yield* findFreshMiss("imdb:tt0000001", "2026-11-08T00:00:01.000Z"))).toBe(true)
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("logs lookups with their attempts", () =>
    Effect.gen(function* () {
      yield* logLookup({
        kind: "soundtrack",
        query: { title: "X" },
        status: "unavailable",
        source: null,
        startedAt: "2026-11-21T10:00:00.000Z",
        durationMs: 12.4,
        attempts: [{ tier: "musicbrainz", outcome: "failed", durationMs: 10, requests: 4, detail: "503 from musicbrainz after 4 tries" }]
      })
      const [logged] = yield* readLookups("soundtrack")
      expect(logged?.status).toBe("unavailable")
      expect(logged?.attempts.map((a) => [a.tier, a.outcome, a.requests, a.detail])).toEqual([
        ["musicbrainz", "failed", 4, "503 from musicbrainz after 4 tries"]
      ])
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  itOnSqlite.effect("refuses a file that is not a database, with a clear message, and leaves it alone", () => {
    const path = tempDb().replace("nested/", "")
    writeFileSync(path, "precious notes, not SQLite\n".repeat(200))
    return Effect.gen(function* () {
      const exit = yield* Effect.exit(findSoundtracks({ origins: ["pinned"] }).pipe(Effect.provide(StoreLayer.at(path))))
      expect(Exit.isFailure(exit)).toBe(true)
      if (Exit.isFailure(exit)) expect(String(exit.cause)).toMatch(/cannot (open|migrate) the database .*not a database/)
      expect(readFileSync(path, "utf8")).toBe("precious notes, not SQLite\n".repeat(200))
    })
  })
})
