/**
 * Set and character-profile overlap measures used by the similarity functions. Profiles are
 * built once per string so that comparing two prepared strings is linear in their length.
 */

/** Sørensen–Dice coefficient of two sets: 2|A∩B| / (|A|+|B|); 1 when both are empty. */
export const diceOfSets = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => {
  if (a.size === 0 && b.size === 0) return 1
  if (a.size === 0 || b.size === 0) return 0
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  let shared = 0
  for (const x of small) if (large.has(x)) shared++
  return (2 * shared) / (a.size + b.size)
}

/** A multiset of character trigrams, with its total count. */
export interface TrigramProfile {
  readonly counts: ReadonlyMap<string, number>
  readonly total: number
}

/**
 * Trigrams of each word padded with a space on both sides, so short words still yield
 * trigrams, word boundaries count, and word order does not. Code points, not UTF-16 units.
 */
export const trigramProfile = (tokens: ReadonlyArray<string>): TrigramProfile => {
  const counts = new Map<string, number>()
  let total = 0
  for (const token of tokens) {
    const chars = Array.from(` ${token} `)
    for (let i = 0; i + 3 <= chars.length; i++) {
      const gram = (chars[i] ?? "") + (chars[i + 1] ?? "") + (chars[i + 2] ?? "")
      counts.set(gram, (counts.get(gram) ?? 0) + 1)
      total++
    }
  }
  return { counts, total }
}

/** Dice coefficient of two trigram multisets; 1 when both are empty. */
export const diceOfProfiles = (a: TrigramProfile, b: TrigramProfile): number => {
  if (a.total === 0 && b.total === 0) return 1
  if (a.total === 0 || b.total === 0) return 0
  const [small, large] = a.counts.size <= b.counts.size ? [a.counts, b.counts] : [b.counts, a.counts]
  let shared = 0
  for (const [gram, n] of small) shared += Math.min(n, large.get(gram) ?? 0)
  return (2 * shared) / (a.total + b.total)
}

/** A string reduced to what the blended similarity compares; build once, compare many times. */
export interface PreparedText {
  /** The comparison key: the words joined by single spaces. */
  readonly key: string
  readonly words: ReadonlySet<string>
  readonly trigrams: TrigramProfile
}

export const prepareWords = (words: ReadonlyArray<string>): PreparedText => ({
  key: words.join(" "),
  words: new Set(words),
  trigrams: trigramProfile(words)
})

/**
 * Half word overlap, half character-trigram overlap. Words catch a missing or extra word
 * regardless of order; trigrams keep partial credit for spelling differences within a word.
 * Equal keys score 1; an empty side scores 0 (no evidence is not a match). Strict about typos,
 * which DJ track titles need ("Velvet Statics" is another track than "Velvet Static"); film
 * titles and person names forgive one typo per word instead (see `softWordSimilarity`).
 */
export const blendedSimilarity = (a: PreparedText, b: PreparedText): number => {
  if (a.key === "" || b.key === "") return 0
  if (a.key === b.key) return 1
  return 0.5 * diceOfSets(a.words, b.words) + 0.5 * diceOfProfiles(a.trigrams, b.trigrams)
}
