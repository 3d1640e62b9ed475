import { addGeneratedFilms, defaultMusicBrainzCatalogue, type FakeMusicBrainz, jobDirPool, jobLayouts, makeTempDir, refusingPort, runLiner, startFakeMusicBrainz } from "@liner/testkit"
import SqliteDatabase from "better-sqlite3"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"

// `liner queue` as a user (or cron) runs it: the real binary, a real SQLite file, and a local
// server that behaves like MusicBrainz. Batches and the stage put what they could not answer in
// the queue; `queue run` asks again through the same cascades and stores answers as they do.
let mb: FakeMusicBrainz
let dir: { path: string; remove: () => void }
let env: Record<string, string>
const jobs = jobDirPool()

beforeEach(async () => {
  mb = await startFakeMusicBrainz({ catalogue: defaultMusicBrainzCatalogue().catalogue, rate: null })
  dir = makeTempDir()
  env = { HOME: dir.path, LINER_DB: join(dir.path, "liner.db"), LINER_MUSICBRAINZ_URL: mb.url, LINER_MUSICBRAINZ_RATE: "1000", LINER_CONTACT: "tests@liner.invalid" }
})
afterEach(async () => {
  await mb.close()
  dir.remove()
  await jobs.cleanup()
})

interface ListedItem {
  readonly id: number
  readonly kind: string
  readonly key: string
  readonly query: Record<string, unknown>
  readonly status: string
  readonly attempts: { readonly notFound: number; readonly unavailable: number }
  readonly lastError: string | null
  readonly lastOutcome: string | null
  readonly nextAttemptAt: string | null
  readonly createdAt: string
  readonly history: ReadonlyArray<{ readonly outcome: string }>
}

const list = async (extra: Record<string, string> = {}): Promise<Array<ListedItem>> => {
  const run = await runLiner(["queue", "list", "--json"], { ...env, ...extra })
  expect(run.code).toBe(0)
  return JSON.parse(run.stdout) as Array<ListedItem>
}

const writeFile = (name: string, lines: ReadonlyArray<string>) => {
  const file = join(dir.path, name)
  writeFileSync(file, lines.join("\n") + "\n")
  return file
}

describe("liner queue", () => {
  it("a batch's misses enter the queue once; queue run asks again through the cascade and stores the answer as a direct lookup does", async () => {
    const file = writeFile("films.jsonl", ['{"imdb": "tt9100001"}', '{"title": "Baad Mein Milenge", "year": 2020}'])
    expect((await runLiner(["soundtrack", "--batch", file], env)).code).toBe(0)
    const [item, ...others] = await list()
    expect(others).toEqual([])
    expect(item).toMatchObject({ kind: "soundtrack", query: { title: "Baad Mein Milenge", year: 2020 }, status: "cooling_down", attempts: { notFound: 1, unavailable: 0 }, lastOutcome: "not_found" })
    for (const key of ["id", "kind", "key", "status", "attempts", "lastError", "lastOutcome", "nextAttemptAt", "createdAt"]) expect(item).toHaveProperty(key)
    expect(item!.nextAttemptAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)

    // Asked again, the film is not queued twice and its tries are not used up.
    expect((await runLiner(["soundtrack", "--batch", file], env)).code).toBe(0)
    expect(await list()).toMatchObject([{ id: item!.id, attempts: { notFound: 1 }, history: [{ outcome: "not_found" }] }])

    // Not due yet: nothing is asked.
    const early = await runLiner(["queue", "run"], env)
    expect(early).toMatchObject({ code: 0, stdout: "" })
    expect(early.stderr).toMatch(/nothing was due/)

    // MusicBrainz gets the film; made due now, the queue finds it and stores it.
    mb.catalogue.addFilm({ title: "Baad Mein Milenge", year: 2020, imdbId: "tt9100077", album: { artists: ["Arjun Mehra"], songs: [{ title: "Phir Milenge", singers: ["Kavita Rao"], composers: ["Arjun Mehra"], lyricists: ["Meera Joshi"], lengthMs: 240_000 }] } })
    expect((await runLiner(["queue", "retry", String(item!.id)], env)).code).toBe(0)
    const run = await runLiner(["queue", "run", "--json"], env)
    expect(run.code).toBe(0)
    const doc = JSON.parse(run.stdout) as { tried: number; found: number; items: Array<{ id: number; outcome: string; status: string; result: { source: string } }> }
    expect(doc).toMatchObject({ tried: 1, found: 1, items: [{ id: item!.id, outcome: "found", status: "done", result: { source: "musicbrainz" } }] })
    expect(await list()).toMatchObject([{ status: "done", lastOutcome: "found", nextAttemptAt: null }])
    const cached = await runLiner(["soundtrack", "Baad Mein Milenge", "--year", "2020", "--offline", "--json"], env)
    expect(cached.code).toBe(0)
    expect(JSON.parse(cached.stdout)).toMatchObject({ status: "found", source: "cache", origin: "musicbrainz", tracks: [{ title: "Phir Milenge" }] })
  })

  it("films whose source failed enter the queue with the error; queue run exits 75 while it fails and 0 once it answers", async () => {
    const down = { ...env, LINER_MUSICBRAINZ_URL: `http://127.0.0.1:${await refusingPort()}` }
    const file = writeFile("films.csv", ["title,year,imdb", "Dil Ki Raahein,2011,tt9100001", "Pyaar Ka Safar,2004,tt9100002"])
    expect((await runLiner(["soundtrack", "--batch", file], down)).code).toBe(75)
    const items = await list()
    expect(items).toHaveLength(2)
    for (const item of items) {
      expect(item).toMatchObject({ status: "cooling_down", attempts: { notFound: 0, unavailable: 1 }, lastOutcome: "unavailable" })
      expect(item.lastError).toMatch(/^musicbrainz: /)
      // Back within minutes (the first of the short schedule: one minute, jittered).
      expect(Date.parse(item.nextAttemptAt!) - Date.now()).toBeLessThan(2 * 60_000)
    }
    const ids = items.map((i) => String(i.id))

    expect((await runLiner(["queue", "retry", ...ids], down)).code).toBe(0)
    const failing = await runLiner(["queue", "run"], down)
    expect(failing.code).toBe(75)
    expect(failing.stderr).toMatch(/2 items unavailable/)
    expect((await list()).map((i) => i.attempts)).toEqual([{ notFound: 0, unavailable: 2 }, { notFound: 0, unavailable: 2 }])

    expect((await runLiner(["queue", "retry", ...ids], env)).code).toBe(0)
    const answered = await runLiner(["queue", "run"], env)
    expect(answered.code).toBe(0)
    expect(answered.stdout).toMatch(/found\s+soundtrack #\d+\s+Dil Ki Raahein \(2011\) → done/)
    expect(answered.stderr).toMatch(/tried 2: found 2 · not found 0 · unavailable 0/)
    expect(answered.stderr).not.toMatch(/\r/)
  })

  it("a label batch's miss is asked again and the label found feeds the learned knowledge", async () => {
    const file = writeFile("tracks.csv", ["title,artist", "Frozen Ground [Anjunabeats],Mara Lindqvist", "Night Ferry (Extended Mix),Henrik Bäcklund"])
    expect((await runLiner(["label", "--batch", file, "--json"], env)).code).toBe(0)
    const [item, ...others] = await list()
    expect(others).toEqual([])
    expect(item).toMatchObject({ kind: "label", query: { title: "Night Ferry (Extended Mix)", artist: "Henrik Bäcklund" }, status: "cooling_down", attempts: { notFound: 1 } })

    mb.catalogue.addDjTrack({ title: "Night Ferry", artists: ["Henrik Bäcklund"], releases: [{ status: "Official", date: "2024-01-12", label: "Nightglass Records", catalogNumber: "NG007" }] })
    expect((await runLiner(["queue", "retry", String(item!.id)], env)).code).toBe(0)
    const run = await runLiner(["queue", "run", "--kind", "label", "--json"], env)
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ found: 1, items: [{ outcome: "found", status: "done", result: { label: "Nightglass Records", source: "musicbrainz" } }] })
    const db = new SqliteDatabase(env["LINER_DB"]!, { readonly: true })
    try {
      expect(db.prepare("select label, source from label_observations where artist = ?").all("Henrik Bäcklund")).toEqual([{ label: "Nightglass Records", source: "musicbrainz" }])
    } finally {
      db.close()
    }
  })

  it("three queue runs at once on one store look every item up exactly once", async () => {
    const films = addGeneratedFilms(mb.catalogue, 12)
    // Queued without MusicBrainz (not found locally), then made due now.
    const file = writeFile("films.jsonl", films.map((f) => JSON.stringify({ imdb: f.imdbId })))
    expect((await runLiner(["soundtrack", "--batch", file], { ...env, USE_MUSICBRAINZ: "false" })).code).toBe(0)
    const ids = (await list()).map((i) => String(i.id))
    expect(ids).toHaveLength(12)
    expect((await runLiner(["queue", "retry", ...ids], env)).code).toBe(0)
    mb.reset()

    const runs = await Promise.all([1, 2, 3].map(() => runLiner(["queue", "run", "--json"], env)))
    const docs = runs.map((r) => {
      expect(r.code).toBe(0)
      return JSON.parse(r.stdout) as { tried: number; lost: number; items: Array<{ id: number; outcome: string }> }
    })
    const tried = docs.flatMap((d) => d.items.map((i) => i.id))
    expect(tried.sort((a, b) => a - b)).toEqual(ids.map(Number).sort((a, b) => a - b))
    expect(docs.every((d) => d.lost === 0 && d.items.every((i) => i.outcome === "found"))).toBe(true)
    // Each film's IMDb link was asked for once, by one of the workers.
    for (const film of films) expect(mb.requestsTo("/ws/2/url").filter((r) => (r.query.get("resource") ?? "").includes(film.imdbId!))).toHaveLength(1)
    expect((await list()).every((i) => i.status === "done")).toBe(true)
  })

  it("the transcription-job stage's miss enters the queue", async () => {
    const j = await jobs.make(jobLayouts.older())
    const run = await runLiner(["stage", "soundtrack", "--job-dir", j.dir], env)
    expect(run.code).toBe(0)
    expect(await list()).toMatchObject([{ kind: "soundtrack", query: { title: "Jaane Tu... Ya Jaane Na", year: 2008 }, status: "cooling_down", attempts: { notFound: 1 } }])
  })

  it("add, stats, identify items tried, and clear messages for bad input", async () => {
    const added = await runLiner(["queue", "add", "--kind", "label", "Velvet Static", "--artist", "Mara Lindqvist", "--scrape", "--json"], env)
    expect(added.code).toBe(0)
    expect(JSON.parse(added.stdout)).toMatchObject({ kind: "label", status: "pending", options: { scrape: true } })
    expect((await runLiner(["queue", "add", "--kind", "identify", "--track-key", "tl-48213"], env)).stderr).toMatch(/queued identify #2: tl-48213, due now/)
    const again = await runLiner(["queue", "add", "--kind", "label", "Velvet Static (Extended Mix)", "--artist", "Mara Lindqvist"], env)
    expect(again.stderr).toMatch(/queued label #1/)

    const stats = await runLiner(["queue", "stats", "--json"], env)
    expect(stats.code).toBe(0)
    expect(JSON.parse(stats.stdout)).toMatchObject({ total: 2, byKind: { label: { pending: 1 }, identify: { pending: 1 } }, due: { now: 2 }, oldest: { id: 1 } })

    // Tried as `liner identify` would: a store without DJ sets has nothing to learn from yet.
    const identify = await runLiner(["queue", "run", "--kind", "identify"], env)
    expect(identify.code).toBe(0)
    expect((await list()).find((i) => i.kind === "identify")).toMatchObject({ status: "cooling_down", attempts: { notFound: 1, unavailable: 0 }, lastOutcome: "not_found" })

    expect(await runLiner(["queue", "run", "--limit", "0"], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--limit must be 1 or more/) })
    expect(await runLiner(["queue", "retry", "abc"], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/an item id is a whole number such as 12, not "abc"/) })
    expect(await runLiner(["queue", "retry", "1", "--permanently-failed"], env)).toMatchObject({ code: 2 })
    expect(await runLiner(["queue", "drop", "99"], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/no queue item #99/) })
    expect(await runLiner(["queue", "add", "--kind", "soundtrack", "Lagaan", "--artist", "X"], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--kind soundtrack takes no --artist/) })
    expect(await runLiner(["queue", "add", "--kind", "soundtrack", "--year", "2001"], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/give at least a title or an IMDb id/) })
    expect(await runLiner(["queue", "list", "--bogus"], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown option --bogus/) })
    expect(await runLiner(["queue", "run"], { ...env, LINER_QUEUE_STRATEGY: "sometimes" })).toMatchObject({ code: 2, stderr: expect.stringMatching(/LINER_QUEUE_STRATEGY/) })

    const dropped = await runLiner(["queue", "drop", "1", "2"], env)
    expect(dropped).toMatchObject({ code: 0, stderr: expect.stringMatching(/dropped #1, #2/) })
    expect((await runLiner(["queue", "list"], env)).stdout).toMatch(/The queue is empty/)
  })
})
