/**
 * Similarity of film/album titles and of person names, in [0, 1]. Prepare each string once
 * (`prepareTitle`, `prepareName`) when one query is compared with many candidates.
 */
import { normalizeText, tokensOf } from "./normalize.js"
import { prepareSoftWords, type PreparedWords, softWordSimilarity } from "./soft-words.js"
import { analyzeSoundtrackTitle } from "./soundtrack-noise.js"

export interface PreparedTitle extends PreparedWords {
  readonly original: string
  /** The album calls itself a score; see `isScoreTitle`. */
  readonly isScore: boolean
  /** The numbers in the title ("2" of "Dhoom 2", "II" read as "2"). */
  readonly numbers: ReadonlySet<string>
}

// Sequels differ by a number only. Roman numerals are read as numbers, but not "i", "v", "x",
// which are also words and initials. Converted before romanisation, which would fold "iii" to "i".
const ROMAN: Readonly<Record<string, string>> = { ii: "2", iii: "3", iv: "4", vi: "6", vii: "7", viii: "8", ix: "9" }
const NUMBER = /^\p{Nd}+$/u
// A number glued to a word is read apart: "Dilwale608" = "Dilwale 608", "Dhoom2" = "Dhoom 2".
// Only one boundary, so stylised words stay whole ("Se7en", "M3gan"), and ordinals ("2nd") too.
const GLUED_NUMBER = /^(?:([\p{L}\p{M}]+)(\p{Nd}+)|(\p{Nd}+)([\p{L}\p{M}]+))$/u
const ORDINAL = /^\p{Nd}+(?:st|nd|rd|th)$/u

const splitGluedNumber = (word: string): ReadonlyArray<string> => {
  const m = GLUED_NUMBER.exec(word)
  if (m === null || ORDINAL.test(word)) return [word]
  return m[1] !== undefined ? [m[1], m[2] ?? ""] : [m[3] ?? "", m[4] ?? ""]
}

/**
 * Titles whose numbers differ are different films ("Dhoom" vs "Dhoom 2", "Golmaal 3" vs
 * "Golmaal Returns") however alike the words: their score is capped below any sensible rule.
 */
const NUMBER_MISMATCH_CAP = 0.6

export const prepareTitle = (title: string): PreparedTitle => {
  const { core, isScore } = analyzeSoundtrackTitle(title)
  const words = tokensOf(core).flatMap(splitGluedNumber).map((w) => ROMAN[w] ?? w)
  const numbers = new Set(words.filter((w) => NUMBER.test(w)).map((w) => w.replace(/^0+(?=.)/, "")))
  return { ...prepareSoftWords(words), original: title, isScore, numbers }
}

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean =>
  a.size === b.size && [...a].every((x) => b.has(x))

/**
 * How alike two film/album titles are, after normalisation, soundtrack-noise stripping and the
 * romanisation key: 1 for the same title however spelled or ordered, high (≥ 0.88 from two words
 * up) for one typo per word or a missing space, low for a different film: another word, an
 * extra word or another number. Whether either is a score is *not* scored here
 * (see `PreparedTitle.isScore`).
 */
export const titleSimilarity = (a: string | PreparedTitle, b: string | PreparedTitle): number => {
  const pa = typeof a === "string" ? prepareTitle(a) : a
  const pb = typeof b === "string" ? prepareTitle(b) : b
  const score = softWordSimilarity(pa, pb)
  return sameSet(pa.numbers, pb.numbers) ? score : Math.min(score, NUMBER_MISMATCH_CAP)
}

export interface PreparedName extends PreparedWords {
  readonly original: string
}

/**
 * Runs of single letters are initials and are joined: "A. R. Rahman", "A.R. Rahman" and
 * "AR Rahman" all become "ar rahman".
 */
const joinInitials = (words: ReadonlyArray<string>): Array<string> => {
  const out: Array<string> = []
  let initials = ""
  for (const w of words) {
    if (/^[a-z]$/.test(w)) {
      initials += w
      continue
    }
    if (initials !== "") out.push(initials)
    initials = ""
    out.push(w)
  }
  if (initials !== "") out.push(initials)
  return out
}

export const prepareName = (name: string): PreparedName => {
  const words = joinInitials(tokensOf(normalizeText(name)))
  return { ...prepareSoftWords(words), original: name }
}

/**
 * How alike two person names are: initials, dots, diacritics, order and romanisation aside, one
 * typo per word of 4 letters or more forgiven ("Shreya Goshal" = "Shreya Ghoshal", 0.9).
 */
export const nameSimilarity = (a: string | PreparedName, b: string | PreparedName): number =>
  softWordSimilarity(typeof a === "string" ? prepareName(a) : a, typeof b === "string" ? prepareName(b) : b)
