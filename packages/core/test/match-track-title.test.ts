import { describe, expect, it } from "vitest"
import { defaultMatchRule } from "../src/match/decide.js"
import { artistListSimilarity, prepareArtistList, prepareTrackTitle, trackTitleSimilarity } from "../src/match/track-title.js"

describe("trackTitleSimilarity", () => {
  it.each([
    ["Velvet Static (Original Mix)", "Velvet Static"],
    ["Velvet Static", "Velvet Static [Nightglass Records]"],
    ["Velvet Static (Original Mix)", "Velvet Static [Nightglass Records]"],
    ["Velvet Static - Extended Mix", "Velvet Static (Extended Mix)"],
    ["Velvet Static feat. Jo Lune", "Velvet Static (feat. Jo Lune)"],
    ["Velvet Static (Radio Edit) [Nightglass]", "velvet static"],
    ["Kalte Nächte", "Kalte Nachte"]
  ])("%j ≈ %j (1)", (a, b) => {
    expect(trackTitleSimilarity(a, b)).toBe(1)
  })

  it("lets versions weigh little", () => {
    const extendedVsOriginal = trackTitleSimilarity("Velvet Static (Extended Mix)", "Velvet Static (Original Mix)")
    const remixVsPlain = trackTitleSimilarity("Velvet Static (Bicep Remix)", "Velvet Static")
    const remixVsOriginal = trackTitleSimilarity("Velvet Static (Bicep Remix)", "Velvet Static (Original Mix)")
    for (const score of [extendedVsOriginal, remixVsPlain, remixVsOriginal]) {
      expect(score).toBeGreaterThanOrEqual(0.9)
      expect(score).toBeLessThan(1)
    }
    expect(remixVsOriginal).toBeLessThan(extendedVsOriginal)
  })

  it.each([
    ["Velvet Statics", "Velvet Static"],
    ["Velvet Statics (Original Mix)", "Velvet Static [Nightglass Records]"],
    ["Night Club", "Night"],
    ["Velvet Static", "Velvet Storm"]
  ])("%j is clearly below an exact match with %j", (a, b) => {
    expect(trackTitleSimilarity(a, b)).toBeLessThan(defaultMatchRule.minScore)
  })

  it("keeps version words outside brackets as title words", () => {
    expect(prepareTrackTitle("Night Club").core.key).toBe("night club")
    expect([...prepareTrackTitle("Velvet Static (Bicep Remix) [Nightglass]").version]).toEqual(["bicep", "remix"])
  })

  it("accepts prepared titles", () => {
    expect(trackTitleSimilarity(prepareTrackTitle("Velvet Static (Original Mix)"), "Velvet Static")).toBe(1)
  })
})

describe("artistListSimilarity", () => {
  it.each<readonly [string | ReadonlyArray<string>, string | ReadonlyArray<string>]>([
    ["Anna Kova & Bram Dee", "Bram Dee, Anna Kova"],
    ["Anna Kova feat. Bram Dee", "Anna Kova & Bram Dee"],
    ["Anna Kova ft. Bram Dee", "Anna Kova and Bram Dee"],
    ["Anna Kova x Bram Dee", "Anna Kova, Bram Dee"],
    ["Anna Kova vs. Bram Dee", "Bram Dee / Anna Kova"],
    ["Anna Kova (feat. Bram Dee)", ["Bram Dee", "Anna Kova"]],
    [["Anna Kova", "Bram Dee & Cee Lo"], "Cee Lo, Bram Dee, Anna Kova"],
    ["A. R. Rahman & Shreya Ghoshal", "Shreya Ghoshal, AR Rahman"],
    ["Malcolm X", "Malcolm X"],
    ["Anna Kova, Anna Kova", "Anna Kova"]
  ])("%j = %j", (a, b) => {
    expect(artistListSimilarity(a, b)).toBe(1)
  })

  it("lowers the score for a missing or extra artist", () => {
    expect(artistListSimilarity("Anna Kova", "Anna Kova, Bram Dee")).toBeCloseTo(2 / 3)
  })

  it.each([
    ["Anna Kova", "Bram Dee"],
    ["Malcolm X", "Malcolm"],
    ["Anna Kova", ""],
    [[], "Anna Kova"]
  ])("%j and %j do not match", (a, b) => {
    expect(artistListSimilarity(a, b)).toBeLessThan(defaultMatchRule.minScore)
  })

  it("does not split a name on the letter x inside it", () => {
    expect(prepareArtistList("Xander Xylo").names.map((n) => n.key)).toEqual(["xander xylo"])
  })

  it("accepts prepared lists", () => {
    expect(artistListSimilarity(prepareArtistList("A & B"), "B x A")).toBe(1)
  })
})
