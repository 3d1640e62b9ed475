/**
 * The transcription-job stages as the host runs them (whole processes):
 * - `liner stage soundtrack` on a fresh job whose film is already in the store's cache;
 * - `liner stage songs` on the real 2 242-segment transcript, and `detectSongs` alone in-process.
 */
import { saveSoundtrack, type Soundtrack, StoreLayer } from "@liner/core"
import { decodeSegmentsDocument, detectSongs } from "@liner/pipeline-hook"
import { jobLayouts, makeJobDir, makeTempDir, readPipelineFixture, readPipelineFixtureText, runLiner } from "@liner/testkit"
import { Effect } from "effect"
import { join } from "node:path"
import { figure, heading, isMain, ms, percentile } from "./stats.js"

const runs = Number(process.env["BENCH_RUNS"] ?? 10)

/** The host's curated entry for the film, with durations, as if MusicBrainz had answered it. */
const cachedSoundtrack = (): Soundtrack => {
  const host = JSON.parse(readPipelineFixtureText("localDatabase")) as Record<string, { tracks: Array<{ title: string; artist: string; composer: string }> }>
  const durations = [355_000, 218_000, 318_000, 290_000, 269_000, 347_000]
  return {
    album: { title: "Jaane Tu... Ya Jaane Na", releaseDate: "2008-06-01", label: "T-Series", musicbrainz: { releaseGroupId: "rg", releaseId: "r" }, spotify: null },
    tracks: host["Jaane Tu... Ya Jaane Na (2008)"]!.tracks.map((t, i) => ({
      position: i + 1,
      title: t.title,
      artists: t.artist.split(", "),
      composers: [t.composer],
      lyricists: ["Abbas Tyrewala"],
      durationMs: durations[i] ?? null,
      musicbrainz: { recordingId: `rec-${i}` }
    })),
    alternatives: []
  }
}

export const benchStages = async (): Promise<void> => {
  const store = makeTempDir("liner-bench-")
  try {
    const db = join(store.path, "liner.db")
    const soundtrack = cachedSoundtrack()
    await Effect.runPromise(
      saveSoundtrack({
        film: { title: "Jaane Tu Ya Jaane Na", year: 2008, imdbId: "tt0473367" },
        origin: "musicbrainz",
        soundtrack,
        matchedBy: "imdb",
        confidence: 0.97,
        fetchedAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 86_400_000).toISOString()
      }).pipe(Effect.provide(StoreLayer.at(db)))
    )
    const env = { HOME: store.path, LINER_DB: db, LINER_MUSICBRAINZ_URL: "http://127.0.0.1:9" }

    heading(`The transcription-job stages (whole processes, ${runs} runs each)`)
    const soundtrackTimes: Array<number> = []
    const songsTimes: Array<number> = []
    for (let i = 0; i < runs; i++) {
      const job = await makeJobDir({ ...jobLayouts.older(), "06_asr/segments.json": readPipelineFixture("transcript") })
      try {
        const start = performance.now()
        const run = await runLiner(["stage", "soundtrack", "--job-dir", job.dir], env)
        soundtrackTimes.push(performance.now() - start)
        if (run.code !== 0) throw new Error(`stage soundtrack: exit ${run.code}: ${run.stderr}`)
        const songsStart = performance.now()
        const songs = await runLiner(["stage", "songs", "--job-dir", job.dir, "--srt"], env)
        songsTimes.push(performance.now() - songsStart)
        if (songs.code !== 0) throw new Error(`stage songs: exit ${songs.code}: ${songs.stderr}`)
      } finally {
        await job.cleanup()
      }
    }
    figure("stage soundtrack on a fresh job, film cached: median", ms(percentile(soundtrackTimes, 50)))
    figure("stage soundtrack on a fresh job, film cached: p95", ms(percentile(soundtrackTimes, 95)))
    figure("stage songs --srt on the real transcript: median", ms(percentile(songsTimes, 50)))
    figure("stage songs --srt on the real transcript: p95", ms(percentile(songsTimes, 95)))

    const decoded = decodeSegmentsDocument(JSON.parse(readPipelineFixtureText("transcript")))
    if (decoded._tag === "Left") throw new Error(decoded.left)
    const transcript = decoded.right
    const detect: Array<number> = []
    let regions = 0
    for (let i = 0; i < 20; i++) {
      const start = performance.now()
      regions = detectSongs(transcript.segments, soundtrack.tracks).regions.length
      detect.push(performance.now() - start)
    }
    figure("detectSongs alone (in-process, 20 runs): median", `${ms(percentile(detect, 50))} for ${transcript.segments.length} segments, ${regions} region(s)`)
  } finally {
    store.remove()
  }
}
if (isMain(import.meta.url)) await benchStages()
