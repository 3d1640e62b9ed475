import { describe, expect, it } from "vitest"
import { normalizeText } from "../src/match/normalize.js"
import { romanizedKey } from "../src/match/romanize.js"
import { analyzeSoundtrackTitle, isScoreTitle, stripSoundtrackNoise } from "../src/match/soundtrack-noise.js"

describe("normalizeText", () => {
  it.each([
    ["Jaane Tu... Ya Jaane Na", "jaane tu ya jaane na"],
    ["Jaane Tu… Ya Jaane Na", "jaane tu ya jaane na"],
    ["jaane tu ya jaane na", "jaane tu ya jaane na"],
    ["  Veer-Zaara  ", "veer zaara"],
    ["Björk – Jóga", "bjork joga"],
    ["Ærø Łódź Straße Søren", "aero lodz strasse soren"],
    ["Crème Brûlée", "creme brulee"],
    ["can't, won’t", "cant wont"],
    ["Rock & Roll", "rock and roll"],
    ["Dhoom:2", "dhoom 2"],
    ["Barfi!", "barfi"],
    ["ＦＵＬＬ　ＷＩＤＴＨ", "full width"],
    ["Ishq\tWala\n Love", "ishq wala love"]
  ])("%j → %j", (input, expected) => {
    expect(normalizeText(input)).toBe(expected)
  })

  it("makes the ellipsis spellings of Jaane Tu equal", () => {
    const spellings = ["Jaane Tu... Ya Jaane Na", "Jaane Tu Ya Jaane Na", "jaane tu ya jaane na", "JAANE TU…YA JAANE NA"]
    expect(new Set(spellings.map(normalizeText)).size).toBe(1)
  })

  it("keeps non-Latin scripts, vowel signs included", () => {
    expect(normalizeText("दिल से")).toBe("दिल से")
    expect(normalizeText("जाने तू... या जाने ना")).toBe("जाने तू या जाने ना")
    expect(normalizeText("தமிழ் பாடல்")).toBe("தமிழ் பாடல்")
    expect(normalizeText("Dil Se (दिल से)")).toBe("dil se दिल से")
  })

  it("is idempotent", () => {
    for (const s of ["Jaane Tu... Ya Jaane Na", "Ærø & Straße", "दिल से!"]) {
      expect(normalizeText(normalizeText(s))).toBe(normalizeText(s))
    }
  })
})

describe("romanizedKey", () => {
  it.each([
    ["Jaane", "Jane"],
    ["Dil Se", "dil se"],
    ["Pyaar", "Pyar"],
    ["Naazrein", "Nazrein"],
    ["Milaana", "Milana"],
    ["Boloon", "Bolun"],
    ["Deewana", "Diwana"],
    ["Mohabbatein", "Mohabatein"],
    ["Raah", "Rah"],
    ["Mehndi", "Mendi"],
    ["Ishq", "Ishk"],
    ["Phir Milenge", "Fir Milenge"],
    ["Pawan", "Pavan"],
    ["Dulhaniya", "Dulhania"],
    ["Taare Zameen Par", "Tare Zamin Par"]
  ])("%j = %j", (a, b) => {
    expect(romanizedKey(a)).toBe(romanizedKey(b))
  })

  it.each([
    ["Shaadi", "Saadi"],
    ["Khal", "Kal"],
    ["Dil", "Dal"],
    ["Zindagi", "Jindagi"],
    ["Hai", "Hain"],
    ["Dil Se", "Dil Hai"]
  ])("%j ≠ %j", (a, b) => {
    expect(romanizedKey(a)).not.toBe(romanizedKey(b))
  })

  it("leaves other scripts and numbers alone", () => {
    expect(romanizedKey("दिल से 2")).toBe("दिल से 2")
  })
})

describe("stripSoundtrackNoise", () => {
  it.each([
    ["Jaane Tu... Ya Jaane Na (Original Motion Picture Soundtrack)", "jaane tu ya jaane na"],
    ["Dil Se (Original Soundtrack)", "dil se"],
    ["Dil Se - Motion Picture Soundtrack", "dil se"],
    ["Dil Se Soundtrack", "dil se"],
    ["Dil Se OST", "dil se"],
    ["Dil Se - O.S.T.", "dil se"],
    ["Dil Se (Score)", "dil se"],
    ["3 Idiots (Original Score)", "3 idiots"],
    ["3 Idiots - Background Score", "3 idiots"],
    ["Music from the Motion Picture Dil Se", "dil se"],
    ["Mission: Impossible (Music from the Motion Picture)", "mission impossible"],
    ["Songs from Dil Se", "dil se"],
    ['Kesariya (From "Brahmastra")', "kesariya"],
    ["Chaiyya Chaiyya [From the film 'Dil Se']", "chaiyya chaiyya"],
    ["Lagaan: Once Upon a Time in India", "lagaan once upon a time in india"],
    ["The Score", "the score"],
    ["The Score (Original Motion Picture Soundtrack)", "the score"],
    ["Baahubali 2 (Hindi) [Original Motion Picture Soundtrack]", "baahubali 2 hindi"],
    ["Original Soundtrack", "original soundtrack"]
  ])("%j → %j", (input, expected) => {
    expect(stripSoundtrackNoise(input)).toBe(expected)
  })

  it.each([
    ["3 Idiots (Original Score)", true],
    ["Dil Se (Score)", true],
    ["3 Idiots - Background Score", true],
    ["Gladiator: Original Motion Picture Score", true],
    ["Dil Se (Original Motion Picture Soundtrack)", false],
    ["The Score", false],
    ["The Score (Original Motion Picture Soundtrack)", false],
    ["Dil Se", false]
  ])("isScoreTitle(%j) = %s", (input, expected) => {
    expect(isScoreTitle(input)).toBe(expected)
    expect(analyzeSoundtrackTitle(input).isScore).toBe(expected)
  })
})
