import { defaultMusicBrainzCatalogue, type FakeMusicBrainz, jobLayouts, makeJobDir, makeTempDir, readPipelineFixture, startFakeMusicBrainz, type TempJobDir } from "@liner/testkit"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { runSongsStagePromise, runSoundtrackStagePromise } from "../src/index.js"

// A TypeScript pipeline calling the stages without the CLI: the default finder is the live
// cascade configured from the environment, here pointed at a fake MusicBrainz and a temp store.
let mb: FakeMusicBrainz
let store: { path: string; remove: () => void }
let job: TempJobDir
const saved = { ...process.env }

beforeEach(async () => {
  const { catalogue } = defaultMusicBrainzCatalogue()
  catalogue.addFilm({
    title: "Jaane Tu... Ya Jaane Na",
    year: 2008,
    imdbId: "tt0473367",
    album: { artists: ["A. R. Rahman"], songs: [{ title: "Kabhi Kabhi Aditi", singers: ["Rashid Ali"], composers: ["A. R. Rahman"], lyricists: ["Abbas Tyrewala"], lengthMs: 218_000 }] }
  })
  mb = await startFakeMusicBrainz({ catalogue, rate: 20 })
  store = makeTempDir()
  job = await makeJobDir({ ...jobLayouts.newer(), "06_asr/segments.json": readPipelineFixture("transcript") })
  Object.assign(process.env, { LINER_DB: join(store.path, "liner.db"), LINER_MUSICBRAINZ_URL: mb.url, LINER_MUSICBRAINZ_RATE: "20" })
})
afterEach(async () => {
  process.env = { ...saved }
  await mb.close()
  await job.cleanup()
  store.remove()
})

describe("the programmatic API", () => {
  it("runs the soundtrack stage with the live cascade and returns the documents it wrote", async () => {
    const result = await runSoundtrackStagePromise({ jobDir: job.dir })
    expect(result).toMatchObject({ status: "success", exitCode: 0, reused: false })
    expect(result.soundtrack).toMatchObject({ status: "found", source: "musicbrainz" })
    expect(JSON.parse((await job.read("soundtrack/soundtrack.json")).toString())).toEqual(result.soundtrack)
    expect(JSON.parse((await job.read("soundtrack/vocabulary.json")).toString())).toEqual(result.vocabulary)
    expect(result.vocabulary.hotwords).toContain("Kabhi Kabhi Aditi")

    const songs = await runSongsStagePromise({ jobDir: job.dir })
    expect(songs).toMatchObject({ status: "success", exitCode: 0 })
    expect(songs.regions.map((r) => r.matched_song)).toContain("Kabhi Kabhi Aditi")
  })

  it("rejects with the stage's own error for a job without a film", async () => {
    const empty = await makeJobDir({ "job.json": '{"job_id": "x"}' })
    try {
      await expect(runSoundtrackStagePromise({ jobDir: empty.dir })).rejects.toMatchObject({ _tag: "NoFilmInJob" })
    } finally {
      await empty.cleanup()
    }
  })
})
