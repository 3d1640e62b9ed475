/**
 * λ from deterministic rules: the pairs the rules find, scaled up by their recall, as a share of
 * all comparisons. After splink's `estimate_probability_two_random_records_match`.
 */
import { Either } from "effect"
import { LinkageInputError } from "../errors.js"

export interface LambdaEstimate {
  readonly lambda: number
  readonly expectedMatches: number
}

export const lambdaFromDeterministicRules = (
  pairsFound: number,
  totalComparisons: number,
  recall: number
): Either.Either<LambdaEstimate, LinkageInputError> => {
  if (!(recall > 0 && recall <= 1)) {
    return Either.left(new LinkageInputError({ message: `recall must be greater than 0 and at most 1, got ${recall}` }))
  }
  if (pairsFound > totalComparisons * recall) {
    return Either.left(
      new LinkageInputError({
        message: `the deterministic rules find ${pairsFound} of ${totalComparisons} pairs, more matches than a recall of ${recall} allows: with these rules recall must be at least ${(pairsFound / totalComparisons).toFixed(2)}`
      })
    )
  }
  if (pairsFound === 0) {
    return Either.left(
      new LinkageInputError({ message: "the deterministic rules find no pairs, so λ would be 0: revise the rules" })
    )
  }
  const expectedMatches = pairsFound / recall
  return Either.right({ lambda: expectedMatches / totalComparisons, expectedMatches })
}
