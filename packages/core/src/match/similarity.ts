/**
 * Similarity of film/album titles and of person names, in [0, 1]. Prepare each string once
 * (`prepareTitle`, `prepareName`) when one query is compared with many candidates.
 */
import { normalizeText, tokensOf } from "./normalize.js"
import { blendedSimilarity, prepareWords, type PreparedText } from "./overlap.js"
import { romanizeNormalized } from "./romanize.js"
import { analyzeSoundtrackTitle } from "./soundtrack-noise.js"

export interface PreparedTitle extends PreparedText {
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

/**
 * Titles whose numbers differ are different films ("Dhoom" vs "Dhoom 2", "Golmaal 3" vs
 * "Golmaal Returns") however alike the words: their score is capped below any sensible rule.
 */
const NUMBER_MISMATCH_CAP = 0.6

export const prepareTitle = (title: string): PreparedTitle => {
  const { core, isScore } = analyzeSoundtrackTitle(title)
  const words = tokensOf(core).map((w) => ROMAN[w] ?? w)
  const numbers = new Set(words.filter((w) => NUMBER.test(w)).map((w) => w.replace(/^0+(?=.)/, "")))
  return { ...prepareWords(tokensOf(romanizeNormalized(words.join(" ")))), original: title, isScore, numbers }
}

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean =>
  a.size === b.size && [...a].every((x) => b.has(x))

/**
 * How alike two film/album titles are, after normalisation, soundtrack-noise stripping and the
 * romanisation key: 1 for the same title however spelled, high for word-order or one-letter
 * differences, low for a different film. Whether either is a score is *not* scored here
 * (see `PreparedTitle.isScore`).
 */
export const titleSimilarity = (a: string | PreparedTitle, b: string | PreparedTitle): number => {
  const pa = typeof a === "string" ? prepareTitle(a) : a
  const pb = typeof b === "string" ? prepareTitle(b) : b
  const score = blendedSimilarity(pa, pb)
  return sameSet(pa.numbers, pb.numbers) ? score : Math.min(score, NUMBER_MISMATCH_CAP)
}

export interface PreparedName extends PreparedText {
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
  return { ...prepareWords(tokensOf(romanizeNormalized(words.join(" ")))), original: name }
}

/** How alike two person names are: initials, dots, diacritics, order and romanisation aside. */
export const nameSimilarity = (a: string | PreparedName, b: string | PreparedName): number =>
  blendedSimilarity(typeof a === "string" ? prepareName(a) : a, typeof b === "string" ? prepareName(b) : b)
