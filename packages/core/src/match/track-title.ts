/**
 * Similarity of DJ track titles and artist lists. A track's identity is its title words; the
 * version ("(Original Mix)", "- Extended Mix", "(Bicep Remix)") weighs little, and other bracket
 * content (a label "[Nightglass Records]", a credit "(feat. X)") not at all.
 */
import { bracketGroups, withoutGroups } from "./brackets.js"
import { normalizeText, tokensOf } from "./normalize.js"
import { blendedSimilarity, diceOfSets, prepareWords, type PreparedText } from "./overlap.js"
import { nameSimilarity, prepareName, type PreparedName } from "./similarity.js"
import { CREDIT_OPENERS, VERSION_WORDS } from "./version-words.js"

export interface PreparedTrackTitle {
  readonly original: string
  /** The title words: outside brackets, before any "feat." and any trailing "- ... Mix". */
  readonly core: PreparedText
  /** The words of the version qualifiers, e.g. {"bicep", "remix"}. */
  readonly version: ReadonlySet<string>
}

const FEAT_IN_TITLE = /\s(?:feat\.?|ft\.?|featuring)\s.*$/i
const DASH_SEGMENT = /\s+[-–—]\s+/

const hasVersionWord = (words: ReadonlyArray<string>): boolean => words.some((w) => VERSION_WORDS.has(w))
const isCredit = (words: ReadonlyArray<string>): boolean =>
  words[0] !== undefined && (CREDIT_OPENERS.has(words[0]) || words[0] === "feat" || words[0] === "ft" || words[0] === "featuring")

export const prepareTrackTitle = (title: string): PreparedTrackTitle => {
  const version: Array<string> = []
  for (const group of bracketGroups(title)) {
    const words = tokensOf(normalizeText(group.inner))
    if (!isCredit(words) && hasVersionWord(words)) version.push(...words)
  }
  const segments = withoutGroups(title, bracketGroups(title)).replace(FEAT_IN_TITLE, "").split(DASH_SEGMENT)
  // "Title - Extended Mix": a trailing dash segment with a version word is a version.
  const last = segments.length > 1 ? tokensOf(normalizeText(segments.at(-1) ?? "")) : []
  if (hasVersionWord(last)) {
    version.push(...last)
    segments.pop()
  }
  const core = prepareWords(tokensOf(normalizeText(segments.join(" "))))
  return { original: title, core, version: new Set(version) }
}

/** A version made only of generic words ("Original Mix", "Extended") names no remixer. */
const isGeneric = (version: ReadonlySet<string>): boolean => [...version].every((w) => VERSION_WORDS.has(w))

/**
 * How much the versions let the titles' score through. Both unspecified or one generic: fully.
 * A named remix against an unspecified version: 0.95 (probably another recording). Two versions:
 * 0.92 to 1 by their word overlap.
 */
const versionFactor = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => {
  if (a.size === 0 && b.size === 0) return 1
  if (a.size === 0) return isGeneric(b) ? 1 : 0.95
  if (b.size === 0) return isGeneric(a) ? 1 : 0.95
  return 0.92 + 0.08 * diceOfSets(a, b)
}

/**
 * How alike two DJ track titles are, in [0, 1]: "Velvet Static (Original Mix)" = "Velvet Static"
 * = "Velvet Static [Nightglass Records]" (1), while "Velvet Statics" scores well below.
 * Titles are normalised but not romanised (these are mostly not Indian titles).
 */
export const trackTitleSimilarity = (a: string | PreparedTrackTitle, b: string | PreparedTrackTitle): number => {
  const pa = typeof a === "string" ? prepareTrackTitle(a) : a
  const pb = typeof b === "string" ? prepareTrackTitle(b) : b
  return blendedSimilarity(pa.core, pb.core) * versionFactor(pa.version, pb.version)
}

export interface PreparedArtistList {
  readonly _tag: "PreparedArtistList"
  readonly names: ReadonlyArray<PreparedName>
}

// Separators between credited artists: punctuation, and joining words with spaces around them
// (so "Malcolm X" and "Xander" stay whole).
const PUNCTUATION_SEPARATOR = /[,;/&+×()[\]{}]/
const WORD_SEPARATOR = /\s+(?:and|x|feat\.?|ft\.?|featuring|vs\.?|with)\s+/i
const LEADING_JOINER = /^(?:and|feat\.?|ft\.?|featuring|vs\.?|with)\s+/i

const splitArtists = (credit: string): Array<string> =>
  credit
    .split(PUNCTUATION_SEPARATOR)
    .flatMap((part) => part.trim().replace(LEADING_JOINER, "").split(WORD_SEPARATOR))
    .map((part) => part.trim())
    .filter((part) => part !== "")

/** Splits credits ("A & B", ["A", "B feat. C"]) into prepared names, duplicates removed. */
export const prepareArtistList = (artists: string | ReadonlyArray<string>): PreparedArtistList => {
  const credits = typeof artists === "string" ? [artists] : artists
  const byKey = new Map<string, PreparedName>()
  for (const name of credits.flatMap(splitArtists).map(prepareName)) {
    if (name.key !== "" && !byKey.has(name.key)) byKey.set(name.key, name)
  }
  return { _tag: "PreparedArtistList", names: [...byKey.values()] }
}

type ArtistsInput = string | ReadonlyArray<string> | PreparedArtistList

const asPrepared = (x: ArtistsInput): PreparedArtistList =>
  typeof x !== "string" && "_tag" in x ? x : prepareArtistList(x)

/**
 * How alike two artist credits are, in [0, 1], regardless of order and separators:
 * "A & B" = "B, A" = "A feat. B" = "A x B" = "A and B" = ["A", "B"]. Names are paired one to one
 * (best pairs first) and the pair similarities are combined like a Dice coefficient, so a
 * missing or extra artist lowers the score. An empty credit scores 0.
 */
export const artistListSimilarity = (a: ArtistsInput, b: ArtistsInput): number => {
  const na = asPrepared(a).names
  const nb = asPrepared(b).names
  if (na.length === 0 || nb.length === 0) return 0
  const pairs: Array<{ readonly i: number; readonly j: number; readonly score: number }> = []
  na.forEach((x, i) => nb.forEach((y, j) => pairs.push({ i, j, score: nameSimilarity(x, y) })))
  pairs.sort((p, q) => q.score - p.score)
  const usedA = new Set<number>()
  const usedB = new Set<number>()
  let total = 0
  for (const p of pairs) {
    if (usedA.has(p.i) || usedB.has(p.j)) continue
    usedA.add(p.i)
    usedB.add(p.j)
    total += p.score
  }
  return (2 * total) / (na.length + nb.length)
}
