import {
  defaultMusicBrainzCatalogue,
  type FakeFilm,
  type FakeMusicBrainz,
  type FakeWikidata,
  makeTempDir,
  runLiner,
  startFakeMusicBrainz,
  startFakeWikidata
} from "@liner/testkit"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"

// `liner soundtrack` through the real binary, with MusicBrainz and the Wikidata Query Service
// replaced by local fakes: a film whose release group has no IMDb link is found through Wikidata.
const rate = 20
let mb: FakeMusicBrainz
let wd: FakeWikidata
let film: FakeFilm
let dir: { path: string; remove: () => void }
let env: Record<string, string>

beforeEach(async () => {
  const data = defaultMusicBrainzCatalogue()
  film = data.catalogue.addFilm({
    title: "Ishq Ka Safar",
    year: 2019,
    imdbId: "tt9200001",
    imdbLink: "none",
    album: {
      artists: ["Vikram Rao"],
      songs: [{ title: "Safar Hai Suhana", singers: ["Neha Kapur"], composers: ["Vikram Rao"], lyricists: ["Anu Sharma"], lengthMs: 240_000 }],
      releases: [{ status: "Official", date: "2019-04-12", country: "IN", label: "Sony Music India" }]
    }
  })
  mb = await startFakeMusicBrainz({ catalogue: data.catalogue, rate })
  wd = await startFakeWikidata({
    films: [
      {
        imdbId: "tt9200001",
        item: "Q120000101",
        label: "Journey of Love",
        albums: [{ item: "Q120000102", label: "Ishq Ka Safar", releaseGroupIds: [film.album.releaseGroupId] }],
        composers: [{ item: "Q120000103", label: "Vikram Rao" }]
      }
    ]
  })
  dir = makeTempDir()
  env = {
    HOME: dir.path,
    LINER_DB: join(dir.path, "liner.db"),
    LINER_MUSICBRAINZ_URL: mb.url,
    LINER_MUSICBRAINZ_RATE: String(rate),
    LINER_WIKIDATA_URL: wd.url,
    LINER_CONTACT: "tests@liner.invalid"
  }
})
afterEach(async () => {
  await wd.close()
  await mb.close()
  dir.remove()
})

const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>
const wikidataAttempt = (doc: Record<string, any>) => doc["attempts"].find((a: { tier: string }) => a.tier === "wikidata")

describe("liner soundtrack with the Wikidata bridge", () => {
  it("finds a film whose release group lacks the IMDb link, and asks Wikidata once across runs", async () => {
    const run = await runLiner(["soundtrack", "Journey of Love", "--year", "2019", "--imdb", "tt9200001", "--json"], env)
    expect(run.code).toBe(0)
    const doc = json(run.stdout)
    expect(doc).toMatchObject({ status: "found", source: "musicbrainz", matchedBy: "wikidata", album: { musicbrainz: { releaseGroupId: film.album.releaseGroupId } } })
    expect(doc["tracks"][0]).toMatchObject({ title: "Safar Hai Suhana", composers: ["Vikram Rao"], lyricists: ["Anu Sharma"] })
    expect(wikidataAttempt(doc)).toMatchObject({ outcome: "found", requests: 1 })
    expect(wd.requests).toHaveLength(1)
    expect(wd.requests[0]!.userAgent).toBe("liner/0.1.0 ( tests@liner.invalid )")

    // A later run (--refresh: past the cached soundtrack) reads Wikidata's answer from the store.
    const again = await runLiner(["soundtrack", "--imdb", "tt9200001", "--refresh", "--json"], env)
    expect(again.code).toBe(0)
    expect(json(again.stdout)).toMatchObject({ status: "found", matchedBy: "wikidata" })
    expect(wd.requests).toHaveLength(1)
  })

  it("USE_WIKIDATA=false turns the step off, says so, and the film is not found", async () => {
    const run = await runLiner(["soundtrack", "Journey of Love", "--year", "2019", "--imdb", "tt9200001", "--json"], { ...env, USE_WIKIDATA: "false" })
    expect(run.code).toBe(1)
    expect(wikidataAttempt(json(run.stdout))).toMatchObject({ outcome: "skipped", detail: "turned off (USE_WIKIDATA=false)" })
    expect(wd.requests).toHaveLength(0)
  })

  it("a LINER_WIKIDATA_URL that is not an http(s) URL is refused with a clear message", async () => {
    const run = await runLiner(["soundtrack", "--imdb", "tt9200001", "--json"], { ...env, LINER_WIKIDATA_URL: "query.wikidata.org" })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("LINER_WIKIDATA_URL must be an http(s) URL")
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it("Wikidata down: the failure is in the attempts, the lookup is not fatal", async () => {
    wd.fail({ status: 503, times: "forever" })
    const run = await runLiner(["soundtrack", "Journey of Love", "--year", "2019", "--imdb", "tt9200001", "--json"], env)
    expect(run.code).toBe(1)
    const doc = json(run.stdout)
    expect(doc["status"]).toBe("not_found")
    expect(wikidataAttempt(doc)).toMatchObject({ outcome: "failed", kind: "rate_limited" })
  })
})
