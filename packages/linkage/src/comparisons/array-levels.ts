/**
 * Levels on list columns. After splink's ArrayIntersectLevel (comparison_level_library.py) and the
 * DuckDB dialect's `array_intersect` (dialects.py).
 */
import { ColumnExpression, type ColumnInput } from "./column-expression.js"
import { ComparisonLevelCreator } from "./comparison-level-creator.js"
import { requireNumberBetween } from "./parameter-checks.js"
import { pythonNumber } from "./python-number.js"

/** The two lists share at least `minIntersection` elements:
 * `array_length(list_intersect("x_l", "x_r")) >= n`. */
export const arrayIntersectLevel = (column: ColumnInput, minIntersection = 1): ComparisonLevelCreator => {
  const expression = ColumnExpression.of(column)
  const size = requireNumberBetween(
    `arrayIntersectLevel(${JSON.stringify(expression.raw)})`,
    "the minimum intersection",
    minIntersection,
    0,
    Number.POSITIVE_INFINITY
  )
  return new ComparisonLevelCreator({
    sqlCondition: `array_length(list_intersect(${expression.nameL}, ${expression.nameR})) >= ${pythonNumber(size)}`,
    label: `Array intersection size >= ${pythonNumber(size)}`
  })
}
