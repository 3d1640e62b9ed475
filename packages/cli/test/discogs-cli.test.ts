import { defaultMusicBrainzCatalogue, type FakeDiscogs, type FakeMusicBrainz, makeTempDir, runLiner, startFakeDiscogs, startFakeMusicBrainz } from "@liner/testkit"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"

// `liner soundtrack` for a film MusicBrainz lacks, through the real binary, a real SQLite file,
// and local servers that behave like MusicBrainz and Discogs.
const rate = 20
let mb: FakeMusicBrainz
let discogs: FakeDiscogs
let dir: { path: string; remove: () => void }
let env: Record<string, string>
beforeEach(async () => {
  mb = await startFakeMusicBrainz({ catalogue: defaultMusicBrainzCatalogue().catalogue, rate })
  discogs = await startFakeDiscogs()
  dir = makeTempDir()
  env = { HOME: dir.path, LINER_DB: join(dir.path, "liner.db"), LINER_MUSICBRAINZ_URL: mb.url, LINER_MUSICBRAINZ_RATE: String(rate), LINER_CONTACT: "tests@liner.invalid", LINER_DISCOGS_URL: discogs.url }
})
afterEach(async () => {
  await mb.close()
  await discogs.close()
  dir.remove()
})

const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>
const attempt = (doc: Record<string, any>, tier: string) => (doc["attempts"] as Array<{ tier: string }>).find((a) => a.tier === tier)
const storeBytes = () =>
  readdirSync(dir.path)
    .filter((f) => f.startsWith("liner.db"))
    .map((f) => readFileSync(join(dir.path, f)).toString("latin1"))
    .join("")

describe("liner soundtrack with Discogs", () => {
  it("answers a film MusicBrainz lacks from Discogs, with credits, when a token is set", async () => {
    const run = await runLiner(["soundtrack", "Lagaan", "--year", "2001", "--json"], { ...env, LINER_DISCOGS_TOKEN: discogs.token })
    expect(run.code).toBe(0)
    const doc = json(run.stdout)
    expect(doc).toMatchObject({ status: "found", source: "discogs", origin: "discogs", matchedBy: "title", album: { title: "Lagaan", label: "Sony Music" } })
    expect(doc["tracks"][0]).toMatchObject({ title: "Ghanan Ghanan", artists: ["Udit Narayan", "Alka Yagnik"], composers: ["A. R. Rahman"], lyricists: ["Javed Akhtar"], durationMs: 371_000 })
    expect(attempt(doc, "musicbrainz")).toMatchObject({ outcome: "not_found" })
    expect(attempt(doc, "discogs")).toMatchObject({ outcome: "found", requests: 3 })
    expect(run.stdout + run.stderr).not.toContain(discogs.token)
    expect(storeBytes()).not.toContain(discogs.token)

    // Asked again: from the store, no request to Discogs.
    discogs.clearRequests()
    const again = await runLiner(["soundtrack", "Lagaan", "--year", "2001", "--json"], { ...env, LINER_DISCOGS_TOKEN: discogs.token })
    expect(json(again.stdout)).toMatchObject({ status: "found", source: "cache", origin: "discogs" })
    expect(discogs.requests).toHaveLength(0)
  })

  it("skips Discogs without a token, and says why", async () => {
    const run = await runLiner(["soundtrack", "Lagaan", "--year", "2001", "--json"], env)
    const doc = json(run.stdout)
    expect(doc).toMatchObject({ status: "not_found", source: null })
    expect(attempt(doc, "discogs")).toMatchObject({ outcome: "skipped", detail: "no LINER_DISCOGS_TOKEN" })
    expect(discogs.requests).toHaveLength(0)
  })

  it("a refused token is reported without the token, in output and in the store", async () => {
    const wrong = "dIsCoGs-never-print-me-0451"
    const run = await runLiner(["soundtrack", "Lagaan", "--year", "2001", "--json", "--log-level", "all"], { ...env, LINER_DISCOGS_TOKEN: wrong })
    expect(run.code).toBe(75)
    const doc = json(run.stdout)
    expect(attempt(doc, "discogs")).toMatchObject({ outcome: "failed", detail: expect.stringContaining("401 from discogs") })
    expect(run.stdout + run.stderr).not.toContain(wrong)
    expect(storeBytes()).not.toContain(wrong)
    expect(discogs.requests.map((r) => r.status)).toEqual([401])
  })

  it("a LINER_DISCOGS_URL that is not http(s) is a clear configuration error (exit 2)", async () => {
    const run = await runLiner(["soundtrack", "Lagaan"], { ...env, LINER_DISCOGS_URL: "ftp://discogs.example" })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/LINER_DISCOGS_URL must be an http\(s\) URL/)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })
})
