/**
 * splink's out-of-the-box name comparison (NameComparison in comparison_library.py): NULL, exact
 * match with term-frequency adjustments, Jaro-Winkler ≥ 0.92 and ≥ 0.88, an optional double-metaphone
 * level, Jaro-Winkler ≥ 0.7, ELSE.
 */
import type { Comparison } from "../settings/settings.js"
import { arrayIntersectLevel } from "./array-levels.js"
import { elseLevel, exactMatchLevel, nullLevel } from "./basic-levels.js"
import { ColumnExpression, type ColumnInput } from "./column-expression.js"
import { type ComparisonOptions, createComparison } from "./comparison-creator.js"
import { jaroWinklerLevel } from "./distance-levels.js"
import { asList } from "./parameter-checks.js"
import type { Thresholds } from "./threshold-comparisons.js"

export interface NameComparisonOptions extends ComparisonOptions {
  /** Default 0.92, 0.88, 0.7; those ≥ 0.88 come before the double-metaphone level, the rest after. */
  readonly jaroWinklerThresholds?: Thresholds
  /** A column of double-metaphone codes (lists of one or two) computed before linking. */
  readonly dmetaColName?: string
}

export const nameComparison = (column: ColumnInput, options: NameComparisonOptions = {}): Comparison => {
  const name = ColumnExpression.of(column)
  const thresholds = asList(options.jaroWinklerThresholds ?? [0.92, 0.88, 0.7])
  const exact = exactMatchLevel(name)
  return createComparison(
    `nameComparison(${JSON.stringify(name.raw)})`,
    {
      outputColumnName: name.outputColumnName,
      description: "NameComparison",
      levels: [
        nullLevel(name),
        // Term frequencies apply only to a plain column.
        name.isPureColumn ? exact.configure({ tfAdjustmentColumn: name.raw }) : exact,
        ...thresholds.filter((threshold) => threshold >= 0.88).map((threshold) => jaroWinklerLevel(name, threshold)),
        ...(options.dmetaColName === undefined ? [] : [arrayIntersectLevel(options.dmetaColName, 1)]),
        ...thresholds.filter((threshold) => threshold < 0.88).map((threshold) => jaroWinklerLevel(name, threshold)),
        elseLevel()
      ]
    },
    options
  )
}
