/**
 * Levels into a `Comparison`, with the options splink's `ComparisonCreator.configure()` takes:
 * term-frequency adjustments on the exact-match levels, and m and u probabilities for the non-null
 * levels in order. After splink's comparison_creator.py.
 */
import type { Comparison } from "../settings/settings.js"
import { withTermFrequencyAdjustments } from "./basic-levels.js"
import type { ComparisonLevelCreator } from "./comparison-level-creator.js"
import { fail } from "./parameter-checks.js"

/** splink's `ComparisonCreator.configure(...)` keyword arguments, in camelCase. */
export interface ComparisonOptions {
  /** Term-frequency adjustments on every exact-match level of a plain column. */
  readonly termFrequencyAdjustments?: boolean
  /** One per non-null level, in order (usually the exact match first, ELSE last). */
  readonly mProbabilities?: ReadonlyArray<number>
  readonly uProbabilities?: ReadonlyArray<number>
}

export interface ComparisonDefinition {
  readonly outputColumnName: string
  readonly description: string
  readonly levels: ReadonlyArray<ComparisonLevelCreator>
}

const assignProbabilities = (
  where: string,
  levels: ReadonlyArray<ComparisonLevelCreator>,
  probabilities: ReadonlyArray<number> | undefined,
  key: "mProbability" | "uProbability"
): ReadonlyArray<ComparisonLevelCreator> => {
  // splink ignores an empty list, as it ignores None.
  if (probabilities === undefined || probabilities.length === 0) return levels
  const nonNullCount = levels.filter((level) => !level.isNullLevel).length
  if (probabilities.length !== nonNullCount) {
    const name = key === "mProbability" ? "mProbabilities" : "uProbabilities"
    return fail(
      where,
      `the comparison has ${nonNullCount} non-null levels but ${name} has ${probabilities.length} values; give one per non-null level`
    )
  }
  let next = 0
  return levels.map((level) => {
    if (level.isNullLevel) return level
    const probability = probabilities[next++]
    if (probability === undefined || !(probability >= 0 && probability <= 1)) {
      return fail(where, `${key === "mProbability" ? "an m" : "a u"} probability must be between 0 and 1, got ${String(probability)}`)
    }
    return level.configure({ [key]: probability })
  })
}

/** `where` names the call in error messages, e.g. `exactMatch("city")`. */
export const createComparison = (
  where: string,
  definition: ComparisonDefinition,
  options: ComparisonOptions = {}
): Comparison => {
  const withTf =
    options.termFrequencyAdjustments === true
      ? definition.levels.map((level) =>
          level.exactMatchColumn?.isPureColumn === true ? withTermFrequencyAdjustments(level, where) : level
        )
      : definition.levels
  const withM = assignProbabilities(where, withTf, options.mProbabilities, "mProbability")
  const levels = assignProbabilities(where, withM, options.uProbabilities, "uProbability")
  return {
    output_column_name: definition.outputColumnName,
    comparison_levels: levels.map((level) => level.toComparisonLevel()),
    comparison_description: definition.description
  }
}
