import { describe, expect, it } from "vitest"
import { decide, defaultMatchRule } from "../src/match/decide.js"
import { nameSimilarity, prepareName, prepareTitle, titleSimilarity } from "../src/match/similarity.js"

const { minScore } = defaultMatchRule

describe("titleSimilarity", () => {
  it.each([
    ["Jaane Tu... Ya Jaane Na (Original Motion Picture Soundtrack)", "Jaane Tu Ya Jaane Na"],
    ["Jaane Tu… Ya Jaane Na", "jaane tu ya jaane na"],
    ["Taare Zameen Par", "Tare Zamin Par"],
    ["Mohabbatein (Original Soundtrack)", "Mohabatein"],
    ["Dilwale Dulhania Le Jayenge", "Dilwale Dulhaniya Le Jayenge"],
    ["Veer-Zaara", "Veer Zaara"],
    ["Barfi!", "Barfi"],
    ["Dhoom 2", "Dhoom II"],
    ["Music from the Motion Picture Dil Se", "Dil Se"],
    ["Ya Jaane Na Jaane Tu", "Jaane Tu Ya Jaane Na"],
    ["Crème de la Crème", "Creme de la Creme"]
  ])("%j and %j are the same title (1)", (a, b) => {
    expect(titleSimilarity(a, b)).toBe(1)
  })

  it.each([
    ["Kabhi Khushi Kabhie Gham", "Kabhi Khushi Kabhi Gham"],
    ["Kabhi Khushi Kabhie Gham...", "Kabhi Khushi Kabhi Gham (Original Motion Picture Soundtrack)"]
  ])("%j and %j differ by a letter and stay above the rule", (a, b) => {
    const score = titleSimilarity(a, b)
    expect(score).toBeGreaterThanOrEqual(minScore)
    expect(score).toBeLessThan(1)
  })

  it.each([
    ["Dil Se", "Dil Hai Tumhara"],
    ["Dil Se", "Dil Se Pukara"],
    ["Dhoom", "Dhoom 2"],
    ["Golmaal 3", "Golmaal Returns"],
    ["Rang De Basanti", "Rang De"],
    ["Gully Boy", "Gully"],
    ["Jab We Met", "Jab Tak Hai Jaan"],
    ["Ek Tha Tiger", "Tiger Zinda Hai"],
    ["Lagaan", "Lagaan: Once Upon a Time in India"],
    ["Kuch Kuch Hota Hai", "Kuch Kuch Hota Hain"]
  ])("%j and %j are different films, below the rule", (a, b) => {
    expect(titleSimilarity(a, b)).toBeLessThan(minScore)
  })

  it.each([
    // One letter dropped, added, replaced or swapped in one word of 4 letters or more.
    ["Tera Saathiya Mohabbt 395", "Tera Saathiya Mohabbat 395"],
    ["Hum Pehl Nazar 587", "Hum Pehli Nazar 587"],
    ["Dost Yaari 656", "Dosti Yaari 656"],
    ["Wqt Mera 200", "Waqt Mera 200"],
    ["Chad Pehli", "Chand Pehli"],
    ["Saathiya Tu", "Saathya Tu"],
    ["Mohabbatein Dil", "Mohabbatien Dil"],
    ["Gulley Boy", "Gully Boy"],
    ["Kahani Dosti Mohabbet Safar Suraj", "Kahani Dosti Mohabbat Safar Suraj"],
    // A typo on top of a romanisation variant.
    ["Diwne Mastani", "Deewane Mastani"]
  ])("%j is %j with one typo (≥ 0.88)", (a, b) => {
    const score = titleSimilarity(a, b)
    expect(score).toBeGreaterThanOrEqual(0.88)
    expect(score).toBeLessThan(1)
    expect(titleSimilarity(b, a)).toBe(score)
  })

  it.each([
    ["Ya HumKhwab 525", "Ya Hum Khwab 525"],
    ["VeerZaara", "Veer Zaara"],
    ["Dil Wale Dulhania Le Jayenge", "Dilwale Dulhania Le Jayenge"],
    ["Dillagi", "Dil Lagi"]
  ])("%j is %j with a space missing or added (≥ 0.88)", (a, b) => {
    const score = titleSimilarity(a, b)
    expect(score).toBeGreaterThanOrEqual(0.88)
    expect(score).toBeLessThan(1)
    expect(titleSimilarity(b, a)).toBe(score)
  })

  it("reads a number glued to a word as that number", () => {
    expect(titleSimilarity("Dosti Kabhi Dilwale608", "Dosti Kabhi Dilwale 608")).toBe(1)
    expect(titleSimilarity("Dhoom2", "Dhoom 2")).toBe(1)
    expect(titleSimilarity("3idiots", "3 Idiots")).toBe(1)
    expect([...prepareTitle("Raja913").numbers]).toEqual(["913"])
    expect(titleSimilarity("Dhoom2", "Dhoom 3")).toBeLessThanOrEqual(0.6)
    expect(titleSimilarity("Dilwale608", "Dilwale")).toBeLessThanOrEqual(0.6)
  })

  it("keeps stylised words and ordinals whole", () => {
    expect([...prepareTitle("Se7en").numbers]).toEqual([])
    expect([...prepareTitle("The 2nd Coming").numbers]).toEqual([])
  })

  it.each([
    ["Dil Se", "Dil Hai Tumhara"],
    ["Dil Se", "Dil Se Pukara"],
    ["Kabhi Kabhi", "Kabhi Alvida Naa Kehna"],
    ["Kabhi Kabhi", "Kabhi"],
    ["Raja", "Rani"],
    // One-letter differences in short words are other words, not typos.
    ["Dil Se", "Dal Se"],
    ["Hum Dil De Chuke Sanam", "Tum Dil De Chuke Sanam"],
    // So are those in the first letter.
    ["Mera Naam Joker", "Tera Naam Joker"],
    ["Pyaar Ka Punchnama", "Yaar Ka Punchnama"],
    // A one-word title with a typo has no context to tell a typo from another word.
    ["Dilwale", "Dilwala"],
    ["Mohabbatein", "Mohabbatain"],
    // Two typos in one word are not one typo.
    ["Mohbbt Dil", "Mohabbat Dil"]
  ])("%j and %j stay different despite looking alike", (a, b) => {
    expect(titleSimilarity(a, b)).toBeLessThan(minScore)
    expect(titleSimilarity(b, a)).toBeLessThan(minScore)
  })

  it.each([
    ["Dhoom", "Dhoom 2"],
    ["Golmaal 3", "Golmaal Returns"],
    ["Deewane Yaari 13", "Deewane Yaari 153"],
    ["Deewane Yaari 13", "Deewane Yari 153"]
  ])("%j and %j are capped: different numbers are different films", (a, b) => {
    expect(titleSimilarity(a, b)).toBeLessThanOrEqual(0.6)
  })

  it("keeps a different film sharing a word low", () => {
    expect(titleSimilarity("Dil Se", "Dil Hai Tumhara")).toBeLessThan(0.5)
  })

  it("caps titles whose numbers differ however alike the words", () => {
    expect(titleSimilarity("Krrish 3", "Krrish")).toBeLessThanOrEqual(0.6)
    expect(titleSimilarity("Dhoom 3", "Dhoom 2")).toBeLessThanOrEqual(0.6)
  })

  it("is symmetric and accepts prepared titles", () => {
    const a = prepareTitle("Dil Se (Original Soundtrack)")
    const b = prepareTitle("Dil Se Pukara")
    expect(titleSimilarity(a, b)).toBe(titleSimilarity(b, a))
    expect(titleSimilarity(a, "Dil Se Pukara")).toBe(titleSimilarity("Dil Se (Original Soundtrack)", "Dil Se Pukara"))
  })

  it("scores an empty title 0", () => {
    expect(titleSimilarity("", "Dil Se")).toBe(0)
    expect(titleSimilarity("...", "...")).toBe(0)
  })

  it("keeps Devanagari titles comparable", () => {
    expect(titleSimilarity("दिल से", "दिल से (Original Soundtrack)")).toBe(1)
    expect(titleSimilarity("दिल से", "दिल है तुम्हारा")).toBeLessThan(minScore)
  })

  it("tells the score album apart so the caller can prefer the songs", () => {
    expect(prepareTitle("3 Idiots (Original Score)").isScore).toBe(true)
    expect(prepareTitle("3 Idiots (Original Motion Picture Soundtrack)").isScore).toBe(false)
  })
})

describe("titleSimilarity under the default rule", () => {
  const decideFor = (query: string, titles: ReadonlyArray<string>) => {
    const q = prepareTitle(query)
    return decide(titles.map((t) => ({ candidate: t, label: t, score: titleSimilarity(q, t) })), defaultMatchRule)
  }

  it("accepts the soundtrack of the film over a film that shares its words", () => {
    const decision = decideFor("Dil Se", ["Dil Se (Original Motion Picture Soundtrack)", "Dil Se Pukara", "Dil Hai Tumhara"])
    expect(decision).toMatchObject({ _tag: "Accepted", candidate: "Dil Se (Original Motion Picture Soundtrack)" })
  })

  it("finds no match when only the sequel is offered", () => {
    expect(decideFor("Dhoom", ["Dhoom 2 (Original Soundtrack)", "Dhoom 3"])._tag).toBe("NoMatch")
  })

  it("accepts the film a typo points to over films sharing some of its words", () => {
    const decision = decideFor("Tera Saathiya Mohabbt", ["Mera Saathiya Mohabbat", "Tera Saathiya", "Tera Saathiya Mohabbat"])
    expect(decision).toMatchObject({ _tag: "Accepted", candidate: "Tera Saathiya Mohabbat" })
  })

  it("prefers the exact spelling to a title one typo away", () => {
    expect(decideFor("Dosti Yaari", ["Dost Yaari", "Dosti Yaari"])).toMatchObject({ _tag: "Accepted", candidate: "Dosti Yaari" })
  })

  it("calls two titles each one typo away from the query ambiguous", () => {
    expect(decideFor("Dosti Yaari Dilwal", ["Dosti Yaari Dilwale", "Dosti Yaari Dilwala"])._tag).toBe("Ambiguous")
  })

  it("calls the songs album and the score of the same film a tie (the caller breaks it with isScore)", () => {
    expect(decideFor("3 Idiots", ["3 Idiots (Original Soundtrack)", "3 Idiots (Original Score)"])._tag).toBe("Ambiguous")
  })
})

describe("nameSimilarity", () => {
  it.each([
    ["A. R. Rahman", "A.R. Rahman"],
    ["A.R. Rahman", "AR Rahman"],
    ["A R Rahman", "a.r. rahman"],
    ["Rahman, A. R.", "A. R. Rahman"],
    ["Javed Akhtar", "Jawed Akhtar"],
    ["Shankar–Ehsaan–Loy", "Shankar Ehsaan Loy"],
    ["Sigur Rós", "Sigur Ros"]
  ])("%j = %j", (a, b) => {
    expect(nameSimilarity(a, b)).toBe(1)
  })

  it.each([
    ["Shreya Ghoshal", "Sonu Nigam"],
    ["Vishal Dadlani", "Vishal Bhardwaj"],
    ["A. R. Rahman", "R. D. Burman"]
  ])("%j and %j are different people", (a, b) => {
    expect(nameSimilarity(a, b)).toBeLessThan(minScore)
  })

  it.each([
    ["Shreya Goshal", "Shreya Ghoshal"],
    ["Sonu Nigma", "Sonu Nigam"],
    ["Mara Lindquist", "Mara Lindqvist"],
    ["Shankar Mahadevn", "Shankar Mahadevan"]
  ])("%j is %j with one typo (≥ 0.88)", (a, b) => {
    expect(nameSimilarity(a, b)).toBeGreaterThanOrEqual(0.88)
  })

  it.each([
    ["Anna Kova", "Anna Nova"],
    ["Vishal Dadlani", "Vishal Bhardwaj"],
    ["A. R. Rahman", "A. R. Rehman Khan"]
  ])("%j and %j stay different people", (a, b) => {
    expect(nameSimilarity(a, b)).toBeLessThan(minScore)
  })

  it("accepts prepared names", () => {
    expect(nameSimilarity(prepareName("A. R. Rahman"), "AR Rahman")).toBe(1)
  })
})
