import { defaultMusicBrainzCatalogue, type FakeMusicBrainz, jobDirPool, jobLayouts, makeTempDir, readPipelineFixture, runLiner, startFakeMusicBrainz } from "@liner/testkit"
import { createHash } from "node:crypto"
import { readdir, readFile } from "node:fs/promises"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"

// The stages as the host pipeline runs them: `liner stage …` on job directories laid out from
// the host's real artifacts, with the real cascade against a fake MusicBrainz.
const rate = 20
let mb: FakeMusicBrainz
let store: { path: string; remove: () => void }
let env: Record<string, string>
const jobs = jobDirPool()

beforeEach(async () => {
  const { catalogue } = defaultMusicBrainzCatalogue()
  const song = (title: string, singers: Array<string>, lengthMs: number) => ({ title, singers, composers: ["A. R. Rahman"], lyricists: ["Abbas Tyrewala"], lengthMs })
  catalogue.addFilm({
    title: "Jaane Tu... Ya Jaane Na",
    year: 2008,
    imdbId: "tt0473367",
    album: {
      artists: ["A. R. Rahman"],
      songs: [
        song("Pappu Can't Dance", ["Benny Dayal", "Naresh Iyer"], 355_000),
        song("Kabhi Kabhi Aditi", ["Rashid Ali"], 218_000),
        song("Kahin To Hogi Woh", ["Rashid Ali", "Vasundhara Das"], 318_000),
        song("Tu Bole Main Boloon", ["A. R. Rahman"], 290_000),
        song("Nazrein Milaana Nazrein Churaana", ["Satish Chakravarthy", "Naresh Iyer"], 269_000),
        song("Jaane Tu Mera Kya Hai", ["Runa Rizvi"], 347_000)
      ]
    }
  })
  mb = await startFakeMusicBrainz({ catalogue, rate })
  store = makeTempDir()
  env = { HOME: store.path, LINER_DB: join(store.path, "liner.db"), LINER_MUSICBRAINZ_URL: mb.url, LINER_MUSICBRAINZ_RATE: String(rate) }
})
afterEach(async () => {
  await mb.close()
  store.remove()
  await jobs.cleanup()
})

const job = jobs.make

/** Every file of the job with its sha256, to prove what changed and what did not. */
const snapshot = async (dir: string): Promise<Record<string, string>> => {
  const out: Record<string, string> = {}
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    out[path.slice(dir.length + 1)] = createHash("sha256").update(await readFile(path)).digest("hex")
  }
  return out
}

describe("liner stage soundtrack", () => {
  it("the older layout: writes the outputs, updates the host's enrichment.json, and a re-run asks nothing and changes nothing", async () => {
    const j = await job(jobLayouts.older())
    const run = await runLiner(["stage", "soundtrack", "--job-dir", j.dir], env)
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/soundtrack stage: success/)
    const result = JSON.parse((await j.read("soundtrack/soundtrack.json")).toString()) as { status: string; source: string; tracks: Array<{ title: string }> }
    expect(result).toMatchObject({ status: "found", source: "musicbrainz" })
    const vocabulary = JSON.parse((await j.read("soundtrack/vocabulary.json")).toString()) as { hotwords: string; tokenizer: string }
    expect(vocabulary.hotwords).toContain("Kabhi Kabhi Aditi")
    const enrichment = JSON.parse((await j.read("02_tmdb/enrichment.json")).toString()) as { soundtrack: Array<{ title: string; artist: string; composer: string; duration_ms: number }> }
    expect(enrichment.soundtrack[1]).toEqual({ title: "Kabhi Kabhi Aditi", artist: "Rashid Ali", composer: "A. R. Rahman", duration_ms: 218000 })
    const status = JSON.parse((await j.read("soundtrack/status.json")).toString()) as { status: string }
    expect(status.status).toBe("success")
    const asked = mb.requests.length
    expect(asked).toBe(3)

    const before = await snapshot(j.dir)
    const again = await runLiner(["stage", "soundtrack", "--job-dir", j.dir], env)
    expect(again.code).toBe(0)
    expect(mb.requests).toHaveLength(asked)
    expect(await snapshot(j.dir)).toEqual(before)
  })

  it("the newer layout (job.json with the year as a string)", async () => {
    const j = await job(jobLayouts.newer())
    const run = await runLiner(["stage", "soundtrack", "--job-dir", j.dir, "--json"], env)
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ stage: "soundtrack", status: "success" })
  })

  it("MusicBrainz unreachable: exit 75 with valid empty outputs, and a later run succeeds", async () => {
    const j = await job(jobLayouts.older())
    const enrichmentBefore = await j.read("02_tmdb/enrichment.json")
    mb.down()
    const down = await runLiner(["stage", "soundtrack", "--job-dir", j.dir], env)
    expect(down.code).toBe(75)
    expect(JSON.parse((await j.read("soundtrack/status.json")).toString())).toMatchObject({ status: "unavailable" })
    expect(JSON.parse((await j.read("soundtrack/soundtrack.json")).toString())).toMatchObject({ status: "unavailable", tracks: [] })
    expect(JSON.parse((await j.read("soundtrack/vocabulary.json")).toString())).toMatchObject({ terms: [] })
    expect(await j.read("02_tmdb/enrichment.json")).toEqual(enrichmentBefore)
    mb.up()
    const later = await runLiner(["stage", "soundtrack", "--job-dir", j.dir], env)
    expect(later.code).toBe(0)
    expect(JSON.parse((await j.read("soundtrack/status.json")).toString())).toMatchObject({ status: "success" })
  })

  it("a job with no usable title exits 2 with a clear message and writes nothing", async () => {
    const j = await job({ "job.json": '{"job_id": "x", "user_id": 1}', "06_asr/segments.json": "[]" })
    const before = await snapshot(j.dir)
    const run = await runLiner(["stage", "soundtrack", "--job-dir", j.dir], env)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/title/i)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(await snapshot(j.dir)).toEqual(before)
  })

  it("a truncated enrichment.json exits 2 naming the file, and the file is left as it was", async () => {
    const truncated = readPipelineFixture("olderEnrichment").subarray(0, 200)
    const j = await job({ ...jobLayouts.older(), "02_tmdb/enrichment.json": truncated })
    const run = await runLiner(["stage", "soundtrack", "--job-dir", j.dir], env)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/02_tmdb\/enrichment\.json/)
    expect(await j.read("02_tmdb/enrichment.json")).toEqual(truncated)
  })
})

describe("liner stage songs", () => {
  it("marks the sung passages of the real transcript and writes ♪ subtitles", async () => {
    const j = await job({ ...jobLayouts.older(), "06_asr/segments.json": readPipelineFixture("transcript") })
    expect((await runLiner(["stage", "soundtrack", "--job-dir", j.dir], env)).code).toBe(0)
    const run = await runLiner(["stage", "songs", "--job-dir", j.dir, "--srt"], env)
    expect(run.code).toBe(0)
    const regions = JSON.parse((await j.read("songs/detected_lyric_regions.json")).toString()) as Array<{ matched_song?: string; type: string }>
    expect(regions.length).toBeGreaterThan(0)
    expect(regions.every((r) => r.type === "lyric")).toBe(true)
    expect(regions.map((r) => r.matched_song)).toContain("Kabhi Kabhi Aditi")
    const srt = (await j.read("songs/subtitles.srt")).toString()
    expect(srt).toContain('<i>Song: "Kabhi Kabhi Aditi" - Rashid Ali</i>')
    expect(srt).toMatch(/<i>♪ .+ ♪<\/i>/)
  })
})
