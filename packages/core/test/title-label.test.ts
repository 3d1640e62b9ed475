import { describe, expect, it } from "vitest"
import { labelSearchVariants, parseLabelFromTitle, titleWithoutLabel } from "../src/label/title-label.js"

describe("parseLabelFromTitle", () => {
  it.each([
    ["Velvet Static [Nightglass Records]", "Nightglass Records", 0.7],
    ["Velvet Static (Original Mix) [Nightglass Records]", "Nightglass Records", 0.7],
    ["Velvet Static [Extended Mix] [Nightglass Records]", "Nightglass Records", 0.7],
    ["Velvet Static (Nightglass)", "Nightglass", 0.6],
    ["Velvet Static (Extended Mix) (Nightglass)", "Nightglass", 0.6],
    ["Velvet Static [  Nightglass    Records ]", "Nightglass Records", 0.7],
    ["Track [Kft. Records]", "Kft. Records", 0.7],
    ["Track [Label [Sub]]", "Label", 0.7],
    ["Track [[Sub]]", "Sub", 0.7],
    ["Kalte Nächte [Polarlicht Tonträger]", "Polarlicht Tonträger", 0.7],
    ["Track [Music from Memory]", "Music from Memory", 0.7],
    ["Track [Deep & Dark]", "Deep & Dark", 0.7]
  ])("%j → %j (%s)", (title, candidate, confidence) => {
    const parsed = parseLabelFromTitle(title)
    expect(parsed?.candidate).toBe(candidate)
    expect(parsed?.confidence).toBe(confidence)
    expect(parsed?.variants[0]).toBe(candidate)
  })

  const versionWords = [
    "mix", "edit", "version", "remix", "original", "radio", "extended", "club", "dub",
    "instrumental", "acapella", "clean", "explicit", "feat", "vs", "mashup"
  ]
  it.each(versionWords.flatMap((w) => [`Track [Nightglass ${w}]`, `Track (${w.charAt(0).toUpperCase()}${w.slice(1)} Nightglass)`]))(
    "rejects %j: the bracket holds a version word",
    (title) => {
      expect(parseLabelFromTitle(title)).toBeNull()
    }
  )

  it.each([
    "Track [Extended Mix]",
    "Track (Original Mix)",
    "Track (feat. Jo Lune)",
    "Track (ft. Jo Lune)",
    "Track (Ft Jo Lune)",
    "Track [Anna vs. Bram]",
    "Track (Radio Edit)",
    "Track (with Jo Lune)",
    'Track (From "Dil Se")',
    "Track (2019)",
    "Track []",
    "Track [   ]",
    "Track ()",
    "Track",
    "Track [Nightglass",
    "Track (Nightglass) - Edit",
    "Track (Nightglass) Part Two"
  ])("finds no label in %j", (title) => {
    expect(parseLabelFromTitle(title)).toBeNull()
  })

  it("tells ft. the word from the ft of Kft.", () => {
    expect(parseLabelFromTitle("Track [Kft.]")?.candidate).toBe("Kft.")
    expect(parseLabelFromTitle("Track [ft.]")).toBeNull()
  })

  it("offers the inner name of a nested group as a variant", () => {
    expect(parseLabelFromTitle("Track [Label [Sub]]")?.variants).toContain("Sub")
  })

  it("offers a diacritic-free variant", () => {
    expect(parseLabelFromTitle("Kalte Nächte [Polarlicht Tonträger]")?.variants).toContain("Polarlicht Tontrager")
  })
})

describe("labelSearchVariants", () => {
  it.each([
    ["Nightglass Rec.", ["Nightglass Records", "Nightglass Recordings", "Nightglass"]],
    ["Nightglass Rec", ["Nightglass Records"]],
    ["Nightglass Recs", ["Nightglass Records"]],
    ["Nightglass Records", ["Nightglass Recordings", "Nightglass"]],
    ["Nightglass Recordings", ["Nightglass Records", "Nightglass"]],
    ["Nightglass Records Ltd.", ["Nightglass Records"]],
    ["Nightglass Music", ["Nightglass"]],
    ["Nightglass", ["Nightglass Music"]],
    ["Deep & Dark", ["Deep and Dark"]],
    ["Deep and Dark Records", ["Deep & Dark Records"]]
  ])("%j offers %j", (label, expected) => {
    const variants = labelSearchVariants(label)
    expect(variants[0]).toBe(label)
    for (const v of expected) expect(variants).toContain(v)
  })

  it("has no case-insensitive duplicates", () => {
    const variants = labelSearchVariants("Nightglass Records")
    expect(new Set(variants.map((v) => v.toLowerCase())).size).toBe(variants.length)
  })

  it("does not invent a Records spelling of a word that only starts with Rec", () => {
    expect(labelSearchVariants("Recife Sounds")).not.toContain("Records")
    expect(labelSearchVariants("Recife Sounds").some((v) => v.includes("Records"))).toBe(false)
  })
})

describe("titleWithoutLabel", () => {
  it.each([
    ["Velvet Static [Nightglass Records]", "Velvet Static"],
    ["Velvet Static (Original Mix) [Nightglass Records]", "Velvet Static (Original Mix)"],
    ["Velvet Static [Nightglass] (Original Mix)", "Velvet Static (Original Mix)"],
    ["Velvet Static (Nightglass)", "Velvet Static"],
    ["Velvet Static (Extended Mix)", "Velvet Static (Extended Mix)"],
    ["  Velvet   Static  ", "Velvet Static"]
  ])("%j → %j", (title, expected) => {
    expect(titleWithoutLabel(title)).toBe(expected)
  })
})
