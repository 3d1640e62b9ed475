/**
 * splink's out-of-the-box email comparison (EmailComparison in comparison_library.py): NULL, exact
 * match (with term-frequency adjustments), exact username, Jaro-Winkler ≥ 0.88 on the address and on
 * the username, ELSE.
 */
import type { Comparison } from "../settings/settings.js"
import { elseLevel, exactMatchLevel, nullLevel } from "./basic-levels.js"
import { ColumnExpression, type ColumnInput } from "./column-expression.js"
import { type ComparisonOptions, createComparison } from "./comparison-creator.js"
import { jaroWinklerLevel } from "./distance-levels.js"

const usernamePattern = "^[^@]+"

export const emailComparison = (column: ColumnInput, options: ComparisonOptions = {}): Comparison => {
  const email = ColumnExpression.of(column)
  const username = email.regexExtract(usernamePattern)
  return createComparison(
    `emailComparison(${JSON.stringify(email.raw)})`,
    {
      outputColumnName: email.outputColumnName,
      description: "EmailComparison",
      levels: [
        nullLevel(email),
        exactMatchLevel(email).configure({ tfAdjustmentColumn: email.raw }),
        exactMatchLevel(username).configure({ labelForCharts: "Exact match on username" }),
        jaroWinklerLevel(email, 0.88),
        jaroWinklerLevel(username, 0.88).configure({ labelForCharts: "Jaro-Winkler >0.88 on username" }),
        elseLevel()
      ]
    },
    options
  )
}
