/**
 * Soundtrack album titles carry words that say what kind of album it is, not which film:
 * "Jaane Tu... Ya Jaane Na (Original Motion Picture Soundtrack)", "Music from the Motion Picture
 * Dil Se", "3 Idiots (Original Score)". These are removed before comparing with a film title.
 * Whether the album *was* a score is kept, so a caller can prefer the songs album.
 */
import { normalizeText, tokensOf } from "./normalize.js"

const phrases = (...ps: ReadonlyArray<string>): ReadonlyArray<ReadonlyArray<string>> =>
  // Longest first, so "original soundtrack" wins over "soundtrack" at the same position.
  ps.map((p) => p.split(" ")).sort((a, b) => b.length - a.length)

/** Noise wherever it stands. All are phrases no film title plausibly contains. */
const NOISE_ANYWHERE = phrases(
  "original motion picture soundtrack",
  "original motion picture sound track",
  "original motion picture score",
  "motion picture soundtrack",
  "motion picture score",
  "original film soundtrack",
  "original soundtrack recording",
  "original soundtrack",
  "original sound track",
  "original background score",
  "original score",
  "background score",
  "film score",
  "soundtrack album",
  "soundtrack",
  "sound track",
  "ost",
  "o s t",
  "music from and inspired by the motion picture",
  "music from the original motion picture",
  "music from the motion picture",
  "songs from the motion picture",
  "from the original motion picture",
  "from the motion picture",
  "music from the film",
  "songs from the film"
)

/** Noise only as the first words of the title ("Songs from Dil Se"). */
const NOISE_AT_START = phrases("songs from", "music from", "music of")

/**
 * Words that are noise inside a bracket or dash segment made only of noise ("(Score)",
 * "- Original", "[Music from the Film]"), but may be real title words elsewhere ("The Score").
 */
const SEGMENT_WORDS = new Set(["score", "original", "music", "songs", "motion", "picture", "film", "movie", "the", "from", "album", "and"])

/** Phrases that mark a score album. */
const SCORE_PHRASES = phrases(
  "original motion picture score",
  "motion picture score",
  "original background score",
  "original score",
  "background score",
  "film score"
)

// `(From "Dil Se")`, `[from the film 'X']`: a song's film reference, never part of the title.
const FROM_BRACKET = /[([]\s*from\s[^)\]]*[)\]]/gi
// Innermost bracket groups, and the separators between a title and its trailing qualifiers.
const BRACKET_GROUP = /[([{]([^()[\]{}]*)[)\]}]/g
const SEGMENT_SEPARATOR = /\s+[-–—|]\s+|:\s+/

const startsWithAt = (tokens: ReadonlyArray<string>, at: number, phrase: ReadonlyArray<string>): boolean =>
  phrase.every((w, i) => tokens[at + i] === w)

/** Removes every occurrence of the phrases (and the start-only ones at the start). */
const removeNoise = (tokens: ReadonlyArray<string>): Array<string> => {
  const kept: Array<string> = []
  let i = 0
  // "Music from the Motion Picture X" is the longer anywhere-phrase, not "music from" + "the motion picture X".
  const start = NOISE_ANYWHERE.some((p) => startsWithAt(tokens, 0, p)) ? undefined : NOISE_AT_START.find((p) => startsWithAt(tokens, 0, p))
  if (start !== undefined && tokens.length > start.length) i = start.length
  while (i < tokens.length) {
    const hit = NOISE_ANYWHERE.find((p) => startsWithAt(tokens, i, p))
    if (hit !== undefined) {
      i += hit.length
    } else {
      kept.push(tokens[i] ?? "")
      i++
    }
  }
  return kept
}

const containsPhrase = (tokens: ReadonlyArray<string>, list: ReadonlyArray<ReadonlyArray<string>>): boolean =>
  tokens.some((_, i) => list.some((p) => startsWithAt(tokens, i, p)))

/** A bracket/dash segment that says only "soundtrack", "score", "original", ... */
const isNoiseSegment = (text: string): boolean => {
  const tokens = tokensOf(normalizeText(text))
  return tokens.length > 0 && removeNoise(tokens).every((w) => SEGMENT_WORDS.has(w))
}

export interface SoundtrackTitle {
  /** The normalised title without its noise. Never empty unless the input was. */
  readonly core: string
  /** The album calls itself a score (background music), not the songs. */
  readonly isScore: boolean
  /**
   * The normalised title before a subtitle separator (": ", " - ", " – ", " — ", " | "), when a
   * subtitle that is not noise follows: "don" for "Don: The Chase Begins Again". Films are often
   * known by it alone.
   */
  readonly mainTitle: string | undefined
}

/** The noise-free first segment when another segment follows it. */
const mainTitleOf = (segments: ReadonlyArray<string>): string | undefined => {
  if (segments.length < 2) return undefined
  const cores = segments.map((s) => removeNoise(tokensOf(normalizeText(s))).join(" ")).filter((c) => c !== "")
  return cores.length < 2 ? undefined : cores[0]
}

/** Splits an album title into its film-title core, whether it is a score, and its main title. */
export const analyzeSoundtrackTitle = (title: string): SoundtrackTitle => {
  let isScore = false
  const noteScore = (text: string): void => {
    if (tokensOf(normalizeText(text)).includes("score")) isScore = true
  }
  let text = title.replace(FROM_BRACKET, " ")
  // Innermost groups first, repeatedly, so "(Original Score [Remastered])" is handled too.
  for (let previous = ""; previous !== text; ) {
    previous = text
    text = text.replace(BRACKET_GROUP, (_, inner: string) => {
      if (!isNoiseSegment(inner)) return ` ${inner} `
      noteScore(inner)
      return " "
    })
  }
  const segments = text.split(SEGMENT_SEPARATOR)
  const noise = segments.map(isNoiseSegment)
  // When every segment is noise-like ("The Score", "Original Music"), they are the title itself.
  const meaningful = noise.every(Boolean) ? segments : segments.filter((_, i) => !noise[i])
  if (meaningful !== segments) {
    segments.forEach((segment, i) => {
      if (noise[i]) noteScore(segment)
    })
  }
  const tokens = tokensOf(normalizeText(meaningful.join(" ")))
  if (containsPhrase(tokens, SCORE_PHRASES)) isScore = true
  const core = removeNoise(tokens).join(" ")
  // A title made only of noise ("Original Soundtrack") is its own core, without a main title.
  if (core === "") return { core: normalizeText(title), isScore, mainTitle: undefined }
  return { core, isScore, mainTitle: noise.every(Boolean) ? undefined : mainTitleOf(meaningful) }
}

/** The normalised album title without soundtrack noise: "Dil Se (Original Soundtrack)" → "dil se". */
export const stripSoundtrackNoise = (title: string): string => analyzeSoundtrackTitle(title).core

/** Whether an album title marks a score ("(Score)", "Original Score", "- Background Score"). */
export const isScoreTitle = (title: string): boolean => analyzeSoundtrackTitle(title).isScore
