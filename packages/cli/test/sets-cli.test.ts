import { djWorldCsv, djWorldJsonLines, generateDjWorld, makeTempDir, runLiner } from "@liner/testkit"
import SqliteDatabase from "better-sqlite3"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"

// `liner sets import` as a user runs it: the real binary, a real SQLite file, files written as
// tracklist exports write them (quoting, a BOM, non-ASCII names, JSON lines with numbers).
let dir: { path: string; remove: () => void }
let env: Record<string, string>

beforeEach(() => {
  dir = makeTempDir()
  env = { HOME: dir.path, LINER_DB: join(dir.path, "liner.db") }
})
afterEach(() => dir.remove())

interface ImportDocument {
  readonly sets: number
  readonly rows: number
  readonly skipped: ReadonlyArray<{ readonly line: number; readonly reason: string }>
  readonly added: number
  readonly replaced: number
  readonly unchanged: number
  readonly labelsLearned: number
}

const write = (name: string, text: string | Buffer) => {
  const file = join(dir.path, name)
  writeFileSync(file, text)
  return file
}

const importJson = async (file: string, extra: ReadonlyArray<string> = []) => {
  const run = await runLiner(["sets", "import", file, "--json", ...extra], env)
  return { ...run, document: run.stdout === "" ? undefined : (JSON.parse(run.stdout) as ImportDocument) }
}

/** What the store holds, read straight from the SQLite file. */
const stored = <T>(query: string): Array<T> => {
  const db = new SqliteDatabase(env["LINER_DB"] ?? "", { readonly: true })
  try {
    return db.prepare(query).all() as Array<T>
  } finally {
    db.close()
  }
}

const header = "set_id,dj,date,position,artist,title,label,track_key"

describe("liner sets import", () => {
  it("imports a CSV export as written: quoted cells with commas and quotes, a BOM, non-ASCII names, back-to-back DJs", async () => {
    const file = write(
      "sets.csv",
      "\uFEFF" +
        [
          header,
          'tl-1,"Henrik Bäcklund & Mara Lindqvist",2025-06-01,1,Mara Lindqvist,"Velvet Static, Pt. 2",Nightglass Records,t-1',
          'tl-1,"Henrik Bäcklund & Mara Lindqvist",2025-06-01,2,"Ørjan Nilsen","The ""Lost"" Tapes (Extended Mix)","Polarlicht Tonträger",',
          "tl-1,Henrik Bäcklund & Mara Lindqvist,2025-06-01,3,ID,ID,,t-9",
          "tl-2,Юлия Кива,2025-07-02,1,Unknown Artist,ハルカ,,",
          "tl-2,Юлия Кива,2025-07-02,2,Юлия Кива,Сон,Nightglass,"
        ].join("\r\n") +
        "\r\n"
    )
    const run = await importJson(file)
    expect(run.code).toBe(0)
    expect(run.document).toEqual({ sets: 2, rows: 5, skipped: [], added: 2, replaced: 0, unchanged: 0, labelsLearned: 3 })
    expect(run.stderr).toContain("imported 2 sets (2 new, 0 replaced, 0 unchanged), 5 rows; skipped 0 rows")
    expect(stored("select s.source_id, p.position, p.artist, p.title, p.label, p.track_key, p.artist_unknown, p.title_unknown from played_tracks p join dj_sets s on s.id = p.set_id order by 1, 2")).toEqual([
      { source_id: "tl-1", position: 1, artist: "Mara Lindqvist", title: "Velvet Static, Pt. 2", label: "Nightglass Records", track_key: "t-1", artist_unknown: 0, title_unknown: 0 },
      { source_id: "tl-1", position: 2, artist: "Ørjan Nilsen", title: 'The "Lost" Tapes (Extended Mix)', label: "Polarlicht Tonträger", track_key: null, artist_unknown: 0, title_unknown: 0 },
      { source_id: "tl-1", position: 3, artist: "ID", title: "ID", label: null, track_key: "t-9", artist_unknown: 1, title_unknown: 1 },
      { source_id: "tl-2", position: 1, artist: "Unknown Artist", title: "ハルカ", label: null, track_key: null, artist_unknown: 1, title_unknown: 0 },
      { source_id: "tl-2", position: 2, artist: "Юлия Кива", title: "Сон", label: "Nightglass", track_key: null, artist_unknown: 0, title_unknown: 0 }
    ])
    expect(stored("select s.source_id, d.name from dj_set_djs sd join dj_sets s on s.id = sd.set_id join djs d on d.id = sd.dj_id order by 1, sd.ordinal")).toEqual([
      { source_id: "tl-1", name: "Henrik Bäcklund" },
      { source_id: "tl-1", name: "Mara Lindqvist" },
      { source_id: "tl-2", name: "Юлия Кива" }
    ])
  })

  it("reports bad rows by line and keeps the good ones (exit 0); --json lists every skipped row", async () => {
    const file = write(
      "mixed.csv",
      [
        header,
        "s1,DJ One,2025-01-01,1,Ana Ruiz,Faro,,",
        "# a comment line is not a row",
        "s1,DJ One,2025-01-01,2,Ana Ruiz,Puerto,,",
        ",DJ One,2025-01-01,3,Ana Ruiz,Sin Set,,",
        "s1,DJ One,2025-01-01,x,Ana Ruiz,Bad Position,,",
        "s1,DJ One,2025-01-01,0,Ana Ruiz,Zero,,",
        "s1,DJ One,2025-02-30,3,Ana Ruiz,Bad Date,,",
        "s1,DJ One,2025-01-01,2,Jonas Ek,Taken,,",
        "s1,DJ One,2025-01-01,2,Ana Ruiz,Puerto,,",
        "s1,,2025-01-01,4,Ana Ruiz,No DJ,,",
        "s2,DJ Two,,1,Jonas Ek,Norr,,"
      ].join("\n")
    )
    const run = await importJson(file)
    expect(run.code).toBe(0)
    expect(run.document).toMatchObject({
      sets: 2,
      rows: 3,
      skipped: [
        { line: 5, reason: "set_id is missing" },
        { line: 6, reason: "position is not a positive integer" },
        { line: 7, reason: "position is not a positive integer" },
        { line: 8, reason: "date is not an ISO date (YYYY-MM-DD)" },
        { line: 9, reason: "position 2 of set s1 is already taken by line 4" },
        { line: 10, reason: "repeats line 4" },
        { line: 11, reason: "dj is missing" }
      ]
    })
    const plain = await runLiner(["sets", "import", file], env)
    expect(plain.code).toBe(0)
    expect(plain.stdout).toBe("")
    expect(plain.stderr).toContain(`liner: ${file}: line 6: position is not a positive integer`)
    expect(plain.stderr).toContain(`liner: ${file}: line 9: position 2 of set s1 is already taken by line 4`)
    expect(plain.stderr).toContain("imported 2 sets (0 new, 0 replaced, 2 unchanged), 3 rows; skipped 7 rows")
  })

  it("is idempotent: a file imported twice is stored once, and a set re-imported with changes is replaced whole", async () => {
    const world = generateDjWorld({ seed: 4, sets: 30 })
    const file = write("world.csv", djWorldCsv(world.rows))
    const first = await importJson(file)
    expect(first.code).toBe(0)
    expect(first.document).toMatchObject({ sets: 30, rows: world.rows.length, skipped: [], added: 30 })
    const again = await importJson(file)
    expect(again.document).toMatchObject({ sets: 30, rows: world.rows.length, added: 0, replaced: 0, unchanged: 30, labelsLearned: 0 })
    expect(stored<{ n: number }>("select count(*) as n from played_tracks")[0]?.n).toBe(world.rows.length)

    // The first set loses its last track and retitles its first; the others are as before.
    const firstSet = world.rows.filter((r) => r.set_id === world.rows[0]?.set_id)
    const changed = world.rows
      .filter((r) => r !== firstSet.at(-1))
      .map((r) => (r === firstSet[0] ? { ...r, artist: "Ana Ruiz", title: "Brand New Title" } : r))
    const reimport = await importJson(write("changed.jsonl", djWorldJsonLines(changed)))
    expect(reimport.document).toMatchObject({ sets: 30, added: 0, replaced: 1, unchanged: 29 })
    expect(stored<{ n: number }>("select count(*) as n from played_tracks")[0]?.n).toBe(world.rows.length - 1)
    expect(stored("select p.position, p.artist, p.title from played_tracks p join dj_sets s on s.id = p.set_id where s.source_id = 'set-000001' and p.position = 1")).toEqual([
      { position: 1, artist: "Ana Ruiz", title: "Brand New Title" }
    ])
    expect(stored<{ n: number }>("select count(*) as n from dj_sets")[0]?.n).toBe(30)
  })

  it("reads a large file in blocks without losing a row or a line number, as CSV and as JSON lines", async () => {
    const world = generateDjWorld({ seed: 6, sets: 900 })
    expect(world.rows.length).toBeGreaterThan(21_000)
    // Bad rows early, at a block's end and beyond it: their lines are those of the whole file.
    const bad = new Map([
      [5, "position is not a positive integer"],
      [20_001, "set_id is missing"],
      [21_000, "position is not a positive integer"]
    ])
    const csvLines = djWorldCsv(world.rows).trimEnd().split("\n")
    csvLines[4] = csvLines[4]?.replace(/^([^,]*,"?[^"]*"?,[^,]*,)\d+,/, "$1x,") ?? ""
    csvLines[20_000] = csvLines[20_000]?.replace(/^[^,]*,/, ",") ?? ""
    csvLines[20_999] = csvLines[20_999]?.replace(/^([^,]*,"?[^"]*"?,[^,]*,)\d+,/, "$1-3,") ?? ""
    const csv = await importJson(write("big.csv", csvLines.join("\n")))
    expect(csv.code).toBe(0)
    expect(csv.document?.skipped).toEqual([...bad].map(([line, reason]) => ({ line, reason })))
    expect(csv.document?.rows).toBe(world.rows.length - 3)

    // JSON lines have no header: line n is row n.
    const jsonLines = djWorldJsonLines(world.rows).trimEnd().split("\n")
    jsonLines[20_499] = "{ not json"
    const jsonl = await importJson(write("big.jsonl", jsonLines.join("\n")))
    expect(jsonl.code).toBe(0)
    expect(jsonl.document?.skipped).toEqual([{ line: 20_500, reason: "not valid JSON" }])
  })

  it("reads JSON lines (numbers, nulls, unknown keys) and a CSV without a header; --format must agree with the file", async () => {
    const jsonl = write(
      "sets.jsonl",
      [
        '{"set_id": 501, "dj": "DJ Três, Ana Ruiz", "position": 1, "artist": "Ana Ruiz", "title": "Faro", "label": null, "source": "1001tl"}',
        '{"set_id": 501, "dj": "DJ Três", "position": 2, "artist": "ID", "title": "ID", "track_key": "tl-77"}',
        '{"set_id": 501, "dj": "DJ Três", "position": "3"',
        '{"set_id": 501, "dj": "DJ Três", "position": true}'
      ].join("\n")
    )
    const run = await importJson(jsonl, ["--format", "jsonl"])
    expect(run.code).toBe(0)
    expect(run.document).toMatchObject({ sets: 1, rows: 2, skipped: [{ line: 3, reason: "not valid JSON" }, { line: 4, reason: "position is not a positive integer" }] })
    expect(stored("select d.name from djs d order by d.id")).toEqual([{ name: "DJ Três" }, { name: "Ana Ruiz" }])

    const headerless = write("plain.csv", "s9,DJ One,2025-03-03,1,Jonas Ek,Norr,Faro Music,tl-1\n")
    expect((await importJson(headerless)).document).toMatchObject({ sets: 1, rows: 1, skipped: [] })

    const wrong = await runLiner(["sets", "import", jsonl, "--format", "csv"], env)
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain("holds JSON lines, not CSV")
    const wrongToo = await runLiner(["sets", "import", headerless, "--format", "jsonl"], env)
    expect(wrongToo.code).toBe(2)
    expect(wrongToo.stderr).toContain("is not JSON lines")
  })

  it("exits 2 with one clear line when the file has no usable row, holds no rows, is not text or does not exist", async () => {
    const bad = await importJson(write("bad.csv", [header, "s1,DJ,2025-01-01,first,A,T,,", ",DJ,,1,A,T,,"].join("\n")))
    expect(bad.code).toBe(2)
    expect(bad.document).toMatchObject({ sets: 0, rows: 0, skipped: [{ line: 2, reason: "position is not a positive integer" }, { line: 3, reason: "set_id is missing" }] })
    expect(bad.stderr).toContain("has no usable row (2 bad rows)")

    const empty = await runLiner(["sets", "import", write("empty.csv", `${header}\n`)], env)
    expect(empty.code).toBe(2)
    expect(empty.stderr).toContain("holds no rows")

    const binary = await runLiner(["sets", "import", write("blob.csv", Buffer.from([0x73, 0x31, 0x00, 0xff]))], env)
    expect(binary.code).toBe(2)
    expect(binary.stderr).toContain("is not a text file")

    const latin1 = await runLiner(["sets", "import", write("latin1.csv", Buffer.from("s1,DJ,,1,B\xe4cklund,T,,\n", "latin1"))], env)
    expect(latin1.code).toBe(2)
    expect(latin1.stderr).toContain("is not UTF-8 text")

    const missing = await runLiner(["sets", "import", join(dir.path, "nope.csv")], env)
    expect(missing.code).toBe(2)
    for (const run of [bad, empty, binary, latin1, missing]) expect(run.stderr).not.toMatch(/\n\s+at /)
  })
})
