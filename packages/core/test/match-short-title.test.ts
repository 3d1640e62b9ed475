import { describe, expect, it } from "vitest"
import { decide, defaultMatchRule } from "../src/match/decide.js"
import { filmSimilarity, filmTitleSimilarity, prepareTitle, titleSimilarity } from "../src/match/similarity.js"
import { analyzeSoundtrackTitle } from "../src/match/soundtrack-noise.js"

const { minScore } = defaultMatchRule

/** A film asked for against candidate albums `[title, year]`, decided under the default rule. */
const decideFor = (asked: { readonly title: string; readonly year?: number }, candidates: ReadonlyArray<readonly [string, number]>) => {
  const film = { title: prepareTitle(asked.title), year: asked.year }
  return decide(
    candidates.map(([title, year]) => ({ candidate: `${title} (${year})`, label: `${title} (${year})`, score: filmSimilarity(film, { title, year }) })),
    defaultMatchRule
  )
}

describe("a film known by its short title", () => {
  it("finds \"Don\" (2006) released as \"Don: The Chase Begins Again\" (2006)", () => {
    expect(decideFor({ title: "Don", year: 2006 }, [["Don: The Chase Begins Again", 2006]])).toMatchObject({
      _tag: "Accepted",
      candidate: "Don: The Chase Begins Again (2006)"
    })
  })

  it("finds \"Lagaan\" (2001) released as \"Lagaan: Once Upon a Time in India\" (2001)", () => {
    expect(decideFor({ title: "Lagaan", year: 2001 }, [["Lagaan: Once Upon a Time in India", 2001]])).toMatchObject({
      _tag: "Accepted",
      candidate: "Lagaan: Once Upon a Time in India (2001)"
    })
  })

  it("lets the year choose between the 1978 \"Don\" and the 2006 one with its subtitle", () => {
    const candidates = [["Don", 1978], ["Don: The Chase Begins Again", 2006]] as const
    expect(decideFor({ title: "Don", year: 2006 }, candidates)).toMatchObject({ _tag: "Accepted", candidate: "Don: The Chase Begins Again (2006)" })
    expect(decideFor({ title: "Don", year: 1978 }, candidates)).toMatchObject({ _tag: "Accepted", candidate: "Don (1978)" })
  })

  it("calls two subtitled titles of the same year ambiguous", () => {
    expect(decideFor({ title: "Don", year: 2006 }, [["Don: The Chase Begins Again", 2006], ["Don: The Return", 2006]])._tag).toBe("Ambiguous")
  })

  it("ranks it below the exact title of the same year", () => {
    expect(decideFor({ title: "Don", year: 2006 }, [["Don: The Chase Begins Again", 2006], ["Don", 2006]])).toMatchObject({
      _tag: "Accepted",
      candidate: "Don (2006)"
    })
  })

  it.each([
    ["Donnie Darko", 2006],
    ["Don 2", 2011],
    ["Don 2", 2006],
    ["Don 2: The King Is Back", 2006]
  ] as const)("does not match \"Don\" (2006) with %j (%i)", (title, year) => {
    expect(decideFor({ title: "Don", year: 2006 }, [[title, year]])._tag).toBe("NoMatch")
  })

  it("does not take a title that merely starts with the query's words for a subtitled one", () => {
    const asked = { title: "Lagaan", year: 2001 }
    const found = { title: "Lagaan Returns", year: 2001 }
    expect(filmTitleSimilarity(asked, found)).toBe(titleSimilarity("Lagaan", "Lagaan Returns"))
    expect(decideFor(asked, [["Lagaan Returns", 2001]])._tag).toBe("NoMatch")
  })

  it.each([
    "Lagaan: Once Upon a Time in India",
    "Lagaan - Once Upon a Time in India",
    "Lagaan – Once Upon a Time in India",
    "Lagaan: Once Upon a Time in India (Original Motion Picture Soundtrack)",
    "Original Soundtrack - Lagaan: Once Upon a Time in India"
  ])("reads the main title of %j", (title) => {
    expect(filmTitleSimilarity({ title: "Lagaan", year: 2001 }, { title, year: 2001 })).toBeGreaterThanOrEqual(minScore)
  })

  it("needs both years, and years that agree", () => {
    const full = "Don: The Chase Begins Again"
    expect(filmTitleSimilarity({ title: "Don", year: undefined }, { title: full, year: 2006 })).toBeLessThan(minScore)
    expect(filmTitleSimilarity({ title: "Don", year: 2006 }, { title: full, year: null })).toBeLessThan(minScore)
    expect(filmTitleSimilarity({ title: "Don", year: 1978 }, { title: full, year: 2006 })).toBeLessThan(minScore)
    expect(filmTitleSimilarity({ title: "Don", year: 2004 }, { title: full, year: 2006 })).toBeLessThan(minScore)
    // An album released the year after the film is still its album, as everywhere else.
    expect(filmSimilarity({ title: "Don", year: 2006 }, { title: full, year: 2007 })).toBeGreaterThanOrEqual(minScore)
  })

  it("does not credit a subtitle that carries a number: a part or a sequel", () => {
    expect(filmTitleSimilarity({ title: "Kill Bill", year: 2003 }, { title: "Kill Bill: Vol. 1", year: 2003 })).toBeLessThan(minScore)
    expect(filmTitleSimilarity({ title: "Baahubali", year: 2017 }, { title: "Baahubali 2: The Conclusion", year: 2017 })).toBeLessThan(minScore)
  })

  it("does not credit two titles with the same main title and different subtitles", () => {
    expect(filmTitleSimilarity({ title: "Don: The Return", year: 2006 }, { title: "Don: The Chase Begins Again", year: 2006 })).toBeLessThan(minScore)
  })

  it("works the other way round: the full name asked, the album under the short title", () => {
    expect(decideFor({ title: "Lagaan: Once Upon a Time in India", year: 2001 }, [["Lagaan", 2001]])._tag).toBe("Accepted")
  })

  it("leaves titleSimilarity alone: without years a short title is another title", () => {
    expect(titleSimilarity("Don", "Don: The Chase Begins Again")).toBeLessThan(minScore)
  })
})

describe("analyzeSoundtrackTitle's main title", () => {
  it.each([
    ["Don: The Chase Begins Again", "don"],
    ["Lagaan – Once Upon a Time in India (Original Motion Picture Soundtrack)", "lagaan"],
    ["Music from the Motion Picture - Lagaan: Once Upon a Time in India", "lagaan"]
  ])("%j has the main title %j", (title, main) => {
    expect(analyzeSoundtrackTitle(title).mainTitle).toBe(main)
  })

  it.each(["Don", "Lagaan Returns", "Don - Original Soundtrack", "Don (The Chase Begins Again)", "Don:The Chase"])(
    "%j has no subtitle",
    (title) => {
      expect(analyzeSoundtrackTitle(title).mainTitle).toBeUndefined()
    }
  )
})
