/**
 * A comparison whose levels the caller gives, as creators (`exactMatchLevel("x")`, `customLevel(sql)`)
 * or as settings JSON. After splink's CustomComparison (comparison_library.py).
 */
import type { Comparison } from "../settings/settings.js"
import { type ComparisonOptions, createComparison } from "./comparison-creator.js"
import { type LevelInput, toLevelCreator } from "./level-input.js"
import { fail } from "./parameter-checks.js"

export interface CustomComparisonOptions extends ComparisonOptions {
  readonly outputColumnName: string
  /** In order of decreasing similarity; usually a NULL level first and ELSE last. */
  readonly comparisonLevels: ReadonlyArray<LevelInput>
  /** Defaults to "CustomComparison" (splink writes that whatever it is given). */
  readonly comparisonDescription?: string
}

export const customComparison = (options: CustomComparisonOptions): Comparison => {
  const where = `customComparison(${JSON.stringify(options.outputColumnName)})`
  if (options.outputColumnName.trim() === "") return fail("customComparison", "outputColumnName is empty")
  if (options.comparisonLevels.length === 0) return fail(where, "give at least one comparison level")
  return createComparison(
    where,
    {
      outputColumnName: options.outputColumnName,
      description: options.comparisonDescription ?? "CustomComparison",
      levels: options.comparisonLevels.map(toLevelCreator)
    },
    options
  )
}
