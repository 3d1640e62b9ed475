/**
 * Levels on a string or numeric distance: Levenshtein, Damerau-Levenshtein, Jaro-Winkler, Jaro,
 * Jaccard, cosine similarity, any named SQL function, absolute and percentage differences. After
 * splink's comparison_level_library.py, with DuckDB's function names (dialects.py).
 */
import { ColumnExpression, type ColumnInput } from "./column-expression.js"
import { ComparisonLevelCreator } from "./comparison-level-creator.js"
import { requireFiniteNumber, requireNumberBetween } from "./parameter-checks.js"
import { pythonNumber } from "./python-number.js"

const where = (levelName: string, expression: ColumnExpression): string => `${levelName}(${JSON.stringify(expression.raw)})`

/** `fn("x_l", "x_r") <= t` or `>= t`, as splink writes every two-argument distance level. */
const functionCondition = (fn: string, expression: ColumnExpression, comparator: "<=" | ">=", threshold: number) =>
  `${fn}(${expression.nameL}, ${expression.nameR}) ${comparator} ${pythonNumber(threshold)}`

/** `levenshtein("x_l", "x_r") <= t` */
export const levenshteinLevel = (column: ColumnInput, distanceThreshold: number): ComparisonLevelCreator => {
  const expression = ColumnExpression.of(column)
  requireFiniteNumber(where("levenshteinLevel", expression), "the distance threshold", distanceThreshold)
  return new ComparisonLevelCreator({
    sqlCondition: functionCondition("levenshtein", expression, "<=", distanceThreshold),
    label: `Levenshtein distance of ${expression.label} <= ${pythonNumber(distanceThreshold)}`
  })
}

/** `damerau_levenshtein("x_l", "x_r") <= t` (a transposition counts as one edit). */
export const damerauLevenshteinLevel = (column: ColumnInput, distanceThreshold: number): ComparisonLevelCreator => {
  const expression = ColumnExpression.of(column)
  requireFiniteNumber(where("damerauLevenshteinLevel", expression), "the distance threshold", distanceThreshold)
  return new ComparisonLevelCreator({
    sqlCondition: functionCondition("damerau_levenshtein", expression, "<=", distanceThreshold),
    label: `Damerau-Levenshtein distance of ${expression.label} <= ${pythonNumber(distanceThreshold)}`
  })
}

/** `jaro_winkler_similarity("x_l", "x_r") >= t`, t between 0 and 1. */
export const jaroWinklerLevel = (column: ColumnInput, distanceThreshold: number): ComparisonLevelCreator => {
  const expression = ColumnExpression.of(column)
  requireNumberBetween(where("jaroWinklerLevel", expression), "the threshold", distanceThreshold, 0, 1)
  return new ComparisonLevelCreator({
    sqlCondition: functionCondition("jaro_winkler_similarity", expression, ">=", distanceThreshold),
    label: `Jaro-Winkler distance of ${expression.label} >= ${pythonNumber(distanceThreshold)}`
  })
}

/** `jaro_similarity("x_l", "x_r") >= t`, t between 0 and 1. */
export const jaroLevel = (column: ColumnInput, distanceThreshold: number): ComparisonLevelCreator => {
  const expression = ColumnExpression.of(column)
  requireNumberBetween(where("jaroLevel", expression), "the threshold", distanceThreshold, 0, 1)
  return new ComparisonLevelCreator({
    sqlCondition: functionCondition("jaro_similarity", expression, ">=", distanceThreshold),
    // splink's label, its odd quotes included.
    label: `Jaro distance of '${expression.label} >= ${pythonNumber(distanceThreshold)}'`
  })
}

/** `jaccard("x_l", "x_r") >= t`, t between 0 and 1 (DuckDB's jaccard compares character sets). */
export const jaccardLevel = (column: ColumnInput, distanceThreshold: number): ComparisonLevelCreator => {
  const expression = ColumnExpression.of(column)
  requireNumberBetween(where("jaccardLevel", expression), "the threshold", distanceThreshold, 0, 1)
  return new ComparisonLevelCreator({
    sqlCondition: functionCondition("jaccard", expression, ">=", distanceThreshold),
    label: `Jaccard distance of '${expression.label} >= ${pythonNumber(distanceThreshold)}'`
  })
}

/** `array_cosine_similarity("x_l", "x_r") >= t` over fixed-size float arrays. */
export const cosineSimilarityLevel = (column: ColumnInput, similarityThreshold: number): ComparisonLevelCreator => {
  const expression = ColumnExpression.of(column)
  requireNumberBetween(where("cosineSimilarityLevel", expression), "the similarity threshold", similarityThreshold, 0, 1)
  return new ComparisonLevelCreator({
    sqlCondition: functionCondition("array_cosine_similarity", expression, ">=", similarityThreshold),
    label: `Cosine similarity of ${expression.label} >= ${pythonNumber(similarityThreshold)}`
  })
}

/** Any two-argument SQL function: `fn("x_l", "x_r") >= t` (or `<= t` when lower is more similar). */
export const distanceFunctionLevel = (
  column: ColumnInput,
  distanceFunctionName: string,
  distanceThreshold: number,
  options: { readonly higherIsMoreSimilar?: boolean } = {}
): ComparisonLevelCreator => {
  const expression = ColumnExpression.of(column)
  requireFiniteNumber(where("distanceFunctionLevel", expression), "the distance threshold", distanceThreshold)
  const higherIsMoreSimilar = options.higherIsMoreSimilar ?? true
  return new ComparisonLevelCreator({
    sqlCondition: functionCondition(distanceFunctionName, expression, higherIsMoreSimilar ? ">=" : "<=", distanceThreshold),
    label:
      `\`${distanceFunctionName}\` distance of '${expression.label} ` +
      `${higherIsMoreSimilar ? "greater" : "less"} than ${pythonNumber(distanceThreshold)}'`
  })
}

/** `ABS("x_l" - "x_r") <= t` on numbers. */
export const absoluteDifferenceLevel = (column: ColumnInput, differenceThreshold: number): ComparisonLevelCreator => {
  const expression = ColumnExpression.of(column)
  requireNumberBetween(
    where("absoluteDifferenceLevel", expression),
    "the difference threshold",
    differenceThreshold,
    0,
    Number.POSITIVE_INFINITY
  )
  return new ComparisonLevelCreator({
    sqlCondition: `ABS(${expression.nameL} - ${expression.nameR}) <= ${pythonNumber(differenceThreshold)}`,
    label: `Absolute difference of '${expression.label}' <= ${pythonNumber(differenceThreshold)}`
  })
}

/** Python's `f"{x:,.2%}"`: 0.1 → `10.00%`. */
const percentWithTwoDecimals = (fraction: number): string =>
  `${(fraction * 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}%`

/** The difference over the larger value is below `percentageThreshold` (0.1 for 10 %). */
export const percentageDifferenceLevel = (column: ColumnInput, percentageThreshold: number): ComparisonLevelCreator => {
  const expression = ColumnExpression.of(column)
  requireNumberBetween(where("percentageDifferenceLevel", expression), "the percentage threshold", percentageThreshold, 0, 1)
  const l = expression.nameL
  const r = expression.nameR
  return new ComparisonLevelCreator({
    sqlCondition: `(ABS(${l} - ${r}) / (CASE WHEN ${r} > ${l} THEN ${r} ELSE ${l} END)) < ${pythonNumber(percentageThreshold)}`,
    label: `Percentage difference of '${expression.label}' within ${percentWithTwoDecimals(percentageThreshold)}`
  })
}
