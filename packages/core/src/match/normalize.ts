/**
 * Text normalisation shared by every matcher: two spellings that a person would call "the same
 * words" must normalise to the same string. Latin diacritics go, other scripts stay intact.
 */

// Apostrophe-like marks join the word around them ("can't" → "cant"). Removed before NFKD
// because NFKD turns the acute accent U+00B4 into a space plus a combining mark.
const APOSTROPHES = /['\u2018\u2019\u201B\u02BC\u02B9\u0060\u00B4\u2032]/g

// Only the combining diacritics blocks (used by Latin, Greek, Cyrillic) are stripped. Removing
// every `\p{M}` would also delete the vowel signs of Devanagari and other Indic scripts, which
// are halves of letters, not decoration.
const DIACRITIC_BLOCKS: ReadonlyArray<readonly [number, number]> = [
  [0x0300, 0x036f], [0x1ab0, 0x1aff], [0x1dc0, 0x1dff], [0x20d0, 0x20ff], [0xfe20, 0xfe2f]
]
const COMBINING_MARK = /\p{M}/gu
const dropDiacritic = (mark: string): string => {
  const code = mark.codePointAt(0) ?? 0
  return DIACRITIC_BLOCKS.some(([from, to]) => code >= from && code <= to) ? "" : mark
}

// Letters that NFKD does not decompose but that people spell without their stroke or ligature.
const FOLDS: Readonly<Record<string, string>> = {
  ø: "o", æ: "ae", œ: "oe", ß: "ss", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i", ħ: "h", ŧ: "t", ŋ: "n", ſ: "s"
}
const FOLDABLE = new RegExp(`[${Object.keys(FOLDS).join("")}]`, "g")

// Anything that is neither a letter, a digit nor a (remaining, non-Latin) combining mark is a
// separator: punctuation, ellipses "…" and "...", dashes, symbols.
const SEPARATORS = /[^\p{L}\p{N}\p{M}]+/gu

/**
 * Lower-case, diacritic-free, punctuation-free text with single spaces.
 * `"Jaane Tu... Ya Jaane Na"` → `"jaane tu ya jaane na"`; `"Rock & Roll"` → `"rock and roll"`.
 */
export const normalizeText = (s: string): string =>
  s
    .replace(APOSTROPHES, "")
    .normalize("NFKD")
    .replace(COMBINING_MARK, dropDiacritic)
    .toLowerCase()
    .replace(FOLDABLE, (c) => FOLDS[c] ?? c)
    .replace(/&/g, " and ")
    .replace(SEPARATORS, " ")
    .trim()
    // Recompose what is left (Indic scripts) so equal text has one code-point form.
    .normalize("NFC")

/** The words of a normalised text (no empty strings). */
export const tokensOf = (normalized: string): ReadonlyArray<string> =>
  normalized === "" ? [] : normalized.split(" ")

/**
 * Diacritics removed and ligatures folded, but case, spacing and punctuation kept:
 * `"Polarlicht Tonträger"` → `"Polarlicht Tontrager"`. For building search variants.
 */
export const foldDiacritics = (s: string): string =>
  s
    .normalize("NFKD")
    .replace(COMBINING_MARK, dropDiacritic)
    .replace(/[øæœßłđðþıħŧŋſØÆŒŁĐÐÞĦŦŊ]/g, (c) => {
      const lower = c.toLowerCase()
      const folded = FOLDS[lower] ?? lower
      return c === lower ? folded : folded.charAt(0).toUpperCase() + folded.slice(1)
    })
    .normalize("NFC")
