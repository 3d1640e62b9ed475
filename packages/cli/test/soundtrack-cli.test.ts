import { defaultMusicBrainzCatalogue, type FakeMusicBrainz, type FakeSpotify, linerBin, makeTempDir, runLiner, startFakeMusicBrainz, startFakeSpotify } from "@liner/testkit"
import { spawn } from "node:child_process"
import { readFileSync, readdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"

// `liner soundtrack` as a user runs it: the real binary, a real SQLite file, and local servers
// that behave like MusicBrainz and Spotify. The fake enforces the same rate the client is given.
const rate = 20
let mb: FakeMusicBrainz
let dir: { path: string; remove: () => void }
let env: Record<string, string>
beforeEach(async () => {
  mb = await startFakeMusicBrainz({ catalogue: defaultMusicBrainzCatalogue().catalogue, rate })
  dir = makeTempDir()
  env = { HOME: dir.path, LINER_DB: join(dir.path, "liner.db"), LINER_MUSICBRAINZ_URL: mb.url, LINER_MUSICBRAINZ_RATE: String(rate), LINER_CONTACT: "tests@liner.invalid" }
})
afterEach(async () => {
  await mb.close()
  dir.remove()
})

const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>

describe("liner soundtrack", () => {
  it("finds a film by its IMDb link, prints the contract's JSON, then answers from the cache with zero requests", async () => {
    const first = await runLiner(["soundtrack", "--imdb", "tt9100001", "--json"], env)
    expect(first.code).toBe(0)
    const doc = json(first.stdout)
    expect(Object.keys(doc)).toEqual(["query", "status", "source", "matchedBy", "confidence", "stale", "fetchedAt", "origin", "album", "tracks", "alternatives", "attempts"])
    expect(doc).toMatchObject({ query: { title: null, year: null, imdbId: "tt9100001" }, status: "found", source: "musicbrainz", matchedBy: "imdb", stale: false })
    expect(doc["album"]).toMatchObject({ label: "Saregama India", musicbrainz: { releaseGroupId: expect.any(String), releaseId: expect.any(String) }, spotify: null })
    expect(doc["tracks"][0]).toMatchObject({ position: 1, title: "Saawan Aaya", artists: ["Kavita Rao", "Rahul Sen"], composers: ["Arjun Mehra"], lyricists: ["Meera Joshi"], durationMs: 265000 })
    expect(doc["tracks"].map((t: { title: string }) => t.title)).not.toContain("[data track]")
    expect(doc["alternatives"].length).toBeGreaterThan(0)
    expect(doc["attempts"].find((a: { tier: string }) => a.tier === "musicbrainz")).toMatchObject({ outcome: "found", requests: 3 })
    expect(mb.requests).toHaveLength(3)
    expect(mb.violations).toBe(0)
    expect(mb.requests.every((r) => r.headers["user-agent"] === "liner/0.1.0 ( tests@liner.invalid )")).toBe(true)

    const again = await runLiner(["soundtrack", "--imdb", "tt9100001", "--json"], env)
    expect(again.code).toBe(0)
    expect(mb.requests).toHaveLength(3)
    expect(json(again.stdout)).toMatchObject({ source: "cache", origin: "musicbrainz", tracks: doc["tracks"] })
  })

  it("prints a readable table without --json", async () => {
    const run = await runLiner(["soundtrack", "Dil Ki Raahein", "--year", "2011"], env)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/Saawan Aaya\s+Kavita Rao, Rahul Sen\s+Arjun Mehra\s+Meera Joshi\s+4:25/)
    expect(run.stdout).not.toContain("\u001b[")
  })

  it("exits 1 when every source answered and none had the film", async () => {
    const run = await runLiner(["soundtrack", "Qwzx Unknown Film", "--year", "2001", "--json"], env)
    expect(run.code).toBe(1)
    expect(json(run.stdout)).toMatchObject({ status: "not_found", album: null, tracks: [] })
  })

  it("a MusicBrainz that does not answer in time is unavailable (75), and a stale answer is served when one exists", async () => {
    // A hung request is retried within the tier's budget: a short budget keeps the test short.
    const slow = { ...env, MUSICBRAINZ_TIMEOUT: "1", LINER_MUSICBRAINZ_BUDGET: "2" }
    mb.hang(100)
    const unavailable = await runLiner(["soundtrack", "--imdb", "tt9100001", "--json"], slow)
    expect(unavailable.code).toBe(75)
    expect(json(unavailable.stdout)).toMatchObject({ status: "unavailable", source: null })
    expect(unavailable.stderr).toMatch(/musicbrainz failed/)

    // An answer fetched long ago, now expired, is better than none when MusicBrainz fails.
    mb.reset()
    expect((await runLiner(["soundtrack", "--imdb", "tt9100001", "--json"], env)).code).toBe(0)
    const sqlite = await import("better-sqlite3")
    const db = new sqlite.default(env["LINER_DB"]!)
    db.prepare("update soundtracks set fetched_at = '2020-01-01T00:00:00.000Z', expires_at = '2020-04-01T00:00:00.000Z'").run()
    db.close()
    mb.hang(100)
    const stale = await runLiner(["soundtrack", "--imdb", "tt9100001", "--json"], slow)
    expect(stale.code).toBe(0)
    expect(json(stale.stdout)).toMatchObject({ status: "found", source: "cache", stale: true, fetchedAt: "2020-01-01T00:00:00.000Z" })
  })

  it("with MusicBrainz down it says so and still answers from the local database", async () => {
    const imported = await runLiner(["db", "import", join(process.cwd(), "../../examples/bollywood_soundtracks.json")], env)
    expect(imported.code).toBe(0)
    mb.down()
    const run = await runLiner(["soundtrack", "Jaane Tu... Ya Jaane Na", "--year", "2008"], env)
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/liner: musicbrainz failed: cannot reach musicbrainz at /)
    expect(run.stdout).toMatch(/Kabhi Kabhi Aditi/)
    expect(run.stdout).toMatch(/via local/)
  })

  it("USE_MUSICBRAINZ=false asks MusicBrainz nothing", async () => {
    const run = await runLiner(["soundtrack", "--imdb", "tt9100001", "--json"], { ...env, USE_MUSICBRAINZ: "false" })
    expect(run.code).toBe(1)
    expect(mb.requests).toHaveLength(0)
    expect(json(run.stdout)["attempts"].find((a: { tier: string }) => a.tier === "musicbrainz")).toMatchObject({ outcome: "skipped" })
  })

  it("CACHE_MUSICBRAINZ=false answers but does not store the answer", async () => {
    const noCache = { ...env, CACHE_MUSICBRAINZ: "false" }
    expect((await runLiner(["soundtrack", "--imdb", "tt9100001", "--json"], noCache)).code).toBe(0)
    expect((await runLiner(["soundtrack", "--imdb", "tt9100001", "--json"], noCache)).code).toBe(0)
    expect(mb.requests).toHaveLength(6)
  })

  it("a bad LINER_MUSICBRAINZ_RATE is a clear configuration error (exit 2)", async () => {
    const run = await runLiner(["soundtrack", "Sholay"], { ...env, LINER_MUSICBRAINZ_RATE: "fast" })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/LINER_MUSICBRAINZ_RATE/)
  })
})

describe("the Spotify secret", () => {
  let spotify: FakeSpotify
  beforeEach(async () => {
    spotify = await startFakeSpotify()
  })
  afterEach(() => spotify.close())

  it("never reaches output, errors or the store", async () => {
    const secret = "sEcReT-7a1f-never-print-me"
    const wrong = { ...env, USE_MUSICBRAINZ: "false", LINER_SPOTIFY_API_URL: spotify.url, LINER_SPOTIFY_ACCOUNTS_URL: spotify.url, LINER_SPOTIFY_CLIENT_ID: spotify.clientId, LINER_SPOTIFY_CLIENT_SECRET: secret }
    const refused = await runLiner(["soundtrack", "3 Idiots", "--year", "2009", "--json"], wrong)
    expect(refused.code).toBe(75)
    expect(refused.stderr).toMatch(/spotify/)
    const right = { ...wrong, LINER_SPOTIFY_CLIENT_SECRET: spotify.clientSecret }
    const found = await runLiner(["soundtrack", "3 Idiots", "--year", "2009", "--json", "--log-level", "all"], right)
    expect(found.code).toBe(0)
    expect(json(found.stdout)).toMatchObject({ source: "spotify" })
    for (const run of [refused, found]) {
      expect(run.stdout + run.stderr).not.toContain(secret)
      expect(run.stdout + run.stderr).not.toContain(spotify.clientSecret)
    }
    for (const file of readdirSync(dir.path).filter((f) => f.startsWith("liner.db"))) {
      const bytes = readFileSync(join(dir.path, file)).toString("latin1")
      expect(bytes).not.toContain(secret)
      expect(bytes).not.toContain(spotify.clientSecret)
    }
  })
})

describe("liner soundtrack --batch", () => {
  const films = ['{"imdb": "tt9100001"}', '{"title": "Pyaar Ka Safar", "year": 2004, "imdb": "tt9100002"}', '{"title": "Chandni Raat", "year": 2015}', '{"title": "Mausam", "year": 2012}', '{"title": "Bad", "year": 3000}']

  it("prints one JSON line per film and a summary, and exits 2 for the invalid line", async () => {
    const file = join(dir.path, "films.jsonl")
    writeFileSync(file, films.join("\n") + "\n")
    const run = await runLiner(["soundtrack", "--batch", file, "--json"], env)
    const lines = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { status: string; source: string | null })
    expect(lines.map((l) => l.status)).toEqual(["found", "found", "found", "not_found"])
    expect(run.stderr).toMatch(/films.jsonl:5: .*year/)
    expect(run.stderr).toMatch(/5 films: found 3 · not found 1 · unavailable 0 · invalid 1/)
    expect(run.stderr).toMatch(/sources: musicbrainz 3/)
    expect(run.stderr).not.toMatch(/\r/)
    expect(run.stderr).not.toContain("\u001b[")
    expect(run.code).toBe(2)
  })

  it("reads CSV with a header", async () => {
    const file = join(dir.path, "films.csv")
    writeFileSync(file, 'title,year,imdb\n"Dil Ki Raahein",2011,tt9100001\nChandni Raat,2015,\n')
    const run = await runLiner(["soundtrack", "--batch", file], env)
    expect(run.code).toBe(0)
    expect(run.stdout.trim().split("\n")).toHaveLength(2)
  })

  it("run again after an interruption, it looks up only the films it has not answered", async () => {
    const file = join(dir.path, "films.jsonl")
    writeFileSync(file, films.slice(0, 3).join("\n") + "\n")
    // Slow enough to stop it between two films: the first answer arrives, then SIGINT.
    const slowEnv = { ...env, LINER_MUSICBRAINZ_RATE: "4" }
    const firstLine = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [linerBin, "soundtrack", "--batch", file, "--json"], { env: { PATH: process.env["PATH"] ?? "", ...slowEnv } })
      let out = ""
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString()
        if (out.includes("\n")) child.kill("SIGINT")
      })
      child.on("exit", (code, signal) => (code === 130 || signal === "SIGINT" ? resolve(out.split("\n")[0]!) : reject(new Error(`exit ${code} ${signal}`))))
    })
    expect(JSON.parse(firstLine)).toMatchObject({ status: "found", query: { imdbId: "tt9100001" } })
    const askedBefore = mb.requests.length
    const imdbLookupsBefore = mb.requestsTo("/ws/2/url").length
    const rerun = await runLiner(["soundtrack", "--batch", file, "--json"], env)
    expect(rerun.code).toBe(0)
    expect(rerun.stdout.trim().split("\n").map((l) => (JSON.parse(l) as { status: string }).status)).toEqual(["found", "found", "found"])
    expect(rerun.stderr).toMatch(/1 answered by an earlier run of this batch/)
    // The first film was not asked again: only the two others reached MusicBrainz.
    const newUrlLookups = mb.requestsTo("/ws/2/url").slice(imdbLookupsBefore)
    expect(newUrlLookups.every((r) => !r.query.getAll("resource").some((u) => u.includes("tt9100001")))).toBe(true)
    expect(mb.requests.length).toBeGreaterThan(askedBefore)
  })
})
