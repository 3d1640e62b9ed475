/**
 * Sound-alike keys for matching song titles in ASR text. A small ASR model writes a sung
 * "Kabhi Kabhi Aditi" as "Kappi Kappi aadati" or "Kabhi ka bhi aadati": the letters differ, the
 * consonant skeleton does not. The skeleton keeps consonant classes in order and drops vowels,
 * so that voicing and aspiration slips (b/p/bh, t/d, k/g/kh) and vowel spellings agree.
 */
import { romanizeNormalized } from "@liner/core"

const VOWELS = new Set(["a", "e", "i", "o", "u", "y"])
const CLASS: Readonly<Record<string, string>> = {
  ...Object.fromEntries([..."bpf"].map((c) => [c, "P"])),
  ...Object.fromEntries([..."vw"].map((c) => [c, "V"])),
  ...Object.fromEntries([..."td"].map((c) => [c, "T"])),
  ...Object.fromEntries([..."kgq"].map((c) => [c, "K"])),
  ...Object.fromEntries([..."jz"].map((c) => [c, "J"])),
  s: "S",
  m: "M",
  n: "N",
  l: "L",
  r: "R"
}
// Aspirated digraphs sound like their first letter; "ch" and "sh" are sounds of their own.
const DIGRAPH: Readonly<Record<string, string>> = { bh: "P", ph: "P", th: "T", dh: "T", kh: "K", gh: "K", jh: "J", ch: "C", sh: "S" }

/**
 * The skeleton of one normalised word, e.g. "kabhi" → "KP", "kappi" → "KP", "aditi" → "TT".
 * Words in other scripts, and numbers, are their own key (braced, so they only match themselves).
 */
export const wordSkeleton = (word: string): string => {
  if (!/^[a-z]+$/.test(word)) return `{${word}}`
  let out = ""
  let last = ""
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!
    if (VOWELS.has(c)) {
      last = "" // a vowel separates two equal consonants: both count
      continue
    }
    let code: string | undefined
    const pair = c + (word[i + 1] ?? "")
    if (DIGRAPH[pair] !== undefined) {
      code = DIGRAPH[pair]
      i++
    } else if (c === "h") {
      code = i === 0 ? "H" : undefined // a spoken "h" only at the start of a word
    } else if (c === "c") {
      code = "eiy".includes(word[i + 1] ?? "") ? "S" : "K"
    } else if (c === "x") {
      code = "KS"
    } else {
      code = CLASS[c]
    }
    if (code === undefined || code === last) continue // doubled letters ("pp") count once
    out += code
    last = code
  }
  return out
}

/** The letters of some normalised words, romanisation variants folded, spaces removed. */
export const lettersOf = (words: ReadonlyArray<string>): string => romanizeNormalized(words.join(" ")).replace(/ /g, "")

/** 1 − Levenshtein distance / longer length: how alike two letter strings are, in [0, 1]. */
export const letterSimilarity = (a: string, b: string): number => {
  if (a === b) return 1
  if (a.length === 0 || b.length === 0) return 0
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    previous = current
  }
  return 1 - previous[b.length]! / Math.max(a.length, b.length)
}
