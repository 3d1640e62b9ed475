/**
 * When two different words count as one word mistyped: one letter dropped, added or replaced, or
 * two neighbours swapped ("Mohabbt" = "Mohabbat", "Pehl" = "Pehli", "Dilwlae" = "Dilwale").
 *
 * Short words are where a one-letter change makes *another* word ("Dil"/"Dal", "Hum"/"Tum",
 * "Hai"/"Hain", "Raj"/"Raja"), and words that look alike mostly differ at their start
 * ("Mera"/"Tera", "Pyaar"/"Yaar", "Ankh"/"Pankh") while people rarely mistype a first letter. So:
 *   - both words have at least 4 letters, or one has 3 and the other 4 with the change inside
 *     ("Wqt"/"Waqt", "Isq"/"Ishq"; not "Hai"/"Hain");
 *   - the first letter is the same;
 *   - no digits: a different number is a different film ("Deewane Yaari 13" vs "153").
 */

/**
 * A word as typed (normalised) and its romanisation key. Compared by UTF-16 units, which are the
 * letters of every script titles use (Latin, Devanagari, ...); a letter outside the Basic
 * Multilingual Plane counts as two, which can only make a typo look bigger, never smaller.
 */
export interface WordForms {
  readonly typed: string
  readonly key: string
  /** Whether the word has a digit (see `wordForms`). */
  readonly hasDigit: boolean
}

const DIGIT = /\p{Nd}/u

/** The forms of a normalised word and its romanisation key; built once per word. */
export const wordForms = (typed: string, key: string): WordForms => ({ typed, key, hasDigit: DIGIT.test(typed) })

/**
 * Whether the optimal-string-alignment distance of two strings is at most 1. Linear: strip the
 * common prefix and suffix; what is left must be at most one letter on each side, or two
 * swapped letters.
 */
export const withinOneEdit = (a: string, b: string): boolean => {
  if (Math.abs(a.length - b.length) > 1) return false
  let start = 0
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--
    endB--
  }
  const restA = endA - start
  const restB = endB - start
  if (restA <= 1 && restB <= 1) return true
  return restA === 2 && restB === 2 && a.charAt(start) === b.charAt(start + 1) && a.charAt(start + 1) === b.charAt(start)
}

const mayBeTypo = (a: WordForms, b: WordForms): boolean => {
  const [short, long] = a.typed.length <= b.typed.length ? [a.typed, b.typed] : [b.typed, a.typed]
  if (short.charAt(0) !== long.charAt(0) || a.hasDigit || b.hasDigit) return false
  if (short.length >= 4) return true
  return short.length === 3 && long.length === 4 && short.charAt(2) === long.charAt(3)
}

/**
 * Whether two different words are one word mistyped: the length and first-letter rules above
 * on the typed words, one edit apart as typed or by their romanisation keys (a typo on top of a
 * spelling variant: "Diwne" = "Deewane").
 */
export const isOneTypoApart = (a: WordForms, b: WordForms): boolean =>
  mayBeTypo(a, b) && (withinOneEdit(a.key, b.key) || withinOneEdit(a.typed, b.typed))
