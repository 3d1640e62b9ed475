import { describe, expect, it } from "vitest"
import { normalizeText } from "../src/match/normalize.js"
import { romanizeNormalized } from "../src/match/romanize.js"
import { isOneTypoApart, withinOneEdit, wordForms } from "../src/match/typo.js"

const forms = (word: string) => {
  const typed = normalizeText(word)
  return wordForms(typed, romanizeNormalized(typed))
}

describe("withinOneEdit", () => {
  it.each([
    ["mohabbat", "mohabbat"],
    ["mohabbat", "mohabbt"],
    ["mohabbt", "mohabbat"],
    ["mohabbat", "mohabbet"],
    ["dilwale", "dilwlae"],
    ["ab", "ba"],
    ["xaby", "xbay"],
    ["aba", "aa"],
    ["", "a"],
    ["दिल", "दल"]
  ])("%j and %j are at most one edit apart", (a, b) => {
    expect(withinOneEdit(a, b)).toBe(true)
  })

  it.each([
    ["mohabbat", "mohbbt"],
    ["dosti", "dost1x"],
    ["abc", "cba"],
    ["raja", "rani"],
    ["abcd", "badc"],
    ["a", "abc"]
  ])("%j and %j are two edits or more apart", (a, b) => {
    expect(withinOneEdit(a, b)).toBe(false)
  })
})

describe("isOneTypoApart", () => {
  it.each([
    ["Mohabbt", "Mohabbat"],
    ["Pehl", "Pehli"],
    ["Dost", "Dosti"],
    ["Dilwlae", "Dilwale"],
    ["Wqt", "Waqt"],
    ["Isq", "Ishq"],
    // A typo on top of a romanisation variant, and a typo that romanisation would hide.
    ["Diwne", "Deewane"],
    ["Kaani", "Kahani"]
  ])("%j is %j mistyped", (a, b) => {
    expect(isOneTypoApart(forms(a), forms(b))).toBe(true)
    expect(isOneTypoApart(forms(b), forms(a))).toBe(true)
  })

  it.each([
    // Short words: a letter makes another word.
    ["Dil", "Dal"],
    ["Hum", "Tum"],
    ["Hai", "Hain"],
    ["Raj", "Raja"],
    ["Tu", "Tum"],
    // Another first letter is another word.
    ["Mera", "Tera"],
    ["Yaar", "Pyaar"],
    ["Ankh", "Pankh"],
    // Numbers are never typos.
    ["153", "13"],
    ["1942", "1943"]
  ])("%j and %j are different words", (a, b) => {
    expect(isOneTypoApart(forms(a), forms(b))).toBe(false)
    expect(isOneTypoApart(forms(b), forms(a))).toBe(false)
  })
})
