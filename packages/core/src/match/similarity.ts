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

/** A film asked for, or a candidate album, when its year is part of the evidence. */
export interface TitleAndYear {
  readonly title: string | PreparedTitle
  readonly year: number | null | undefined
}

/**
 * The year as evidence, not a filter, in (0, 1]: the same year 1, one year apart 0.97 (albums
 * often come out the year before or after the film), two years 0.9, further 0.6 (another film
 * of the same title: a remake must lose). Unknown on either side: 1 (the title must decide).
 */
export const filmYearFactor = (asked: number | null | undefined, found: number | null | undefined): number => {
  if (asked === undefined || asked === null || found === undefined || found === null) return 1
  const distance = Math.abs(asked - found)
  return distance === 0 ? 1 : distance === 1 ? 0.97 : distance === 2 ? 0.9 : 0.6
}

/**
 * A film known by its short title ("Don" of 2006 is "Don: The Chase Begins Again") in a year
 * that agrees scores 0.9: above the 0.85 rule, yet 0.1 below the exact title, so an exact
 * title of the same year still wins by the 0.08 margin, and two subtitles of one main title tie.
 */
const SHORT_TITLE_SCORE = 0.9
/** Years further apart are other films (the 1978 "Don"), for which a short title proves nothing. */
const SHORT_TITLE_MAX_YEAR_GAP = 1
// Cheap test before analysing the title again: no separator character, no subtitle.
const MAY_HAVE_SUBTITLE = /[:|\-\u2013\u2014]/

const prepared = (title: string | PreparedTitle): PreparedTitle => (typeof title === "string" ? prepareTitle(title) : title)

/**
 * Whether `short` is `full`'s main title (see `SoundtrackTitle.mainTitle`) however spelled, while
 * `full`'s subtitle adds no number: "Vol. 1", "Part 2" name one part of several films.
 */
const isShortTitleOf = (short: PreparedTitle, full: PreparedTitle): boolean => {
  if (!MAY_HAVE_SUBTITLE.test(full.original)) return false
  const main = analyzeSoundtrackTitle(full.original).mainTitle
  if (main === undefined) return false
  const mainTitle = prepareTitle(main)
  return sameSet(mainTitle.numbers, full.numbers) && titleSimilarity(short, mainTitle) === 1
}

const yearsAgree = (a: number | null | undefined, b: number | null | undefined): boolean =>
  a !== undefined && a !== null && b !== undefined && b !== null && Math.abs(a - b) <= SHORT_TITLE_MAX_YEAR_GAP

/**
 * `titleSimilarity`, except for a film known by its short title: when one title is the other's
 * main title before a subtitle separator and both years are known and agree (at most a year
 * apart), the titles score `SHORT_TITLE_SCORE`. "Lagaan" (2001) vs "Lagaan: Once Upon a Time in
 * India" (2001) is then a match, while "Lagaan Returns" (no separator), "Don 2: The King Is
 * Back" (another number) and any subtitled title of another year or without a year are not.
 */
export const filmTitleSimilarity = (asked: TitleAndYear, found: TitleAndYear): number => {
  const a = prepared(asked.title)
  const b = prepared(found.title)
  const score = titleSimilarity(a, b)
  if (score >= SHORT_TITLE_SCORE || !yearsAgree(asked.year, found.year)) return score
  return isShortTitleOf(a, b) || isShortTitleOf(b, a) ? SHORT_TITLE_SCORE : score
}

/** How well a candidate answers a film: `filmTitleSimilarity` × `filmYearFactor`. */
export const filmSimilarity = (asked: TitleAndYear, found: TitleAndYear): number =>
  filmTitleSimilarity(asked, found) * filmYearFactor(asked.year, found.year)

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
