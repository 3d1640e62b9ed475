/**
 * Finds the sung passages of a transcript, for the songs of the film's soundtrack.
 *
 * Precision first: a passage is a song only when two independent kinds of evidence agree.
 *  1. Title phrase: a segment sings the whole title (sound-alike match, see title-phrases.ts).
 *     From it the region grows over neighbouring segments (gaps under 20 s) that support a song:
 *     the title again (or two of its words), a line already sung in the region, a long nearly
 *     wordless segment, a Whisper loop. The region is kept only if the title comes back or lines
 *     repeat, and at least two of these hold: title ≥ 2 times, repeated lines ≥ 2, long sparse or
 *     looping segments, few words per second overall. A character named like the song ("Aditi")
 *     never starts a region: one word of a title is not a hit.
 *  2. Duration: a block of music-shaped segments (long sparse or looping ones, with repeated
 *     lines or a loop) whose span matches exactly one song's length (±10 %, no other song near).
 * Every step is linear in the number of segments (times a small window), so a 2 000-segment
 * film takes milliseconds.
 */
import type { Track } from "@liner/core"
import type { AsrSegment } from "./segments.js"
import { segmentShape, type SegmentShape } from "./segment-shape.js"
import { buildTitleIndex, textWords, type TitleHit, titleHits } from "./title-phrases.js"

export type DetectionMethod = "title_phrase" | "soundtrack_duration"

/** One entry of `detected_lyric_regions.json` (the host's shape). */
export interface LyricRegion {
  readonly start: number
  readonly end: number
  readonly confidence: number
  readonly type: "lyric"
  readonly detection_method: DetectionMethod
  readonly matched_song?: string
  readonly matched_artist?: string
}

export interface SongDetection {
  /** Accepted regions in time order. */
  readonly regions: ReadonlyArray<LyricRegion>
  /** Input segment index → index in `regions`, for the segments that are sung. */
  readonly regionOfSegment: ReadonlyMap<number, number>
}

/** Largest silence (or talk without song evidence) inside one song. */
const BRIDGE_SECONDS = 20
/** Longest song when its length is unknown. */
const UNKNOWN_SONG_CAP_SECONDS = 420
const MIN_REGION_SECONDS = 20
const LOW_RATE_MIN_SECONDS = 30
const LOW_RATE_WORDS_PER_SECOND = 1.0
const DURATION_TOLERANCE = 0.1
const DURATION_TOLERANCE_MIN_SECONDS = 10

interface Candidate {
  readonly lo: number
  readonly hi: number
  readonly track: number
  readonly method: DetectionMethod
  readonly confidence: number
}

const round2 = (x: number) => Math.round(x * 100) / 100

export const detectSongs = (input: ReadonlyArray<AsrSegment>, tracks: ReadonlyArray<Track>): SongDetection => {
  const segments = [...input].sort((a, b) => a.start - b.start || a.index - b.index)
  const n = segments.length
  const index = buildTitleIndex(tracks)
  const texts = segments.map((s) => textWords(s.text))
  const shapes: ReadonlyArray<SegmentShape> = segments.map((s, i) => segmentShape(texts[i]!, s.start, s.end))
  const hits: ReadonlyArray<ReadonlyArray<TitleHit>> = texts.map((t) => titleHits(t, index))
  const linePositions = new Map<string, Array<number>>()
  shapes.forEach((shape, i) => {
    if (shape.lineKey === null) return
    const positions = linePositions.get(shape.lineKey)
    if (positions === undefined) linePositions.set(shape.lineKey, [i])
    else positions.push(i)
  })

  const start = (i: number) => segments[i]!.start
  const end = (i: number) => segments[i]!.end
  const hitOf = (i: number, track: number) => hits[i]!.find((h) => h.track === track)
  const musical = (i: number) => shapes[i]!.sparseLong || shapes[i]!.loop
  /** The line of segment `i` is also sung at another position within [lo, hi]. */
  const repeatedWithin = (i: number, lo: number, hi: number) => {
    const key = shapes[i]!.lineKey
    return key !== null && (linePositions.get(key) ?? []).some((j) => j !== i && j >= lo && j <= hi)
  }

  /** Grows [anchor, anchor] over supporting neighbours, never across a gap over BRIDGE_SECONDS. */
  const grow = (anchor: number, supports: (i: number, lo: number, hi: number) => boolean, isHit: (i: number) => boolean, cap: number) => {
    let lo = anchor
    let hi = anchor
    let spanEnd = end(anchor)
    for (let j = hi + 1; j < n && start(j) - spanEnd <= BRIDGE_SECONDS; j++) {
      if (!supports(j, lo, hi)) continue
      if (end(j) - start(lo) > cap && !isHit(j)) break
      hi = j
      spanEnd = Math.max(spanEnd, end(j))
    }
    for (let j = lo - 1; j >= 0 && start(lo) - end(j) <= BRIDGE_SECONDS; j--) {
      if (!supports(j, lo, hi)) continue
      if (spanEnd - start(j) > cap && !isHit(j)) break
      lo = j
    }
    return { lo, hi, seconds: Math.max(...segments.slice(lo, hi + 1).map((s) => s.end)) - start(lo) }
  }

  interface Shape {
    readonly hitSegments: number
    readonly repeatedSegments: number
    readonly musical: boolean
    readonly lowRate: boolean
  }
  const shapeOf = (lo: number, hi: number, seconds: number, track: number | null): Shape => {
    let hitSegments = 0
    let repeatedSegments = 0
    let isMusical = false
    let words = 0
    for (let i = lo; i <= hi; i++) {
      if (track !== null && hitOf(i, track) !== undefined) hitSegments++
      if (repeatedWithin(i, lo, hi)) repeatedSegments++
      if (musical(i)) isMusical = true
      words += shapes[i]!.words
    }
    const lowRate = seconds >= LOW_RATE_MIN_SECONDS && words / seconds < LOW_RATE_WORDS_PER_SECOND
    return { hitSegments, repeatedSegments, musical: isMusical, lowRate }
  }

  const durationOf = (track: number): number | null => {
    const ms = tracks[track]?.durationMs
    return ms === null || ms === undefined || ms <= 0 ? null : ms / 1000
  }
  const capFor = (track: number) => {
    const seconds = durationOf(track)
    return seconds === null ? UNKNOWN_SONG_CAP_SECONDS : seconds * 1.25 + BRIDGE_SECONDS
  }

  const candidates: Array<Candidate> = []

  // 1. Title phrases.
  const titleMatched = new Set<number>()
  for (const track of index.anchorable) {
    let coveredUntil = -1
    for (let anchor = 0; anchor < n; anchor++) {
      if (anchor <= coveredUntil || hitOf(anchor, track)?.full !== true) continue
      const isHit = (i: number) => hitOf(i, track) !== undefined
      const region = grow(anchor, (i, lo, hi) => isHit(i) || musical(i) || repeatedWithin(i, lo, hi), isHit, capFor(track))
      coveredUntil = region.hi
      const shape = shapeOf(region.lo, region.hi, region.seconds, track)
      const titleAgain = shape.hitSegments >= 2
      const linesAgain = shape.repeatedSegments >= 2
      const count = [titleAgain, linesAgain, shape.musical, shape.lowRate].filter(Boolean).length
      const oneWordTitle = (index.titleWords[track] ?? 0) < 2
      const accepted = oneWordTitle
        ? titleAgain && (linesAgain || shape.musical)
        : (titleAgain || linesAgain) && count >= 2
      if (!accepted || region.seconds < MIN_REGION_SECONDS) continue
      titleMatched.add(track)
      candidates.push({ lo: region.lo, hi: region.hi, track, method: "title_phrase", confidence: Math.min(0.95, 0.55 + 0.1 * count) })
    }
  }

  // 2. Durations, for the songs no title found.
  const timed = tracks.map((_, i) => i).filter((i) => durationOf(i) !== null && !titleMatched.has(i))
  if (timed.length > 0) {
    const longest = Math.max(...timed.map((i) => durationOf(i)!))
    const cap = longest * 1.25 + BRIDGE_SECONDS
    let coveredUntil = -1
    for (let seed = 0; seed < n; seed++) {
      if (seed <= coveredUntil || !musical(seed)) continue
      const block = grow(seed, (i, lo, hi) => musical(i) || repeatedWithin(i, lo, hi), () => false, cap)
      coveredUntil = block.hi
      const shape = shapeOf(block.lo, block.hi, block.seconds, null)
      const loops = segments.slice(block.lo, block.hi + 1).some((_, k) => shapes[block.lo + k]!.loop)
      if (block.hi - block.lo + 1 < 3 || !(shape.repeatedSegments >= 2 || loops)) continue
      const byDistance = tracks
        .map((_, i) => i)
        .filter((i) => durationOf(i) !== null)
        .map((i) => ({ track: i, diff: Math.abs(block.seconds - durationOf(i)!), tolerance: Math.max(DURATION_TOLERANCE_MIN_SECONDS, DURATION_TOLERANCE * durationOf(i)!) }))
        .sort((a, b) => a.diff - b.diff)
      const [best, second] = byDistance
      if (best === undefined || titleMatched.has(best.track) || best.diff > best.tolerance) continue
      // Two songs of about that length: which one is it? Not ours to guess.
      if (second !== undefined && second.diff <= 2 * best.tolerance) continue
      candidates.push({ lo: block.lo, hi: block.hi, track: best.track, method: "soundtrack_duration", confidence: 0.5 + 0.2 * (1 - best.diff / best.tolerance) })
    }
  }

  // Overlaps: the more confident region wins.
  const accepted: Array<Candidate> = []
  const overlaps = (a: Candidate, b: Candidate) => a.lo <= b.hi && b.lo <= a.hi
  for (const c of [...candidates].sort((a, b) => b.confidence - a.confidence || a.lo - b.lo))
    if (!accepted.some((a) => overlaps(a, c))) accepted.push(c)
  accepted.sort((a, b) => a.lo - b.lo)

  const regionOfSegment = new Map<number, number>()
  const regions = accepted.map((c, r): LyricRegion => {
    for (let i = c.lo; i <= c.hi; i++) regionOfSegment.set(segments[i]!.index, r)
    const track = tracks[c.track]!
    return {
      start: start(c.lo),
      end: Math.max(...segments.slice(c.lo, c.hi + 1).map((s) => s.end)),
      confidence: round2(c.confidence),
      type: "lyric",
      detection_method: c.method,
      matched_song: track.title,
      ...(track.artists.length > 0 ? { matched_artist: track.artists.join(", ") } : {})
    }
  })
  return { regions, regionOfSegment }
}
