/**
 * Song titles heard in ASR text. A *full* hit is the whole title phrase ("Kabhi Kabhi Aditi"
 * in "Kappi Kappi aadati"); a *partial* hit is a run of at least two of its words ("Kappi
 * Kappi"). One word of a title ("Aditi" in "I love Aditi") is never a hit: a character named
 * like a song is talked about in dialogue all the time.
 */
import { bracketGroups, normalizeText, stripSoundtrackNoise, tokensOf, type Track, withoutGroups } from "@liner/core"
import { letterSimilarity, lettersOf, wordSkeleton } from "./phonetic.js"

/** Below this, the letters are too far apart even for a sound-alike skeleton. */
const MIN_LETTER_SIMILARITY = 0.55
/** A phrase whose skeleton is shorter than this ("Tu Na") matches too much to mean anything. */
const MIN_SKELETON_LENGTH = 3
/** Part of a title must say more than that to count ("Kabhi Kabhi", not "Jaane Tu"). */
const MIN_PARTIAL_SKELETON_LENGTH = 4

interface Phrase {
  readonly track: number
  readonly full: boolean
  readonly letters: string
}

export interface TitleHit {
  readonly track: number
  readonly full: boolean
}

/** The words of a text as the matcher sees them. */
export interface TextWords {
  readonly words: ReadonlyArray<string>
  readonly skeletons: ReadonlyArray<string>
}

export const textWords = (text: string): TextWords => {
  const words = tokensOf(normalizeText(text))
  return { words, skeletons: words.map(wordSkeleton) }
}

export interface TitleIndex {
  readonly phrases: ReadonlyMap<string, ReadonlyArray<Phrase>>
  /** The longest title, in words, plus slack for split words ("ka bhi"). */
  readonly maxWindow: number
  /** Tracks whose full title can anchor a song (a long enough skeleton). */
  readonly anchorable: ReadonlySet<number>
  /** Number of words of each track's title. */
  readonly titleWords: ReadonlyArray<number>
}

/**
 * The words a singer sings of a track title: without bracketed qualifiers ("(Reprise)",
 * "(From …)") and a trailing " - Remix"-like part.
 */
const sungTitle = (title: string): string => {
  const bare = withoutGroups(title, bracketGroups(title)).split(/\s+[-–—]\s+/)[0] ?? title
  return stripSoundtrackNoise(bare) || normalizeText(title)
}

/** Every contiguous sub-phrase of every title, keyed by skeleton. */
export const buildTitleIndex = (tracks: ReadonlyArray<Track>): TitleIndex => {
  const phrases = new Map<string, Array<Phrase>>()
  const anchorable = new Set<number>()
  const titleWords: Array<number> = []
  let maxWords = 1
  tracks.forEach((track, i) => {
    const { words, skeletons } = textWords(sungTitle(track.title))
    titleWords.push(words.length)
    maxWords = Math.max(maxWords, words.length)
    for (let from = 0; from < words.length; from++) {
      for (let to = from + 1; to <= words.length; to++) {
        const full = from === 0 && to === words.length
        const skeleton = skeletons.slice(from, to).join("")
        if (skeleton.length < (full ? MIN_SKELETON_LENGTH : MIN_PARTIAL_SKELETON_LENGTH) || (!full && to - from < 2)) continue
        if (full) anchorable.add(i)
        const list = phrases.get(skeleton) ?? []
        list.push({ track: i, full, letters: lettersOf(words.slice(from, to)) })
        phrases.set(skeleton, list)
      }
    }
  })
  return { phrases, maxWindow: maxWords + 2, anchorable, titleWords }
}

/** The titles (whole or in part) heard in a text; at most one hit per track, full preferred. */
export const titleHits = (text: TextWords, index: TitleIndex): ReadonlyArray<TitleHit> => {
  const best = new Map<number, boolean>()
  const { words, skeletons } = text
  for (let from = 0; from < words.length; from++) {
    if (skeletons[from] === "") continue // a window never starts on a vowel-only word
    let skeleton = ""
    for (let to = from; to < Math.min(words.length, from + index.maxWindow); to++) {
      skeleton += skeletons[to]
      const candidates = index.phrases.get(skeleton)
      if (candidates === undefined) continue
      const letters = lettersOf(words.slice(from, to + 1))
      for (const phrase of candidates) {
        if (best.get(phrase.track) === true) continue
        if (letterSimilarity(letters, phrase.letters) >= MIN_LETTER_SIMILARITY) best.set(phrase.track, phrase.full)
      }
    }
  }
  return [...best].map(([track, full]) => ({ track, full }))
}
