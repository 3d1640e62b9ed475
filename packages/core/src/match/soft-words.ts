/**
 * Word-level similarity that forgives one typo per word and a missing or extra space, for film
 * titles and person names. Words are paired one to one, regardless of order:
 *   - the same word (by romanisation key): full credit;
 *   - one word against two neighbours on the other side glued together ("HumKhwab" =
 *     "Hum Khwab"): GLUE_CREDIT for all three words;
 *   - one typo apart (see `isOneTypoApart`): TYPO_CREDIT for both words;
 * and the credits are combined like a Dice coefficient over the words of both sides, so a
 * missing or extra word still lowers the score ("Dil Se" vs "Dil Se Pukara": 0.8).
 */
import { romanizeNormalized } from "./romanize.js"
import { isOneTypoApart, type WordForms, wordForms } from "./typo.js"

/**
 * 0.8: one typo in a two-word title scores 0.9 (above the 0.85 rule, 0.1 below the exact
 * spelling, so an exact candidate still wins by the 0.08 margin), while a one-word title with a
 * typo scores 0.8 and is never accepted on its own: with one word there is no context to tell a
 * typo from another word ("Raja" vs "Rana").
 */
const TYPO_CREDIT = 0.8
/** A missing space loses no letter: nearly the same title, but not the same spelling. */
const GLUE_CREDIT = 0.95

/** A text reduced to what `softWordSimilarity` compares; build once, compare many times. */
export interface PreparedWords {
  /** The comparison key: the romanised words joined by single spaces. */
  readonly key: string
  /** Each word as typed (normalised) and by its romanisation key, which is compared for equality. */
  readonly words: ReadonlyArray<WordForms>
}

/** Prepares normalised words (see `normalizeText`); each is also romanised. */
export const prepareSoftWords = (typed: ReadonlyArray<string>): PreparedWords => {
  const words = typed.map((t) => wordForms(t, romanizeNormalized(t)))
  return { key: words.map((w) => w.key).join(" "), words }
}

/**
 * Whether `x` is `y` and `z` written as one word, as typed or by romanisation keys
 * ("humkhwab" = "hum" + "khwab"; "dillagi" = "dil" + "lagi" although its key is "dilagi").
 */
const isGlued = (x: WordForms, y: WordForms, z: WordForms): boolean =>
  (x.key.length === y.key.length + z.key.length && x.key === y.key + z.key) ||
  (x.typed.length === y.typed.length + z.typed.length && x.typed === y.typed + z.typed)

/**
 * How alike two prepared word lists are, in [0, 1]: 1 for equal keys or the same words in another
 * order, 0 when either side is empty (no evidence is not a match). Exact pairs are made first,
 * then glued pairs, then typos, each word taking the first free counterpart.
 */
export const softWordSimilarity = (a: PreparedWords, b: PreparedWords): number => {
  if (a.key === "" || b.key === "") return 0
  if (a.key === b.key) return 1
  const usedA = a.words.map(() => false)
  const usedB = b.words.map(() => false)
  const freeA = (i: number) => usedA[i] === false
  const freeB = (j: number) => usedB[j] === false
  // Credit is counted per word, on both sides, as in a Dice coefficient.
  let credit = 0
  const pair = (as: ReadonlyArray<number>, bs: ReadonlyArray<number>, worth: number): void => {
    for (const i of as) usedA[i] = true
    for (const j of bs) usedB[j] = true
    credit += worth * (as.length + bs.length)
  }
  a.words.forEach((x, i) => {
    const j = b.words.findIndex((y, j) => freeB(j) && y.key === x.key)
    if (j >= 0) pair([i], [j], 1)
  })
  if (usedA.every(Boolean) && usedB.every(Boolean)) return 1
  const gluedIn = (x: WordForms, words: ReadonlyArray<WordForms>, free: (k: number) => boolean): number =>
    words.findIndex((y, k) => {
      const z = words[k + 1]
      return z !== undefined && free(k) && free(k + 1) && isGlued(x, y, z)
    })
  a.words.forEach((x, i) => {
    const j = freeA(i) ? gluedIn(x, b.words, freeB) : -1
    if (j >= 0) pair([i], [j, j + 1], GLUE_CREDIT)
  })
  b.words.forEach((y, j) => {
    const i = freeB(j) ? gluedIn(y, a.words, freeA) : -1
    if (i >= 0) pair([i, i + 1], [j], GLUE_CREDIT)
  })
  a.words.forEach((x, i) => {
    const j = freeA(i) ? b.words.findIndex((y, j) => freeB(j) && isOneTypoApart(x, y)) : -1
    if (j >= 0) pair([i], [j], TYPO_CREDIT)
  })
  return credit / (a.words.length + b.words.length)
}
