/** Keeping the pairs at or above a threshold given as a weight or a probability (splink's misc.py). */
import { Either } from "effect"
import { LinkageInputError } from "../errors.js"
import { probabilityToMatchWeight } from "./probability.js"
import type { Predictions } from "./predict.js"

export interface Threshold {
  readonly matchWeight?: number
  readonly matchProbability?: number
}

/**
 * The threshold as a match weight; undefined keeps every pair (no threshold, or probability 0 as
 * in splink). Both at once, or a probability outside [0, 1], is bad input.
 */
export const thresholdAsMatchWeight = (threshold: Threshold): Either.Either<number | undefined, LinkageInputError> => {
  const { matchProbability, matchWeight } = threshold
  if (matchProbability !== undefined && matchWeight !== undefined) {
    return Either.left(
      new LinkageInputError({ message: "give a threshold as a match weight or as a match probability, not both" })
    )
  }
  if (matchProbability !== undefined) {
    if (!(matchProbability >= 0 && matchProbability <= 1)) {
      return Either.left(
        new LinkageInputError({ message: `a threshold match probability lies between 0 and 1, got ${matchProbability}` })
      )
    }
    return Either.right(matchProbability === 0 ? undefined : probabilityToMatchWeight(matchProbability))
  }
  if (matchWeight !== undefined && Number.isNaN(matchWeight)) {
    return Either.left(new LinkageInputError({ message: "the threshold match weight is not a number" }))
  }
  return Either.right(matchWeight)
}

/** Indices of the pairs whose match weight is at or above the threshold (all when undefined). */
export const pairsAtOrAbove = (predictions: Predictions, matchWeight: number | undefined): Int32Array => {
  const { pairCount } = predictions
  if (matchWeight === undefined) return Int32Array.from({ length: pairCount }, (_, i) => i)
  const kept = new Int32Array(pairCount)
  let count = 0
  for (let i = 0; i < pairCount; i++) if (predictions.matchWeight[i]! >= matchWeight) kept[count++] = i
  return kept.slice(0, count)
}
