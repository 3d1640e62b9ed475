import { readdir, symlink, writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { SoundtrackResult, Track } from "@liner/core"
import { jobDirPool, type JobFiles } from "@liner/testkit"
import { Effect, Either } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { detectSongs, exitCodeForError, runSongsStage, runSongsStagePromise, type SongsStageOptions, StatusFile } from "../src/index.js"
import type { AsrSegment } from "../src/songs/segments.js"
import { localAnswer, unavailableAnswer } from "./support/local-finder.js"

const jobs = jobDirPool()
const job = jobs.make
afterEach(jobs.cleanup)

const track = (position: number, title: string, durationMs: number | null = null, artists = ["Arijit Singh"]): Track => ({
  position,
  title,
  artists,
  composers: ["Mithoon"],
  lyricists: [],
  durationMs
})

const found = (tracks: ReadonlyArray<Track>): SoundtrackResult => ({
  ...localAnswer({ title: "Jaane Tu... Ya Jaane Na" }),
  tracks
})

interface Line {
  readonly start: number
  readonly end: number
  readonly text: string
}

/** Talk: short lines, many words per second. */
const talk = (from: number, count: number, text = (i: number) => ` Line ${i} of the conversation goes on like this.`): Array<Line> =>
  Array.from({ length: count }, (_, i) => ({ start: from + 3 * i, end: from + 3 * i + 2.5, text: text(i) }))

/** A song of "Tum Hi Ho" as a small Whisper model hears it: the title, repeated lines, then music. */
const tumHiHo = (from: number): Array<Line> =>
  [
    " Hum tere bin ab reh nahi sakte",
    " Tere bina kya wajood mera",
    " Tum hi ho",
    " Ab tum hi ho",
    " Zindagi ab tum hi ho",
    " Chain bhi mera dard bhi",
    " Meri aashiqui ab tum hi ho",
    " Tere bina kya wajood mera",
    " Tum hi ho"
  ].map((text, i) => ({ start: from + 4 * i, end: from + 4 * i + 3.5, text }))

const asSegments = (lines: ReadonlyArray<Line>): ReadonlyArray<AsrSegment> => lines.map((l, index) => ({ index, ...l }))
const marked = (lines: ReadonlyArray<Line>, tracks: ReadonlyArray<Track>) => {
  const detection = detectSongs(asSegments(lines), tracks)
  return { detection, texts: [...detection.regionOfSegment.keys()].sort((a, b) => a - b).map((i) => lines[i]!.text) }
}

describe("detectSongs on constructed transcripts", () => {
  const tracks = [track(1, "Tum Hi Ho"), track(2, "Sunn Raha Hai")]

  it("marks a song named by its title and shaped like a song, not the talk around it", () => {
    const lines = [...talk(0, 10), ...tumHiHo(40), { start: 80, end: 130, text: " Tum hi ho" }, ...talk(135, 10)]
    const { detection, texts } = marked(lines, tracks)
    // The song's first line (40 s) has no evidence of its own (no title, never repeated): the
    // region starts at the first line that has some, the repeated "Tere bina kya wajood mera".
    expect(detection.regions).toEqual([
      { start: 44, end: 130, confidence: 0.95, type: "lyric", detection_method: "title_phrase", matched_song: "Tum Hi Ho", matched_artist: "Arijit Singh" }
    ])
    expect(texts).toEqual([...tumHiHo(40).slice(1).map((l) => l.text), " Tum hi ho"])
  })

  it("never marks dialogue that says a title, nor talk that repeats itself", () => {
    const dialogue = talk(0, 30, (i) => (i === 12 ? " Tum hi ho jo mujhe samajhti ho, sach mein." : i % 5 === 0 ? " Okay." : ` Haan, line ${i} of the talk.`))
    expect(marked(dialogue, tracks).detection.regions).toEqual([])
    // Even next to a long wordless segment (silence or score), the title said once is not a song.
    const nearMusic = [...talk(0, 10), { start: 31, end: 33, text: " Tum hi ho, tum hi ho, sach mein." }, { start: 34, end: 90, text: " Hmm." }, ...talk(91, 5)]
    expect(marked(nearMusic, tracks).detection.regions).toEqual([])
  })

  it("finds a song by its length when its words are not heard: a music-shaped block matching one track", () => {
    // Whisper over a 4-minute song: long nearly wordless segments, a looping line, repeated lines.
    const song: Array<Line> = [
      { start: 600, end: 660, text: " La la la" },
      { start: 661, end: 664, text: " O re piya" },
      { start: 665, end: 730, text: " Na na na na na na na na na" },
      { start: 731, end: 734, text: " O re piya" },
      { start: 735, end: 838, text: " Hmm hmm" }
    ]
    const lines = [...talk(500, 30), ...song, ...talk(860, 20)]
    const timed = [track(1, "Instrumental Dream", 240_000), track(2, "Long Ballad", 420_000)]
    const { detection, texts } = marked(lines, timed)
    expect(detection.regions).toEqual([expect.objectContaining({ start: 600, end: 838, detection_method: "soundtrack_duration", matched_song: "Instrumental Dream" })])
    expect(texts).toEqual(song.map((l) => l.text))
    // Two songs of about that length: not ours to guess.
    expect(marked(lines, [...timed, track(3, "Another Four Minutes", 250_000)]).detection.regions).toEqual([])
    // No song of that length: nothing.
    expect(marked(lines, [track(1, "Short", 120_000)]).detection.regions).toEqual([])
  })
})

describe("songs stage", () => {
  const soundtrackJson = (result: SoundtrackResult) => `${JSON.stringify(result, null, 2)}\n`

  /** The host's bare-array ASR output, with word timings (score or probability) and speakers. */
  const bareArray = () =>
    [...talk(0, 10), ...tumHiHo(40), { start: 80, end: 130, text: " Tum hi ho" }, ...talk(135, 5)].map((line, i) => ({
      ...line,
      speaker: i % 2 === 0 ? "SPEAKER_00" : "SPEAKER_01",
      words: line.text
        .trim()
        .split(" ")
        .map((word, k) => ({ word, start: line.start + k * 0.3, end: line.start + k * 0.3 + 0.25, ...(i % 2 === 0 ? { score: 0.8 } : { probability: 0.7 }) }))
    }))

  const run = (options: SongsStageOptions) => Effect.runPromise(Effect.either(runSongsStage(options)))

  it("reads a bare array, writes a bare array with the marks, every other field kept", async () => {
    const input = bareArray()
    const j = await job({ "06_asr/segments.json": JSON.stringify(input), "soundtrack/soundtrack.json": soundtrackJson(found([track(1, "Tum Hi Ho")])) })
    const result = Either.getOrThrow(await run({ jobDir: j.dir }))
    expect(result).toMatchObject({ status: "success", exitCode: 0, segmentsPath: "06_asr/segments.json", lyricSegments: 9 })
    const out = JSON.parse((await j.read("songs/segments.json")).toString("utf8")) as Array<Record<string, unknown>>
    expect(Array.isArray(out)).toBe(true)
    expect(out).toHaveLength(input.length)
    out.forEach((segment, i) => expect(segment).toMatchObject(input[i]!))
    expect(out[10]).toMatchObject({ text: " Hum tere bin ab reh nahi sakte", is_lyrics: false })
    expect(out[11]).toMatchObject({ text: " Tere bina kya wajood mera", is_lyrics: true, song_title: "Tum Hi Ho", song_artist: "Arijit Singh", detection_method: "title_phrase" })
    expect(out[0]).toMatchObject({ is_lyrics: false, song_title: null, song_artist: null, lyrics_confidence: null, detection_method: null })
    const regions = JSON.parse((await j.read("songs/detected_lyric_regions.json")).toString("utf8"))
    expect(regions).toEqual([expect.objectContaining({ start: 44, end: 130, type: "lyric", matched_song: "Tum Hi Ho" })])
    const status = JSON.parse((await j.read("songs/status.json")).toString("utf8")) as StatusFile
    expect(status).toMatchObject({ stage: "songs", status: "success" })
    expect(status.inputs.map((i) => i.path)).toEqual(["06_asr/segments.json", "soundtrack/soundtrack.json"])
    expect(status.outputs.map((o) => o.path)).toEqual(["songs/segments.json", "songs/detected_lyric_regions.json"])
    expect(await j.exists("songs/subtitles.srt")).toBe(false)
  })

  it("writes subtitles with --srt, and can write where the older host's later stages read", async () => {
    const j = await job({ "asr/segments.json": JSON.stringify({ segments: bareArray(), language: "hi" }), "soundtrack/soundtrack.json": soundtrackJson(found([track(1, "Tum Hi Ho")])) })
    const result = await runSongsStagePromise({ jobDir: j.dir, srt: true, out: "08_lyrics_detection" })
    expect(result.status).toBe("success")
    const out = JSON.parse((await j.read("08_lyrics_detection/segments.json")).toString("utf8")) as Record<string, unknown>
    expect(out["language"]).toBe("hi")
    const srt = (await j.read("08_lyrics_detection/subtitles.srt")).toString("utf8")
    expect(srt).toContain("11\n00:00:40,000 --> 00:00:43,500\nHum tere bin ab reh nahi sakte\n")
    expect(srt).toContain('12\n00:00:44,000 --> 00:00:47,500\n<i>Song: "Tum Hi Ho" - Arijit Singh</i>\n<i>♪ Tere bina kya wajood mera ♪</i>\n')
    expect(srt).toContain("13\n00:00:48,000 --> 00:00:51,500\n<i>♪ Tum hi ho ♪</i>\n")
    expect(srt).toContain("1\n00:00:00,000 --> 00:00:02,500\nLine 0 of the conversation goes on like this.\n")
    expect(srt.match(/Song: /g)).toHaveLength(1)
  })

  it("without a soundtrack (missing, not found, unavailable): status skipped, nothing marked, exit 0", async () => {
    const cases: ReadonlyArray<JobFiles> = [
      {},
      { "soundtrack/soundtrack.json": soundtrackJson(localAnswer({ title: "Nothing Like It" })) },
      { "soundtrack/soundtrack.json": soundtrackJson(unavailableAnswer({ title: "Jaane Tu" })) }
    ]
    for (const extra of cases) {
      const j = await job({ "06_asr/segments.json": JSON.stringify(bareArray()), ...extra })
      const result = Either.getOrThrow(await run({ jobDir: j.dir }))
      expect(result).toMatchObject({ status: "skipped", exitCode: 0, lyricSegments: 0, regions: [] })
      const out = JSON.parse((await j.read("songs/segments.json")).toString("utf8")) as Array<Record<string, unknown>>
      expect(out.every((s) => s["is_lyrics"] === false)).toBe(true)
    }
  })

  it("errors: no segments, malformed segments, a file that is not ASR output, a malformed soundtrack", async () => {
    const none = await job({})
    const missing = await run({ jobDir: none.dir })
    expect(Either.isLeft(missing) && missing.left.message).toContain("no ASR segments")
    const malformed = await job({ "06_asr/segments.json": '[{"start": 0, "end": 1, "text": "a"' })
    const bad = await run({ jobDir: malformed.dir })
    expect(Either.isLeft(bad) && bad.left._tag).toBe("MalformedJobFile")
    if (Either.isLeft(bad)) expect(exitCodeForError(bad.left)).toBe(2)
    expect(await malformed.exists("songs")).toBe(false)
    const notAsr = await job({ "06_asr/segments.json": '{"language": "hi"}' })
    expect(Either.isLeft(await run({ jobDir: notAsr.dir }))).toBe(true)
    const badSoundtrack = await job({ "06_asr/segments.json": "[]", "soundtrack/soundtrack.json": '{"status": "found"}' })
    const result = await run({ jobDir: badSoundtrack.dir })
    expect(Either.isLeft(result) && result.left.message).toContain("soundtrack/soundtrack.json is not a soundtrack document")
  })

  it("refuses segments and output folders outside the job", async () => {
    const j = await job({ "soundtrack/soundtrack.json": soundtrackJson(found([track(1, "Tum Hi Ho")])) })
    const outsideSegments = join(j.outside, "segments.json")
    await writeFile(outsideSegments, JSON.stringify(bareArray()))
    expect(Either.isLeft(await run({ jobDir: j.dir, segments: outsideSegments }))).toBe(true)
    await symlink(outsideSegments, j.path("linked.json"))
    const linked = await run({ jobDir: j.dir, segments: "linked.json" })
    expect(Either.isLeft(linked) && linked.left._tag).toBe("PathOutsideJob")
    await writeFile(j.path("inside.json"), JSON.stringify(bareArray()))
    expect(Either.isLeft(await run({ jobDir: j.dir, segments: "inside.json", out: "../out" }))).toBe(true)
    await symlink(j.outside, j.path("songs"))
    const linkedOut = await run({ jobDir: j.dir, segments: "inside.json" })
    expect(Either.isLeft(linkedOut) && linkedOut.left._tag).toBe("PathOutsideJob")
    // An absolute path inside the job is fine.
    expect(Either.isRight(await run({ jobDir: j.dir, segments: j.path("inside.json"), out: "songs2" }))).toBe(true)
    expect(await readdir(j.outside)).toEqual(["segments.json"])
  })
})
