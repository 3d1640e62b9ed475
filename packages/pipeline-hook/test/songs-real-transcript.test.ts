/**
 * The songs stage on the real faster-whisper transcript of "Jaane Tu... Ya Jaane Na" (2 242
 * segments, Whisper `base`) with the real local-database entry for the film (six songs, no
 * durations, so only title evidence can name a song).
 *
 * How the known sung and spoken segments were identified, by reading the transcript:
 * - Sung, "Kabhi Kabhi Aditi" (ids 166–186, 743 s–1 061 s): the lines are the song's lyrics as
 *   a small model hears them — "Kabhi ka bhi aadati ki zindhi…" (Kabhi kabhi Aditi zindagi mein),
 *   "Vibhichar jai to / Ika sap na lakta hai" (woh bichhad jaaye to ek sapna lagta hai),
 *   "Everything's gonna be okay" (the song's English refrain, heard twice, ids 174 and 184),
 *   "Kappi Kappi to lagi" twice (175, 178), "Sme koi kye say" twice (170, 181) — and the song ends
 *   in two segments Whisper stretched over the music: "Kappi Kappi" (41 s) and "Kappi.." (238 s).
 * - Spoken: the 45 other lines that name Aditi, the heroine, in dialogue — "It's a diti." (126),
 *   "Hama rada ko kabhi nahi bholen gaya diti." (138, which even has "kabhi" and "diti"),
 *   "Haditi dakhi te." (163, just before the song: "Aditi is sad"), "I love Aditi." (1804),
 *   "he took care of Aditi." (1962, a 67.5 s segment) and the Urdu-script "آڈیتی" lines.
 */
import { jobLayouts, makeJobDir, readPipelineFixtureText, type TempJobDir } from "@liner/testkit"
import { Effect, Either } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { detectSongs, runSongsStage, runSoundtrackStage } from "../src/index.js"
import { decodeSegmentsDocument } from "../src/songs/segments.js"
import { buildTitleIndex, textWords, titleHits } from "../src/songs/title-phrases.js"
import { countingFinder, localTracks } from "./support/local-finder.js"

interface OutSegment {
  readonly id: number
  readonly start: number
  readonly end: number
  readonly text: string
  readonly speaker: string
  readonly is_lyrics: boolean
  readonly song_title: string | null
  readonly song_artist: string | null
  readonly lyrics_confidence: number | null
  readonly detection_method: string | null
}

const ADITI = /diti|aditya|آڈیتی|آدتی|آدیتی/i
const SONG_IDS = { first: 166, last: 186 }

let j: TempJobDir
let segments: ReadonlyArray<OutSegment>
let output: Record<string, unknown>
let srt: string
let regions: ReadonlyArray<Record<string, unknown>>

beforeAll(async () => {
  j = await makeJobDir(jobLayouts.oldest())
  // Stage 1 then stage 2, as the host would run them.
  await Effect.runPromise(runSoundtrackStage({ jobDir: j.dir }).pipe(Effect.provide(countingFinder().layer)))
  const result = await Effect.runPromise(runSongsStage({ jobDir: j.dir, srt: true }))
  expect(result).toMatchObject({ status: "success", exitCode: 0, segmentsPath: "transcription/transcript.json" })
  output = JSON.parse((await j.read("songs/segments.json")).toString("utf8")) as Record<string, unknown>
  segments = output["segments"] as ReadonlyArray<OutSegment>
  regions = JSON.parse((await j.read("songs/detected_lyric_regions.json")).toString("utf8")) as ReadonlyArray<Record<string, unknown>>
  srt = (await j.read("songs/subtitles.srt")).toString("utf8")
})
afterAll(async () => {
  await j.cleanup()
})

const byId = (id: number) => segments.find((s) => s.id === id)!

describe("songs stage on the real transcript", () => {
  it("keeps the input's shape: the object with language, statistics and config, every segment's fields", () => {
    const input = JSON.parse(readPipelineFixtureText("transcript")) as Record<string, unknown>
    expect(Object.keys(output)).toEqual(Object.keys(input))
    expect(output["statistics"]).toEqual(input["statistics"])
    expect(segments).toHaveLength(2242)
    expect(byId(1)).toMatchObject({ start: 262.8, text: " He is so funny", speaker: "UNKNOWN", is_lyrics: false, song_title: null })
  })

  it("marks the sung lines of Kabhi Kabhi Aditi", () => {
    for (const id of [166, 167, 170, 174, 175, 178, 181, 184, 185, 186]) {
      expect(byId(id), `segment ${id}: ${byId(id).text}`).toMatchObject({
        is_lyrics: true,
        song_title: "Kabhi Kabhi Aditi",
        song_artist: "Rashid Ali",
        detection_method: "title_phrase"
      })
      expect(byId(id).lyrics_confidence).toBeGreaterThanOrEqual(0.7)
    }
    expect(regions).toContainEqual(
      expect.objectContaining({ start: 743.35, type: "lyric", matched_song: "Kabhi Kabhi Aditi", matched_artist: "Rashid Ali", detection_method: "title_phrase" })
    )
  })

  it("marks no dialogue line that names Aditi", () => {
    const spoken = segments.filter((s) => ADITI.test(s.text) && (s.id < SONG_IDS.first || s.id > SONG_IDS.last))
    expect(spoken.length).toBeGreaterThanOrEqual(40)
    expect(spoken.filter((s) => s.is_lyrics).map((s) => `${s.id}: ${s.text}`)).toEqual([])
    for (const id of [126, 138, 163, 164, 1804, 1962]) expect(byId(id).is_lyrics).toBe(false)
  })

  it("finds only plausible regions: songs of the soundtrack, a small part of the film", () => {
    const titles = new Set(localTracks().map((t) => t.title))
    for (const region of regions) expect(titles.has(region["matched_song"] as string)).toBe(true)
    const sung = regions.reduce((total, r) => total + (r["end"] as number) - (r["start"] as number), 0)
    expect(sung / 8544).toBeLessThan(0.15)
    const marked = segments.filter((s) => s.is_lyrics)
    expect(marked.every((s) => regions.some((r) => s.start >= (r["start"] as number) && s.end <= (r["end"] as number)))).toBe(true)
  })

  it("writes subtitles with ♪ lines and one Song: line per song", () => {
    expect(srt).toContain('<i>Song: "Kabhi Kabhi Aditi" - Rashid Ali</i>\n<i>♪ Kabhi ka bhi aadati ki zindhi ki nahi. ♪</i>')
    expect(srt.match(/<i>Song: /g)).toHaveLength(regions.length)
    expect(srt).toContain("<i>♪ Everything's gonna be okay ♪</i>")
    expect(srt.startsWith("1\n00:04:22,800 --> 00:04:39,740\nHe is so funny\n\n2\n")).toBe(true)
    expect(srt).toContain("\nI love Aditi.\n")
  })
})

describe("song detection precision on the real transcript", () => {
  const document = Either.getOrThrow(decodeSegmentsDocument(JSON.parse(readPipelineFixtureText("transcript"))))
  const raw = document.raw as ReadonlyArray<{ readonly id: number }>
  const withText = (edits: Readonly<Record<number, string>>) =>
    document.segments.map((s) => {
      const text = edits[raw[s.index]!.id]
      return text === undefined ? s : { ...s, text }
    })
  const markedIds = (edits: Readonly<Record<number, string>>) =>
    [...detectSongs(withText(edits), localTracks()).regionOfSegment.keys()].map((i) => raw[i]!.id)

  it("a dialogue line saying the whole title is still dialogue, even beside a long wordless segment", () => {
    const baseline = markedIds({})
    const index = buildTitleIndex(localTracks())
    // The edited lines do sing the whole title, as far as the matcher can tell.
    expect(titleHits(textWords(" Kabhi kabhi Aditi, I love you."), index)).toContainEqual({ track: 1, full: true })
    // 1804 sits in talk; 1961 is next to the 67.5 s segment 1962 and the 18.8 s segment 1955.
    expect(markedIds({ 1804: " Kabhi kabhi Aditi, I love you.", 1961: " Kabhi kabhi Aditi ko sambhalna padta hai." })).toEqual(baseline)
  })

  it("one word of the title is never enough, however often it is said", () => {
    const edits = Object.fromEntries([1786, 1792, 1796, 1804, 1816, 1819, 1821].map((id) => [id, " Aditi Aditi Aditi."]))
    expect(markedIds(edits).filter((id) => id > 1700)).toEqual([])
  })
})
