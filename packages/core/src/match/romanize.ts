/**
 * A key that collapses the usual romanisation variants of Hindi/Urdu (and other Indian) titles,
 * so "Jaane" = "Jane", "Pyaar" = "Pyar", "Deewana" = "Diwana", "Raah" = "Rah".
 *
 * Rules, applied to each Latin word of a *normalised* text (other scripts and digits untouched):
 *   1. "ph" → "f"  ("Phir" = "Fir"),  "w" → "v"  ("Pawan" = "Pavan"),  "q" → "k"  ("Ishq" = "Ishk").
 *   2. "ee" → "i", "oo" → "u", "iy" before a vowel → "i"
 *                                     ("Deewana" = "Diwana", "Boloon" = "Bolun", "Dulhaniya" = "Dulhania").
 *   3. Doubled letters → one          ("aa" = "a": "Jaane" = "Jane"; "Mohabbatein" = "Mohabatein").
 *   4. "h" after a vowel and before a consonant or the end is silent
 *                                     ("Raah" = "Rah" = "Ra", "Mehndi" = "Mendi", "Allah" = "Alla").
 * Deliberately NOT merged, because they separate real different words: "sh"/"s" ("Shaadi" vs
 * "Saadi"), "kh"/"k" and other aspirates ("Khal" vs "Kal"), vowel qualities ("Dil" vs "Dal"),
 * "z"/"j", "ai"/"ei"/"e". The key is for comparison only, never for display.
 */

import { normalizeText } from "./normalize.js"

const VOWELS = "aeiou"

const romanizeWord = (word: string): string => {
  if (!/^[a-z]+$/.test(word)) return word
  const spelled = word
    .replace(/ph/g, "f")
    .replace(/w/g, "v")
    .replace(/q/g, "k")
    .replace(/ee/g, "i")
    .replace(/oo/g, "u")
    .replace(/iy(?=[aeiou])/g, "i")
    .replace(/([a-z])\1+/g, "$1")
  // Rule 4. The letters either side of a dropped "h" are a vowel and a consonant, so no new
  // doubled letter can appear.
  let out = ""
  for (let i = 0; i < spelled.length; i++) {
    const c = spelled.charAt(i)
    const before = spelled[i - 1]
    const after = spelled[i + 1]
    const silentH = c === "h" && before !== undefined && VOWELS.includes(before) && (after === undefined || !VOWELS.includes(after))
    if (!silentH) out += c
  }
  return out
}

/** The romanisation key of an already normalised text (see `normalizeText`). */
export const romanizeNormalized = (normalized: string): string =>
  normalized === "" ? "" : normalized.split(" ").map(romanizeWord).join(" ")

/** The romanisation key of any text: normalised first, then the rules above. */
export const romanizedKey = (s: string): string => romanizeNormalized(normalizeText(s))
