/**
 * What a segment's shape says about music. Whisper over a song writes few words for a long
 * time (it cannot follow the singing, or covers the instrumental part with one segment), loops
 * on a word ("Vari ... Vari ... Vari"), and hears the chorus again and again (repeated lines).
 * None of these is evidence of a *song* on its own: silence and score do the first two, and
 * dialogue repeats "Okay." too. They only support a song already named by its title or length.
 */
import type { TextWords } from "./title-phrases.js"

/** A segment this long with this few words is music or silence, not talk. */
const SPARSE_MIN_SECONDS = 15
const SPARSE_MAX_WORDS_PER_SECOND = 0.5
/** Whisper's repetition loop: many words, one of them most of them. */
const LOOP_MIN_WORDS = 6
const LOOP_MIN_SHARE = 0.5

export interface SegmentShape {
  readonly words: number
  readonly seconds: number
  /** Long and nearly wordless. */
  readonly sparseLong: boolean
  /** One word repeated over and over inside the segment. */
  readonly loop: boolean
  /** The line as sounds (skeletons), to find it sung again; null for an empty line. */
  readonly lineKey: string | null
}

export const segmentShape = (text: TextWords, start: number, end: number): SegmentShape => {
  const seconds = Math.max(0, end - start)
  const words = text.words.length
  const counts = new Map<string, number>()
  for (const s of text.skeletons) counts.set(s, (counts.get(s) ?? 0) + 1)
  const most = Math.max(0, ...counts.values())
  const lineKey = text.skeletons.join(" ")
  return {
    words,
    seconds,
    sparseLong: seconds >= SPARSE_MIN_SECONDS && words / seconds < SPARSE_MAX_WORDS_PER_SECOND,
    loop: words >= LOOP_MIN_WORDS && most / words >= LOOP_MIN_SHARE,
    lineKey: lineKey.replace(/ /g, "").length >= 2 ? lineKey : null
  }
}
