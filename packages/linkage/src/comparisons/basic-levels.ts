/**
 * The levels every comparison is made of: NULL, exact match, ELSE, and a level written in SQL.
 * After splink's comparison_level_library.py (NullLevel, ExactMatchLevel, ElseLevel, CustomLevel,
 * ColumnsReversedLevel), DuckDB dialect.
 */
import { ColumnExpression, type ColumnInput } from "./column-expression.js"
import { ComparisonLevelCreator } from "./comparison-level-creator.js"
import { fail } from "./parameter-checks.js"

/** `"x_l" IS NULL OR "x_r" IS NULL`; with `validStringPattern`, a value that does not match the
 * pattern counts as NULL too. */
export const nullLevel = (
  column: ColumnInput,
  options: { readonly validStringPattern?: string } = {}
): ComparisonLevelCreator => {
  const base = ColumnExpression.of(column)
  const expression = options.validStringPattern === undefined ? base : base.regexExtract(options.validStringPattern)
  return new ComparisonLevelCreator({
    sqlCondition: `${expression.nameL} IS NULL OR ${expression.nameR} IS NULL`,
    label: `${expression.label} is NULL`,
    isNullLevel: true
  })
}

/** The level that takes every pair no earlier level took. */
export const elseLevel = (): ComparisonLevelCreator =>
  new ComparisonLevelCreator({ sqlCondition: "ELSE", label: "All other comparisons" })

/** `"x_l" = "x_r"`; `termFrequencyAdjustments` (plain columns only) weighs rare values higher. */
export const exactMatchLevel = (
  column: ColumnInput,
  options: { readonly termFrequencyAdjustments?: boolean } = {}
): ComparisonLevelCreator => {
  const expression = ColumnExpression.of(column)
  const level = new ComparisonLevelCreator({
    sqlCondition: `${expression.nameL} = ${expression.nameR}`,
    label: `Exact match on ${expression.label}`,
    exactMatchColumn: expression
  })
  return options.termFrequencyAdjustments === true ? withTermFrequencyAdjustments(level, "exactMatchLevel") : level
}

/** splink's `ExactMatchLevel.term_frequency_adjustments = True`: TF on the level's own column. */
export const withTermFrequencyAdjustments = (level: ComparisonLevelCreator, where: string): ComparisonLevelCreator => {
  const column = level.exactMatchColumn
  if (column === undefined || !column.isPureColumn) {
    return fail(
      `${where}(${JSON.stringify(column?.raw ?? level.sqlCondition)})`,
      "term frequency adjustments need a plain column, without transforms such as lower() or substr()"
    )
  }
  return level.configure({ tfAdjustmentColumn: column.raw, tfAdjustmentWeight: 1 })
}

/** A level written in SQL over `<column>_l` / `<column>_r`; its label is the SQL unless given. */
export const customLevel = (sqlCondition: string, labelForCharts?: string): ComparisonLevelCreator => {
  if (sqlCondition.trim() === "") return fail("customLevel", "the SQL condition is empty")
  const level = new ComparisonLevelCreator({ sqlCondition, label: sqlCondition, labelFollowsConfigure: true })
  return labelForCharts === undefined ? level : level.configure({ labelForCharts })
}

/** The two columns swapped (a forename in the surname field and back). */
export const columnsReversedLevel = (
  column1: ColumnInput,
  column2: ColumnInput,
  options: { readonly symmetrical?: boolean } = {}
): ComparisonLevelCreator => {
  const first = ColumnExpression.of(column1)
  const second = ColumnExpression.of(column2)
  const symmetrical = options.symmetrical === true
  return new ComparisonLevelCreator({
    sqlCondition: symmetrical
      ? `${first.nameL} = ${second.nameR} AND ${first.nameR} = ${second.nameL}`
      : `${first.nameL} = ${second.nameR}`,
    label: `Match on reversed cols: ${first.label} and ${second.label} (${symmetrical ? "both directions" : "one direction"})`
  })
}
