import { describe, expect, it } from "vitest"
import { confidenceOf, decide } from "../../src/index.js"
import { oneMakerProbabilities } from "../../src/identify/one-maker.js"

describe("one maker per track", () => {
  it("shares the probability among close candidates and lets one that stands out keep it", () => {
    // Odds 2^w against "none of them": 64 and 64 split, 1024 against 2 and 1 keeps most of it.
    const twins = oneMakerProbabilities([6, 6])
    expect(twins[0]).toBeCloseTo(64 / 129, 12)
    expect(twins[1]).toBeCloseTo(64 / 129, 12)
    const clear = oneMakerProbabilities([10, 1, 0])
    expect(clear[0]).toBeCloseTo(1024 / 1028, 12)
    expect(clear.reduce((a, b) => a + b, 0)).toBeLessThan(1)
  })

  it("stays finite for weights far from zero", () => {
    const far = oneMakerProbabilities([1000, 990, -1000])
    expect(far[0]).toBeCloseTo(1024 / 1025, 12)
    expect(far[2]).toBe(0)
  })
})

describe("the status of an answer", () => {
  it("is identified only when the best guess is high and a hundred times as likely as the runner-up and as none", () => {
    expect(decide([{ probability: 0.99, matchWeight: 9 }, { probability: 0.0009, matchWeight: -1 }], 0.0091)).toEqual({ status: "identified", listed: 2 })
    // High, but the runner-up is a tenth of it: a tie in all but name.
    expect(decide([{ probability: 0.9, matchWeight: 5 }, { probability: 0.09, matchWeight: 1.7 }], 0.01).status).toBe("ambiguous")
    // High against the runner-up, but "none of them" is close.
    expect(decide([{ probability: 0.89, matchWeight: 5 }], 0.11).status).toBe("ambiguous")
  })

  it("is ambiguous for medium guesses or two close ones, and not found below", () => {
    expect(decide([{ probability: 0.75, matchWeight: 2 }], 0.25)).toEqual({ status: "ambiguous", listed: 1 })
    expect(decide([{ probability: 0.45, matchWeight: 3 }, { probability: 0.44, matchWeight: 3 }, { probability: 0.001, matchWeight: -5 }], 0.109)).toEqual({
      status: "ambiguous",
      listed: 2
    })
    expect(decide([{ probability: 0.2, matchWeight: 0 }, { probability: 0.1, matchWeight: -1 }], 0.7)).toEqual({ status: "not_found", listed: 2 })
    expect(decide([], 1)).toEqual({ status: "not_found", listed: 0 })
  })

  it("bands probabilities: high above 0.85, medium from 0.70", () => {
    expect([0.86, 0.85, 0.7, 0.69].map(confidenceOf)).toEqual(["high", "medium", "medium", "low"])
  })
})
