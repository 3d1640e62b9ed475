/** The SQL that turns a pair into γ values, after splink's comparison.py and comparison_level.py. */
import type { Comparison, ComparisonLevel } from "../settings/settings.js"

/** splink's `_is_else_level`. */
export const isElseLevel = (level: ComparisonLevel): boolean => level.sql_condition.trim().toUpperCase() === "ELSE"

/**
 * Each level's comparison vector value, in listed order: −1 for null levels, then n−1 … 0 for the
 * n other levels (splink's `Comparison.__init__`).
 */
export const comparisonVectorValues = (comparison: Comparison): ReadonlyArray<number> => {
  let next = comparison.comparison_levels.filter((level) => level.is_null_level !== true).length - 1
  return comparison.comparison_levels.map((level) => (level.is_null_level === true ? -1 : next--))
}

/** γ of a pair that no level matched (a comparison without an ELSE level); never a real γ. */
export const NO_LEVEL_MATCHED = -128

/** `CASE WHEN <level> THEN γ … [ELSE γ] END` (splink's `_case_statement`), NULL mapped to NO_LEVEL_MATCHED. */
export const gammaSql = (comparison: Comparison): string => {
  const values = comparisonVectorValues(comparison)
  const whens = comparison.comparison_levels.map((level, index) =>
    isElseLevel(level) ? `${level.sql_condition.trim()} ${values[index]}` : `WHEN ${level.sql_condition} THEN ${values[index]}`
  )
  return `CAST(coalesce(CASE\n${whens.join("\n")}\nEND, ${NO_LEVEL_MATCHED}) AS TINYINT)`
}

/** The TF columns a comparison's levels name, in order, each once. */
export const termFrequencyColumnsOf = (comparison: Comparison): ReadonlyArray<string> => [
  ...new Set(
    comparison.comparison_levels.flatMap((level) =>
      level.tf_adjustment_column === undefined || level.tf_adjustment_column === null ? [] : [level.tf_adjustment_column]
    )
  )
]

/** The name splink gives a column's term frequencies (`tf_first_name`). */
export const termFrequencyColumnName = (column: string): string => `tf_${column}`
