import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { pairsAtOrAbove, thresholdAsMatchWeight } from "../../src/scoring/threshold.js"

describe("thresholds", () => {
  it("turns a probability into a match weight, 0 meaning no threshold (as splink)", () => {
    expect(Either.getOrThrow(thresholdAsMatchWeight({ matchProbability: 0.5 }))).toBe(0)
    expect(Either.getOrThrow(thresholdAsMatchWeight({ matchProbability: 0.8 }))).toBeCloseTo(2, 12)
    expect(Either.getOrThrow(thresholdAsMatchWeight({ matchProbability: 0 }))).toBeUndefined()
    expect(Either.getOrThrow(thresholdAsMatchWeight({ matchWeight: -3 }))).toBe(-3)
  })

  it("refuses both kinds at once, and probabilities outside [0, 1]", () => {
    expect(Either.isLeft(thresholdAsMatchWeight({ matchProbability: 0.5, matchWeight: 1 }))).toBe(true)
    expect(Either.isLeft(thresholdAsMatchWeight({ matchProbability: 1.5 }))).toBe(true)
  })

  it("keeps the pairs at or above the weight", () => {
    const predictions = {
      pairCount: 4,
      matchWeight: Float64Array.of(-1, 2, 2.5, 1.99),
      matchProbability: new Float64Array(4)
    }
    expect([...pairsAtOrAbove(predictions, 2)]).toEqual([1, 2])
    expect([...pairsAtOrAbove(predictions, undefined)]).toEqual([0, 1, 2, 3])
  })
})
