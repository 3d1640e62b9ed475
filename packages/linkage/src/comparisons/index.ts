/**
 * splink's comparison library, comparison-level library and blocking-rule helpers for settings
 * written in code. Each function returns the `Comparison` JSON (or level, or rule SQL) splink writes
 * for DuckDB, string for string.
 */
export { col, ColumnExpression, type ColumnInput } from "./column-expression.js"
export { ComparisonLevelCreator, type LevelOptions } from "./comparison-level-creator.js"
export type { ComparisonOptions } from "./comparison-creator.js"
export type { LevelInput } from "./level-input.js"

// Comparison levels (splink.comparison_level_library)
export { columnsReversedLevel, customLevel, elseLevel, exactMatchLevel, nullLevel } from "./basic-levels.js"
export {
  absoluteDifferenceLevel,
  cosineSimilarityLevel,
  damerauLevenshteinLevel,
  distanceFunctionLevel,
  jaccardLevel,
  jaroLevel,
  jaroWinklerLevel,
  levenshteinLevel,
  percentageDifferenceLevel
} from "./distance-levels.js"
export {
  absoluteDateDifferenceLevel,
  absoluteTimeDifferenceLevel,
  type DateMetric,
  dateMetrics,
  type TimeDifferenceLevelOptions
} from "./time-difference-levels.js"
export { arrayIntersectLevel } from "./array-levels.js"
export { andLevel, notLevel, orLevel } from "./level-composition.js"

// Comparisons (splink.comparison_library)
export {
  arrayIntersectAtSizes,
  cosineSimilarityAtThresholds,
  damerauLevenshteinAtThresholds,
  distanceFunctionAtThresholds,
  exactMatch,
  jaccardAtThresholds,
  jaroAtThresholds,
  jaroWinklerAtThresholds,
  levenshteinAtThresholds,
  type Thresholds
} from "./threshold-comparisons.js"
export { nameComparison, type NameComparisonOptions } from "./name-comparison.js"
export { emailComparison } from "./email-comparison.js"
export { postcodeComparison, type PostcodeComparisonOptions } from "./postcode-comparison.js"
export {
  absoluteDateDifferenceAtThresholds,
  absoluteTimeDifferenceAtThresholds,
  dateOfBirthComparison,
  type DateOfBirthComparisonOptions,
  type TimeDifferenceComparisonOptions
} from "./date-comparisons.js"
export { customComparison, type CustomComparisonOptions } from "./custom-comparison.js"

// Blocking rules (splink.blocking_rule_library)
export { andRule, blockOn, customRule, notRule, orRule } from "./blocking-rules.js"
