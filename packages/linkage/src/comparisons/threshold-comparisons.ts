/**
 * Comparisons of one column: NULL, exact match, one level per threshold of a distance, ELSE.
 * After splink's comparison_library.py (ExactMatch, LevenshteinAtThresholds, …, ArrayIntersectAtSizes).
 */
import type { Comparison } from "../settings/settings.js"
import { elseLevel, exactMatchLevel, nullLevel } from "./basic-levels.js"
import { ColumnExpression, type ColumnInput } from "./column-expression.js"
import type { ComparisonLevelCreator } from "./comparison-level-creator.js"
import { type ComparisonOptions, createComparison } from "./comparison-creator.js"
import {
  cosineSimilarityLevel,
  damerauLevenshteinLevel,
  distanceFunctionLevel,
  jaccardLevel,
  jaroLevel,
  jaroWinklerLevel,
  levenshteinLevel
} from "./distance-levels.js"
import { arrayIntersectLevel } from "./array-levels.js"
import { asList } from "./parameter-checks.js"
import { pythonNumber } from "./python-number.js"

/** One threshold or several (splink's `…_threshold_or_thresholds`). */
export type Thresholds = number | ReadonlyArray<number>

const callName = (functionName: string, expression: ColumnExpression) => `${functionName}(${JSON.stringify(expression.raw)})`

/** NULL, exact match, a level per threshold, ELSE: the shape of every `…AtThresholds`. */
const exactThenThresholds = (
  functionName: string,
  description: string | undefined,
  column: ColumnInput,
  thresholds: Thresholds,
  levelAt: (expression: ColumnExpression, threshold: number) => ComparisonLevelCreator,
  options: ComparisonOptions
): Comparison => {
  const expression = ColumnExpression.of(column)
  return createComparison(
    callName(functionName, expression),
    {
      outputColumnName: expression.outputColumnName,
      description: description ?? functionName.charAt(0).toUpperCase() + functionName.slice(1),
      levels: [
        nullLevel(expression),
        exactMatchLevel(expression),
        ...asList(thresholds).map((threshold) => levelAt(expression, threshold)),
        elseLevel()
      ]
    },
    options
  )
}

/** NULL, exact match, ELSE. */
export const exactMatch = (column: ColumnInput, options: ComparisonOptions = {}): Comparison => {
  const expression = ColumnExpression.of(column)
  return createComparison(
    callName("exactMatch", expression),
    {
      outputColumnName: expression.outputColumnName,
      description: "ExactMatch",
      levels: [nullLevel(expression), exactMatchLevel(expression), elseLevel()]
    },
    options
  )
}

/** NULL, exact match, `levenshtein <= t` per threshold (default 1, 2), ELSE. */
export const levenshteinAtThresholds = (
  column: ColumnInput,
  distanceThresholdOrThresholds: Thresholds = [1, 2],
  options: ComparisonOptions = {}
): Comparison =>
  exactThenThresholds(
    "levenshteinAtThresholds",
    undefined,
    column,
    distanceThresholdOrThresholds,
    levenshteinLevel,
    options
  )

/** NULL, exact match, `damerau_levenshtein <= t` per threshold (default 1, 2), ELSE. */
export const damerauLevenshteinAtThresholds = (
  column: ColumnInput,
  distanceThresholdOrThresholds: Thresholds = [1, 2],
  options: ComparisonOptions = {}
): Comparison => {
  const thresholds = asList(distanceThresholdOrThresholds)
  const label = ColumnExpression.of(column).label
  return exactThenThresholds(
    "damerauLevenshteinAtThresholds",
    `Exact match '${label}' vs. Damerau-Levenshtein distance at thresholds ` +
      `${thresholds.map(pythonNumber).join(", ")} vs. anything else`,
    column,
    thresholds,
    damerauLevenshteinLevel,
    options
  )
}

/** NULL, exact match, `jaro_winkler_similarity >= t` per threshold (default 0.9, 0.7), ELSE. */
export const jaroWinklerAtThresholds = (
  column: ColumnInput,
  scoreThresholdOrThresholds: Thresholds = [0.9, 0.7],
  options: ComparisonOptions = {}
): Comparison =>
  exactThenThresholds("jaroWinklerAtThresholds", undefined, column, scoreThresholdOrThresholds, jaroWinklerLevel, options)

/** NULL, exact match, `jaro_similarity >= t` per threshold (default 0.9, 0.7), ELSE. */
export const jaroAtThresholds = (
  column: ColumnInput,
  scoreThresholdOrThresholds: Thresholds = [0.9, 0.7],
  options: ComparisonOptions = {}
): Comparison =>
  exactThenThresholds("jaroAtThresholds", undefined, column, scoreThresholdOrThresholds, jaroLevel, options)

/** NULL, exact match, `jaccard >= t` per threshold (default 0.9, 0.7), ELSE. */
export const jaccardAtThresholds = (
  column: ColumnInput,
  scoreThresholdOrThresholds: Thresholds = [0.9, 0.7],
  options: ComparisonOptions = {}
): Comparison =>
  exactThenThresholds("jaccardAtThresholds", undefined, column, scoreThresholdOrThresholds, jaccardLevel, options)

/** NULL, exact match, `fn(x_l, x_r) >= t` (or `<= t`) per threshold, ELSE, for any SQL function. */
export const distanceFunctionAtThresholds = (
  column: ColumnInput,
  distanceFunctionName: string,
  distanceThresholdOrThresholds: Thresholds,
  options: ComparisonOptions & { readonly higherIsMoreSimilar?: boolean } = {}
): Comparison =>
  exactThenThresholds(
    "distanceFunctionAtThresholds",
    undefined,
    column,
    distanceThresholdOrThresholds,
    (expression, threshold) =>
      distanceFunctionLevel(expression, distanceFunctionName, threshold, {
        higherIsMoreSimilar: options.higherIsMoreSimilar ?? true
      }),
    options
  )

/** NULL, `array_cosine_similarity >= t` per threshold (default 0.9, 0.8, 0.7), ELSE; no exact level. */
export const cosineSimilarityAtThresholds = (
  column: ColumnInput,
  scoreThresholdOrThresholds: Thresholds = [0.9, 0.8, 0.7],
  options: ComparisonOptions = {}
): Comparison => {
  const expression = ColumnExpression.of(column)
  return createComparison(
    callName("cosineSimilarityAtThresholds", expression),
    {
      outputColumnName: expression.outputColumnName,
      description: "CosineSimilarityAtThresholds",
      levels: [
        nullLevel(expression),
        ...asList(scoreThresholdOrThresholds).map((threshold) => cosineSimilarityLevel(expression, threshold)),
        elseLevel()
      ]
    },
    options
  )
}

/** NULL, a level per minimum intersection size of two lists (default 1), ELSE. */
export const arrayIntersectAtSizes = (
  column: ColumnInput,
  sizeThresholdOrThresholds: Thresholds = [1],
  options: ComparisonOptions = {}
): Comparison => {
  const expression = ColumnExpression.of(column)
  return createComparison(
    callName("arrayIntersectAtSizes", expression),
    {
      outputColumnName: expression.outputColumnName,
      description: "ArrayIntersectAtSizes",
      levels: [
        nullLevel(expression),
        ...asList(sizeThresholdOrThresholds).map((size) => arrayIntersectLevel(expression, size)),
        elseLevel()
      ]
    },
    options
  )
}
