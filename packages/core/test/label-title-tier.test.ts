import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { titleTier } from "../src/label/title-tier.js"

describe("label tier 1: the title", () => {
  it.effect("takes the first square-bracket label with confidence 0.70", () =>
    Effect.gen(function* () {
      const answer = yield* titleTier.lookup({ title: "Velvet Static (Extended Mix) [Nightglass Records]", artist: "Mara Lindqvist" })
      expect(answer).toEqual({
        _tag: "Found",
        value: { label: "Nightglass Records", catalogNumber: null, evidence: { matchedTitle: "Velvet Static (Extended Mix) [Nightglass Records]" } },
        matchedBy: "square_brackets",
        confidence: 0.7
      })
    })
  )

  it.effect("takes a trailing parenthesised label with confidence 0.60", () =>
    Effect.gen(function* () {
      const answer = yield* titleTier.lookup({ title: "Kalte Nächte (Polarlicht Tonträger)" })
      expect(answer).toMatchObject({ _tag: "Found", value: { label: "Polarlicht Tonträger" }, matchedBy: "trailing_parentheses", confidence: 0.6 })
    })
  )

  it.effect("answers not found for version words and titles without brackets", () =>
    Effect.gen(function* () {
      expect(yield* titleTier.lookup({ title: "Velvet Static (Original Mix)" })).toEqual({ _tag: "NotFound", detail: "no label in the title" })
      expect(yield* titleTier.lookup({ title: "Velvet Static [Extended Mix]" })).toMatchObject({ _tag: "NotFound" })
      expect(yield* titleTier.lookup({ title: "Velvet Static" })).toMatchObject({ _tag: "NotFound" })
    })
  )

  it("is a local tier named title", () => {
    expect(titleTier.name).toBe("title")
    expect(titleTier.risk).toBe("local")
  })
})
