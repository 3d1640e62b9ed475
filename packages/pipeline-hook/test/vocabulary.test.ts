import { romanizedKey, type Track } from "@liner/core"
import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { buildVocabulary, collectTerms, countTokens, usableTokens } from "../src/index.js"
import { localTracks } from "./support/local-finder.js"

// Names as they come from MusicBrainz and the local databases: romanised Hindi, Devanagari,
// accents, initials, long titles, odd punctuation, emoji.
const word = fc.oneof(
  fc.constantFrom("Kabhi", "Aditi", "Jaane", "Tu", "Ya", "Na", "A.", "R.", "Rahman", "Shreya", "Ghoshal", "Pappu", "Can't", "Dance", "Saala", "(Reprise)", "feat."),
  fc.constantFrom("जाने", "तू", "या", "ना", "कभी", "अदिति", "Sølvberg", "Ñandú", "Zoë", "🎵", "…", "-", "&"),
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 })
)
const phrase = fc.array(word, { minLength: 1, maxLength: 9 }).map((w) => w.join(" "))
const track = (position: number) =>
  fc.record({
    title: phrase,
    artists: fc.array(phrase, { maxLength: 3 }),
    composers: fc.array(phrase, { maxLength: 2 }),
    lyricists: fc.array(phrase, { maxLength: 2 })
  }).map((t): Track => ({ position, ...t, durationMs: null }))
const soundtrack = fc.integer({ min: 0, max: 15 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => track(i + 1))))

describe("vocabulary", () => {
  it("never exceeds the token budget under the GPT-2 tokenizer (with the safety margin)", () => {
    fc.assert(
      fc.property(fc.option(phrase, { nil: null }), soundtrack, fc.integer({ min: 1, max: 400 }), (film, tracks, budget) => {
        const vocabulary = buildVocabulary(film, tracks, budget)
        const hotwords = countTokens(vocabulary.hotwords)
        const prompt = countTokens(vocabulary.initialPrompt)
        expect(hotwords).toBeLessThanOrEqual(usableTokens(budget))
        expect(prompt).toBeLessThanOrEqual(usableTokens(budget))
        expect(usableTokens(budget)).toBeLessThanOrEqual(budget)
        expect(vocabulary.tokens).toEqual({ hotwords, initialPrompt: prompt })
        expect(vocabulary.tokenBudget).toBe(budget)
        // The heaviest term goes first in hotwords whenever it fits on its own.
        const heaviest = vocabulary.terms[0]
        if (heaviest !== undefined && countTokens(heaviest.text) <= usableTokens(budget)) expect(vocabulary.hotwords.startsWith(heaviest.text)).toBe(true)
      }),
      { numRuns: 150 }
    )
  })

  it("puts the most important terms first in hotwords and last in the prompt", () => {
    const vocabulary = buildVocabulary("Jaane Tu... Ya Jaane Na", localTracks(), 223)
    expect(vocabulary.hotwords.split(", ").slice(0, 2)).toEqual(["Jaane Tu... Ya Jaane Na", "Pappu Can't Dance Saala"])
    expect(vocabulary.initialPrompt).toMatch(/^Singers: .*\. Music: A\. R\. Rahman\. Songs: .*Pappu Can't Dance Saala\. Film: Jaane Tu\.\.\. Ya Jaane Na\.$/)
    // Whisper keeps the last tokens of a prompt: at a tiny budget, the film and a song survive.
    const small = buildVocabulary("Jaane Tu... Ya Jaane Na", localTracks(), 30)
    expect(small.initialPrompt.endsWith("Film: Jaane Tu... Ya Jaane Na.")).toBe(true)
    expect(small.hotwords.startsWith("Jaane Tu... Ya Jaane Na")).toBe(true)
  })

  it("counts each term once across spellings, and weighs people by how many songs credit them", () => {
    const tracks: ReadonlyArray<Track> = [
      { position: 1, title: "Jaane Tu Ya Jaane Na", artists: ["A.R. Rahman"], composers: ["A. R. Rahman"], lyricists: ["Abbas Tyrewala"], durationMs: null },
      { position: 2, title: "Jane Tu Ya Jane Na", artists: ["Rashid Ali"], composers: ["A. R. Rahman"], lyricists: ["Abbas Tyrewala"], durationMs: null },
      { position: 3, title: "Kabhi Kabhi Aditi", artists: ["Rashid Ali"], composers: ["A R Rahman"], lyricists: [], durationMs: null }
    ]
    const terms = collectTerms("Jaane Tu... Ya Jaane Na", tracks)
    const texts = terms.map((t) => t.text)
    expect(texts.filter((t) => romanizedKey(t) === romanizedKey("Jaane Tu Ya Jaane Na"))).toHaveLength(1)
    expect(texts.filter((t) => /rahman/i.test(t))).toHaveLength(1)
    const weight = (text: string) => terms.find((t) => t.text === text)?.weight
    expect(terms.find((t) => /rahman/i.test(t.text))).toMatchObject({ kind: "composer" })
    expect(weight("Rashid Ali")).toBeGreaterThan(5) // two songs
    expect(weight("Kabhi Kabhi Aditi")).toBeGreaterThan(weight("Rashid Ali")!)
    expect(weight("Abbas Tyrewala")).toBeLessThan(weight("Rashid Ali")!)
    expect(terms.map((t) => t.weight)).toEqual([...terms.map((t) => t.weight)].sort((a, b) => b - a))
  })
})
