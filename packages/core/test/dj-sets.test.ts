import { describe, expect, it } from "@effect/vitest"
import { makeTempDir } from "@liner/testkit"
import SqliteDatabase from "better-sqlite3"
import { Effect, Either } from "effect"
import { afterEach } from "vitest"
import { makeLearnedTier } from "../src/label/learned-tier.js"
import { groupSetRows, type NumberedSetRow } from "../src/sets/dj-set.js"
import { parseDjList } from "../src/sets/dj-list.js"
import { decodeSetRow, type SetRow } from "../src/sets/set-row.js"
import {
  artistPlaysByDj,
  artistsOfLabel,
  djSetCounts,
  djsOfSets,
  importDjSets,
  labelsOfArtist,
  neighbourPlays,
  playsOfTitleKey,
  playsOfTrackKey,
  readDjSets,
  topArtistsOfDj
} from "../src/store/dj-sets.js"
import { labelTallies } from "../src/store/label-knowledge.js"
import { StoreLayer, withDb } from "../src/store/store.js"
import { freshStoreLocation, itOnSqlite } from "./support/test-store.js"

// DJ sets in the store, on real SQLite files: rows as a set file gives them, grouped into sets,
// imported, read back the way identification will read them.
const dirs: Array<{ remove: () => void }> = []
const tempDb = () => {
  const dir = makeTempDir()
  dirs.push(dir)
  return freshStoreLocation(dir.path)
}
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

const NOW = "2026-03-01T10:00:00.000Z"

type Cells = Partial<Record<"set_id" | "dj" | "date" | "position" | "artist" | "title" | "label" | "track_key", string | number>>

/** Rows as a file would give them, numbered like lines after a header. */
const numbered = (cells: ReadonlyArray<Cells>): Array<NumberedSetRow> =>
  cells.map((c, i) => {
    const row = decodeSetRow(c)
    if (Either.isLeft(row)) throw new Error(`test row ${i + 2}: ${row.left}`)
    return { line: i + 2, row: row.right }
  })

const setsOf = (cells: ReadonlyArray<Cells>) => {
  const { sets, rejected } = groupSetRows(numbered(cells))
  expect(rejected).toEqual([])
  return sets
}

const importRows = (cells: ReadonlyArray<Cells>, options: { readonly rowsPerTransaction?: number } = {}) => importDjSets(setsOf(cells), { now: NOW, ...options })

const set1: ReadonlyArray<Cells> = [
  { set_id: "tl-set-1", dj: "Mara Lindqvist", date: "2025-06-01", position: 1, artist: "Henrik Bäcklund", title: "Nordlicht", label: "Polarlicht Tonträger", track_key: "t-nord" },
  { set_id: "tl-set-1", dj: "Mara Lindqvist", date: "2025-06-01", position: 2, artist: "ID", title: "ID", track_key: "t-id-1" },
  { set_id: "tl-set-1", dj: "Mara Lindqvist", date: "2025-06-01", position: 3, artist: "Mara Lindqvist", title: "Velvet Static (Extended Mix)", label: "Nightglass Records" }
]
const set2: ReadonlyArray<Cells> = [
  { set_id: "tl-set-2", dj: "Henrik Bäcklund & Mara Lindqvist", date: "2025-07-12", position: 1, artist: "Mara Lindqvist", title: "Glass Hours", label: "Nightglass" },
  { set_id: "tl-set-2", dj: "Henrik Bäcklund & Mara Lindqvist", date: "2025-07-12", position: 2, artist: "Unknown Artist", title: "ID", track_key: "t-id-1" }
]

describe("set rows", () => {
  it("say what is wrong with a row in one sentence naming its column", () => {
    const reason = (cells: unknown) => Either.match(decodeSetRow(cells), { onLeft: (why) => why, onRight: () => "ok" })
    const good = { set_id: "s", dj: "D", position: "1" }
    expect(reason(good)).toBe("ok")
    expect(reason({ ...good, position: "x" })).toBe("position is not a positive integer")
    expect(reason({ ...good, position: "0" })).toBe("position is not a positive integer")
    expect(reason({ ...good, position: 2.5 })).toBe("position is not a positive integer")
    expect(reason({ dj: "D", position: "1" })).toBe("set_id is missing")
    expect(reason({ ...good, set_id: "  " })).toBe("set_id is empty")
    expect(reason({ set_id: "s", position: "1" })).toBe("dj is missing")
    expect(reason({ ...good, date: "2025-02-30" })).toBe("date is not an ISO date (YYYY-MM-DD)")
    expect(reason({ ...good, title: ["ID"] })).toBe("title is not text")
  })

  it("read JSON numbers and trim blanks; an absent optional cell is empty", () => {
    expect(decodeSetRow({ set_id: 17, dj: " DJ One ", position: 3, date: null, track_key: " k " })).toEqual(
      Either.right({ setId: "17", dj: "DJ One", date: "", position: 3, artist: "", title: "", label: "", trackKey: "k" } satisfies SetRow)
    )
  })

  it("split a back-to-back DJ cell on & and , and normalise each DJ as an artist is", () => {
    expect(parseDjList("Henrik Bäcklund & Mara Lindqvist, DJ Três")).toEqual([
      { name: "Henrik Bäcklund", key: "henrik backlund" },
      { name: "Mara Lindqvist", key: "mara lindkvist" },
      { name: "DJ Três", key: "dj tres" }
    ])
    expect(parseDjList("Mara Lindqvist & mara lindqvist")).toHaveLength(1)
  })

  it("reject a second row at a taken position and a second date of a set, by line", () => {
    const { sets, rejected } = groupSetRows(
      numbered([
        { set_id: "s", dj: "D", date: "2025-01-01", position: 1, artist: "A", title: "One" },
        { set_id: "s", dj: "D", date: "2025-01-01", position: 1, artist: "A", title: "One" },
        { set_id: "s", dj: "D", date: "2025-01-01", position: 1, artist: "B", title: "Other" },
        { set_id: "s", dj: "D", date: "2025-01-02", position: 2, artist: "C", title: "Three" },
        { set_id: "s", dj: "D", position: 3, artist: "C", title: "Four" }
      ])
    )
    expect(rejected).toEqual([
      { line: 3, reason: "repeats line 2" },
      { line: 4, reason: "position 1 of set s is already taken by line 2" },
      { line: 5, reason: "date 2025-01-02 differs from 2025-01-01 (line 2) for set s" }
    ])
    expect(sets.map((s) => [s.sourceId, s.date, s.tracks.map((t) => t.position)])).toEqual([["s", "2025-01-01", [1, 3]]])
  })
})

describe("DJ sets in the store", () => {
  it.effect("a set imported twice is stored once", () =>
    Effect.gen(function* () {
      const set3: ReadonlyArray<Cells> = [
        { set_id: "tl-set-3", dj: "Ana Ruiz & Jonas Ek", position: 1, artist: "Ana Ruiz", title: "Faro" },
        { set_id: "tl-set-3", dj: "Jonas Ek, DJ Três", position: 2, artist: "Jonas Ek", title: "Norr" }
      ]
      expect(yield* importRows([...set1, ...set2, ...set3])).toMatchObject({ added: 3, replaced: 0, unchanged: 0, tracksWritten: 7 })
      // The same sets in another order, their rows too: the same sets.
      expect(yield* importRows([...set3, ...set2, ...set1].reverse())).toEqual({ added: 0, replaced: 0, unchanged: 3, tracksWritten: 0, labelsLearned: 0 })
      expect(yield* djSetCounts()).toEqual({ sets: 3, djs: 5, playedTracks: 7 })
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("a set re-imported with changes is replaced whole, keeping its id; sets not in the file are left alone", () =>
    Effect.gen(function* () {
      yield* importRows([...set1, ...set2])
      const [before] = yield* readDjSets(["tl-set-1"])
      const changed: ReadonlyArray<Cells> = [
        { set_id: "tl-set-1", dj: "DJ Três", date: "2025-06-02", position: 1, artist: "Henrik Bäcklund", title: "Nordlicht (Club Mix)", label: "Polarlicht Tonträger", track_key: "t-nord" },
        { set_id: "tl-set-1", dj: "DJ Três", date: "2025-06-02", position: 2, artist: "Mara Lindqvist", title: "Morning Ferry", track_key: "t-id-1" }
      ]
      expect(yield* importRows(changed)).toMatchObject({ added: 0, replaced: 1, unchanged: 0, tracksWritten: 2 })
      const [after] = yield* readDjSets(["tl-set-1"])
      expect(after?.id).toBe(before?.id)
      expect(after?.date).toBe("2025-06-02")
      expect(after?.djs).toEqual([{ name: "DJ Três", key: "dj tres" }])
      expect(after?.plays.map((p) => [p.position, p.artist, p.title, p.artistUnknown])).toEqual([
        [1, "Henrik Bäcklund", "Nordlicht (Club Mix)", false],
        [2, "Mara Lindqvist", "Morning Ferry", false]
      ])
      // The old third track, its artist rows and the old DJ credit are gone; set 2 is untouched.
      expect((yield* artistPlaysByDj("mara lindkvist")).map((r) => [r.dj.key, r.plays])).toEqual([
        ["dj tres", 1],
        ["henrik backlund", 1],
        ["mara lindkvist", 1]
      ])
      expect(yield* djSetCounts()).toEqual({ sets: 2, djs: 3, playedTracks: 4 })
      expect((yield* playsOfTrackKey("t-id-1")).map((p) => [p.set.sourceId, p.artistUnknown])).toEqual([
        ["tl-set-1", false],
        ["tl-set-2", true]
      ])
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("a back-to-back set credits every DJ it names", () =>
    Effect.gen(function* () {
      yield* importRows([
        { set_id: "b2b", dj: "Henrik Bäcklund & Mara Lindqvist", position: 1, artist: "Ana Ruiz", title: "Faro" },
        // A row that names a third DJ credits them too; "B, A" is the same two DJs.
        { set_id: "b2b", dj: "Mara Lindqvist, Henrik Backlund, Jonas Ek", position: 2, artist: "Ana Ruiz", title: "Puerto" }
      ])
      const [set] = yield* readDjSets(["b2b"])
      expect(set?.djs.map((d) => d.name)).toEqual(["Henrik Bäcklund", "Mara Lindqvist", "Jonas Ek"])
      expect((yield* djsOfSets([set?.id ?? -1])).get(set?.id ?? -1)?.map((d) => d.key)).toEqual(["henrik backlund", "mara lindkvist", "jonas ek"])
      expect((yield* artistPlaysByDj("ana ruiz")).map((r) => [r.dj.name, r.plays, r.sets])).toEqual([
        ["Henrik Bäcklund", 2, 1],
        ["Jonas Ek", 2, 1],
        ["Mara Lindqvist", 2, 1]
      ])
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("reads the unknown markers: ID, Unknown, Unknown Artist or empty artists; ID or empty titles", () =>
    Effect.gen(function* () {
      const artists = ["ID", "Unknown", "Unknown Artist", "", "id", "ID & ID", "Mara Lindqvist & ID", "Various Artists"]
      yield* importRows(artists.map((artist, i) => ({ set_id: "m", dj: "D", position: i + 1, artist, title: i % 2 === 0 ? "Glass Hours" : "Glass Hours (Extended Mix)" })))
      yield* importRows([
        { set_id: "t", dj: "D", position: 1, artist: "Ana Ruiz", title: "ID" },
        { set_id: "t", dj: "D", position: 2, artist: "Ana Ruiz", title: "" },
        { set_id: "t", dj: "D", position: 3, artist: "Ana Ruiz", title: "ID (Extended Mix)" },
        { set_id: "t", dj: "D", position: 4, artist: "Ana Ruiz", title: "Identity" }
      ])
      const [markers] = yield* readDjSets(["m"])
      expect(markers?.plays.map((p) => [p.artist, p.artistUnknown, p.artists.map((a) => a.key)])).toEqual([
        ["ID", true, []],
        ["Unknown", true, []],
        ["Unknown Artist", true, []],
        ["", true, []],
        ["id", true, []],
        ["ID & ID", true, []],
        ["Mara Lindqvist & ID", false, ["mara lindkvist"]],
        // Not a marker of the contract: a known credit that names nobody in particular.
        ["Various Artists", false, []]
      ])
      const [titles] = yield* readDjSets(["t"])
      expect(titles?.plays.map((p) => [p.titleUnknown, p.titleKey])).toEqual([
        [true, null],
        [true, null],
        [true, null],
        [false, "identity"]
      ])
      // An unknown track by title: the plays of "Glass Hours" whose artist is unknown, versions aside.
      expect((yield* playsOfTitleKey("glass hours", { artistUnknown: true })).map((p) => p.position)).toEqual([1, 2, 3, 4, 5, 6])
      expect((yield* playsOfTitleKey("glass hours", { artistUnknown: false })).map((p) => p.position)).toEqual([7, 8])
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("known labels of known tracks feed the label hunter's learned knowledge; unknown tracks and ID labels do not", () =>
    Effect.gen(function* () {
      const learned = makeLearnedTier()
      expect((yield* learned.lookup({ title: "Next One", artist: "Mara Lindqvist" }))._tag).toBe("NotFound")
      yield* importRows([
        ...set1,
        ...set2,
        { set_id: "tl-set-3", dj: "Ana Ruiz", position: 1, artist: "ID", title: "Secret Weapon", label: "Unreleased Audio" },
        { set_id: "tl-set-3", dj: "Ana Ruiz", position: 2, artist: "Ana Ruiz", title: "ID", label: "Faro Music" },
        { set_id: "tl-set-3", dj: "Ana Ruiz", position: 3, artist: "Ana Ruiz", title: "Puerto", label: "ID" }
      ])
      // Two tracks of Mara's on Nightglass ("Nightglass Records" and "Nightglass" are one label): learned.
      expect(yield* learned.lookup({ title: "Next One", artist: "Mara Lindqvist" })).toMatchObject({ _tag: "Found", value: { label: expect.stringMatching(/^Nightglass/) } })
      expect((yield* labelTallies("Henrik Bäcklund")).map((t) => [t.label, t.tracks])).toEqual([["Polarlicht Tonträger", 1]])
      expect(yield* labelTallies("Ana Ruiz")).toEqual([])
      expect(yield* withDb("read", (db) => db.selectFrom("label_observations").select("source").distinct().execute())).toEqual([{ source: "known" }])
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  it.effect("reads what identification needs: neighbours in a window, who plays whom, labels and their artists", () =>
    Effect.gen(function* () {
      const rows: Array<Cells> = ["Ana Ruiz", "Jonas Ek", "ID", "Mara Lindqvist", "Ana Ruiz feat. Jonas Ek", "Henrik Bäcklund"].map((artist, i) => ({
        set_id: "w",
        dj: "DJ Três",
        position: i + 1,
        artist,
        title: `Track ${i + 1}`,
        label: i < 3 ? "Faro Music" : "Nightglass Records"
      }))
      yield* importRows(rows)
      const [set] = yield* readDjSets(["w"])
      const around = yield* neighbourPlays(set?.id ?? -1, 3, 2)
      expect(around.map((p) => [p.position, p.artists.map((a) => a.name)])).toEqual([
        [1, ["Ana Ruiz"]],
        [2, ["Jonas Ek"]],
        [4, ["Mara Lindqvist"]],
        [5, ["Ana Ruiz", "Jonas Ek"]]
      ])
      expect((yield* topArtistsOfDj("dj tres", 2)).map((a) => [a.artist.key, a.plays])).toEqual([
        ["ana ruiz", 2],
        ["jonas ek", 2]
      ])
      expect((yield* labelsOfArtist("jonas ek")).map((l) => [l.label, l.plays])).toEqual([
        ["Faro Music", 1],
        ["Nightglass Records", 1]
      ])
      expect((yield* artistsOfLabel("faro music")).map((a) => [a.artist.name, a.plays])).toEqual([
        ["Ana Ruiz", 1],
        ["Jonas Ek", 1]
      ])
    }).pipe(Effect.provide(StoreLayer.at(tempDb())))
  )

  itOnSqlite.effect("a failed import leaves no set half written, with one set or many per transaction", () =>
    Effect.gen(function* () {
      for (const rowsPerTransaction of [1, 10_000]) {
        const path = tempDb()
        // Long cells fill a 1 MB store after some sets: the write that does not fit fails as `full`.
        const many: Array<Cells> = Array.from({ length: 400 }, (_, s) =>
          Array.from({ length: 10 }, (_, p) => ({ set_id: `s${s}`, dj: "D", position: p + 1, artist: `Artist ${s}-${p}`, title: `${"long title ".repeat(30)}${s}-${p}` }))
        ).flat()
        const error = yield* Effect.flip(importRows(many, { rowsPerTransaction }).pipe(Effect.provide(StoreLayer.at(path, { maxSizeMb: 1 }))))
        expect(error.fault).toBe("full")
        const db = new SqliteDatabase(path, { readonly: true })
        try {
          const incomplete = db.prepare("select s.source_id from dj_sets s where s.tracks != (select count(*) from played_tracks p where p.set_id = s.id)").all()
          expect(incomplete).toEqual([])
          const stored = (db.prepare("select count(*) as n from dj_sets").get() as { n: number }).n
          expect(stored).toBeLessThan(400)
          if (rowsPerTransaction === 1) expect(stored).toBeGreaterThan(0)
        } finally {
          db.close()
        }
      }
    })
  )
})
