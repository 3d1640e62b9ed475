import { type Origin, saveSoundtrack, type SoundtrackToSave, StoreLayer, type Track } from "@liner/core"
import { defaultMusicBrainzCatalogue, makeTempDir, runLiner, startFakeMusicBrainz } from "@liner/testkit"
import { Effect } from "effect"
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { setTimeout as sleep } from "node:timers/promises"
import { afterEach, describe, expect, it } from "vitest"

// `liner contribute` as a user runs it, against a real store file: what it refuses (and with which
// exit status), the page it writes, the contribution it records, and `--status` once MusicBrainz
// has the release group (a MusicBrainz answer for the film saved in the store, as a lookup does).

const dirs: Array<{ remove: () => void }> = []
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

const track = (position: number, fields: Partial<Track> = {}): Track => ({
  position,
  title: `Song ${position}`,
  artists: ["Udit Narayan"],
  composers: ["A. R. Rahman"],
  lyricists: ["Javed Akhtar"],
  durationMs: 240_000,
  ...fields
})

const entry = (film: SoundtrackToSave["film"], origin: Origin, tracks: ReadonlyArray<Track>, releaseGroupId?: string): SoundtrackToSave => ({
  film,
  origin,
  soundtrack: {
    album: { title: film.title, releaseDate: null, label: null, musicbrainz: releaseGroupId === undefined ? null : { releaseGroupId, releaseId: "9d6f0b57-1c8e-4e0e-8d1e-2f0c9a7b1a11" }, spotify: null },
    tracks,
    alternatives: []
  },
  matchedBy: null,
  confidence: null,
  fetchedAt: origin === "musicbrainz" ? "2026-12-01T09:30:00.000Z" : "2026-01-01T00:00:00.000Z",
  expiresAt: null
})

const save = (db: string, ...entries: ReadonlyArray<SoundtrackToSave>) =>
  Effect.runPromise(Effect.forEach(entries, saveSoundtrack, { discard: true }).pipe(Effect.provide(StoreLayer.at(db))))

const lagaan = { title: "Lagaan", year: 2001, imdbId: "tt0169102" }
const RELEASE_GROUP = "3b0c4ad4-0e2c-3a0e-8f5f-2b5b4bb0a1c7"

const setUp = () => {
  const dir = makeTempDir()
  dirs.push(dir)
  const env = { HOME: dir.path, LINER_DB: join(dir.path, "liner.db") }
  return { dir: dir.path, env, db: env.LINER_DB }
}

interface StatusDocument {
  readonly contributions: ReadonlyArray<{ film: object; album: string; origin: string; digest: string; createdAt: string; state: string; landedAt: string | null; releaseGroupId: string | null }>
}
const status = async (env: Record<string, string>): Promise<StatusDocument> => {
  const run = await runLiner(["contribute", "--status", "--json"], env)
  expect(run.stderr).toBe("")
  expect(run.code).toBe(0)
  return JSON.parse(run.stdout) as StatusDocument
}

describe("liner contribute", () => {
  it("writes the page, records the contribution pending, and --status says landed once MusicBrainz has the film", async () => {
    const { dir, env, db } = setUp()
    await save(db, entry(lagaan, "imported", [track(1, { title: "Mitwa" }), track(2, { title: "Ghanan Ghanan" })]))

    const run = await runLiner(["contribute", "Lagaan", "--year", "2001", "--out", "lagaan.html"], env, { cwd: dir })
    expect(run.code).toBe(0)
    expect(run.stderr).toContain("written to lagaan.html")
    const page = readFileSync(join(dir, "lagaan.html"), "utf8")
    expect(page).toContain('<form method="post" action="https://musicbrainz.org/release/add"')
    // The same page again is the same contribution.
    expect((await runLiner(["contribute", "tt0169102", "--out", "again.html"], env, { cwd: dir })).code).toBe(0)
    expect(readFileSync(join(dir, "again.html"), "utf8")).toBe(page)

    const pending = await status(env)
    expect(pending.contributions).toEqual([
      {
        film: lagaan,
        album: "Lagaan",
        origin: "imported",
        digest: expect.stringMatching(/^[0-9a-f]{64}$/),
        createdAt: expect.any(String),
        state: "pending",
        landedAt: null,
        releaseGroupId: null
      }
    ])

    // A later lookup finds the release group in MusicBrainz and saves its answer, under the
    // title MusicBrainz gives the film.
    await save(db, entry({ title: "Lagaan: Once Upon a Time in India", year: 2001, imdbId: "tt0169102" }, "musicbrainz", [track(1, { title: "Mitwa" })], RELEASE_GROUP))
    const landed = await status(env)
    expect(landed.contributions).toEqual([{ ...pending.contributions[0], state: "landed", landedAt: "2026-12-01T09:30:00.000Z", releaseGroupId: RELEASE_GROUP }])
    const table = await runLiner(["contribute", "--status"], env)
    expect(table.stdout).toMatch(/Lagaan \(2001\)\s+Lagaan\s+imported\s+\d{4}-\d{2}-\d{2}\s+landed\s+2026-12-01\s+3b0c4ad4/)

    // Now there is nothing left to give back.
    const again = await runLiner(["contribute", "Lagaan", "--year", "2001", "--out", "third.html"], env, { cwd: dir })
    expect(again.code).toBe(1)
    expect(again.stderr).toContain(`MusicBrainz has the soundtrack of Lagaan (2001) tt0169102 already (release group ${RELEASE_GROUP})`)
    expect(existsSync(join(dir, "third.html"))).toBe(false)
  })

  it("lands when a lookup through the cascade finds the film in MusicBrainz (the fake server, by the IMDb link)", async () => {
    const { dir, env, db } = setUp()
    const { catalogue, films } = defaultMusicBrainzCatalogue()
    const film = films.linkedHttps
    const mb = await startFakeMusicBrainz({ catalogue, rate: null })
    try {
      const withMb = { ...env, LINER_MUSICBRAINZ_URL: mb.url, LINER_MUSICBRAINZ_RATE: "100", LINER_CONTACT: "tests@liner.invalid" }
      await save(db, entry({ title: film.title, year: film.year, imdbId: film.imdbId ?? null }, "imported", [track(1, { title: "Saawan Aaya" }), track(2, { title: "Tere Bina" })]))
      expect((await runLiner(["contribute", film.title, "--year", String(film.year)], withMb, { cwd: dir })).code).toBe(0)
      // Writing the page asks MusicBrainz nothing.
      expect(mb.requests).toEqual([])
      expect((await status(withMb)).contributions.map((c) => c.state)).toEqual(["pending"])

      const lookup = await runLiner(["soundtrack", film.title, "--year", String(film.year), "--imdb", film.imdbId ?? "", "--json"], withMb)
      expect(lookup.code).toBe(0)
      expect(JSON.parse(lookup.stdout)).toMatchObject({ source: "musicbrainz", album: { musicbrainz: { releaseGroupId: film.album.releaseGroupId } } })
      const [landed] = (await status(withMb)).contributions
      expect(landed).toMatchObject({ state: "landed", releaseGroupId: film.album.releaseGroupId, landedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) })
    } finally {
      await mb.close()
    }
  })

  it("an unknown option exits 2 with the usage and opens no store; --help gives an example", async () => {
    const { env } = setUp()
    const run = await runLiner(["contribute", "Lagaan", "--bogus-flag"], env)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("usage: liner contribute")
    expect(existsSync(env.LINER_DB)).toBe(false)
    const help = await runLiner(["contribute", "--help"], env)
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/EXAMPLE\s+\$ liner contribute /)
    expect(help.stdout).not.toMatch(/A user-defined piece of text|This setting is optional|A true or false value/)
  })

  it("says so (exit 1) for a film Liner does not hold, and lists nothing", async () => {
    const { env } = setUp()
    const run = await runLiner(["contribute", "Sholay", "--year", "1975"], env)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('Liner holds no soundtrack of "Sholay" (1975)')
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect((await status(env)).contributions).toEqual([])
  })

  it("asks for the year (exit 2) when several films share the title, and takes the one the year names", async () => {
    const { dir, env, db } = setUp()
    await save(db, entry({ title: "Don", year: 1978, imdbId: null }, "imported", [track(1, { title: "Khaike Paan Banaraswala" })]))
    await save(db, entry({ title: "Don", year: 2006, imdbId: null }, "imported", [track(1, { title: "Aaj Ki Raat" })]))
    const run = await runLiner(["contribute", "Don"], env, { cwd: dir })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('several films answer to "Don": Don (1978); Don (2006); give --year or the IMDb id')
    const chosen = await runLiner(["contribute", "Don", "--year", "2006"], env, { cwd: dir })
    expect(chosen.code).toBe(0)
    expect(readFileSync(join(dir, "don-2006.musicbrainz.html"), "utf8")).toContain('value="Aaj Ki Raat"')
  })

  it("refuses (exit 2) a soundtrack with an empty title, an implausible length or a song twice, naming each track, and writes nothing", async () => {
    const { dir, env, db } = setUp()
    await save(db, entry(lagaan, "pinned", [track(1, { title: "Mitwa" }), track(2, { durationMs: 3_000 }), track(3, { title: "" }), track(4, { title: "MITWA" })]))
    const run = await runLiner(["contribute", "Lagaan", "--out", "page.html"], env, { cwd: dir })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('track 2 "Song 2": a length of 3 s is not plausible (5 s to 60 min)')
    expect(run.stderr).toContain("track 3: the title is empty")
    expect(run.stderr).toContain('track 4 "MITWA": the same song as track 1')
    expect(existsSync(join(dir, "page.html"))).toBe(false)
    expect((await status(env)).contributions).toEqual([])
  })

  it("refuses bad settings and combinations with a clear message (exit 2)", async () => {
    const { env, db } = setUp()
    await save(db, entry(lagaan, "imported", [track(1)]))
    const cases: Array<[ReadonlyArray<string>, string]> = [
      [["contribute"], "name the film"],
      [["contribute", "Lagaan", "--language", "hindi"], '--language: expected an ISO 639-3 code such as hin, got "hindi"'],
      [["contribute", "Lagaan", "--country", "India"], "--country: expected a two-letter country code"],
      [["contribute", "Lagaan", "--release-group", "not-an-id"], "--release-group: expected a MusicBrainz id"],
      [["contribute", "Lagaan", "--status"], "--status lists every contribution"],
      [["contribute", "Lagaan", "--json"], "--json goes with --status"],
      [["contribute", "Lagaan", "--year", "20o1"], "year: expected a year like 2008"]
    ]
    for (const [args, message] of cases) {
      const run = await runLiner(args, env)
      expect({ args, code: run.code }).toEqual({ args, code: 2 })
      expect(run.stderr).toContain(message)
      expect(run.stderr).not.toMatch(/\n\s+at /)
    }
    expect((await status(env)).contributions).toEqual([])
  })

  it("--open hands the page to the system's opener, and says what to do when there is none", async () => {
    const { dir, env, db } = setUp()
    await save(db, entry(lagaan, "imported", [track(1)]))
    const bin = join(dir, "bin")
    const opened = join(dir, "opened.txt")
    const opener = process.platform === "darwin" ? "open" : "xdg-open"
    const { mkdirSync } = await import("node:fs")
    mkdirSync(bin)
    writeFileSync(join(bin, opener), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`)
    chmodSync(join(bin, opener), 0o755)

    const run = await runLiner(["contribute", "Lagaan", "--open"], { ...env, PATH: bin }, { cwd: dir })
    expect(run.code).toBe(0)
    // The opener runs detached: wait until it has written what it was given.
    for (let i = 0; i < 100 && !existsSync(opened); i++) await sleep(50)
    expect(readFileSync(opened, "utf8")).toBe(join(dir, "lagaan-2001.musicbrainz.html"))

    const none = await runLiner(["contribute", "Lagaan", "--open", "--out", "page.html"], { ...env, PATH: join(dir, "empty") }, { cwd: dir })
    expect(none.code).toBe(0)
    expect(none.stderr).toContain(`liner: cannot open a browser (${opener} was not found): open page.html yourself`)
    expect(existsSync(join(dir, "page.html"))).toBe(true)
  })
})
