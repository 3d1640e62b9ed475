/**
 * Comparisons of dates and timestamps: splink's DateOfBirthComparison,
 * AbsoluteDateDifferenceAtThresholds and AbsoluteTimeDifferenceAtThresholds (comparison_library.py).
 */
import type { Comparison } from "../settings/settings.js"
import { elseLevel, exactMatchLevel, nullLevel } from "./basic-levels.js"
import { ColumnExpression, type ColumnInput } from "./column-expression.js"
import { ComparisonLevelCreator } from "./comparison-level-creator.js"
import { type ComparisonOptions, createComparison } from "./comparison-creator.js"
import { asList, fail } from "./parameter-checks.js"
import { pythonNumber } from "./python-number.js"
import {
  absoluteDateDifferenceLevel,
  absoluteTimeDifferenceLevel,
  type DateMetric,
  type TimeDifferenceLevelOptions
} from "./time-difference-levels.js"

/** Pair thresholds with metrics, which must be as many and at least one. */
const thresholdsWithMetrics = (
  where: string,
  thresholds: number | ReadonlyArray<number>,
  metrics: DateMetric | ReadonlyArray<DateMetric>
): ReadonlyArray<readonly [number, DateMetric]> => {
  const thresholdList = asList(thresholds)
  const metricList = asList(metrics)
  if (thresholdList.length === 0) return fail(where, "give at least one threshold")
  if (metricList.length === 0) return fail(where, "give at least one metric")
  if (thresholdList.length !== metricList.length) {
    return fail(
      where,
      `thresholds and metrics must have the same number of entries (${thresholdList.length} thresholds, ${metricList.length} metrics)`
    )
  }
  return thresholdList.map((threshold, index) => [threshold, metricList[index] as DateMetric] as const)
}

export interface DateOfBirthComparisonOptions extends ComparisonOptions {
  /** Required, as in splink: true when the column holds text (parsed with `datetimeFormat`). */
  readonly inputIsString: boolean
  /** Default 1, 1, 10 (with the default metrics: a month, a year, ten years). */
  readonly datetimeThresholds?: number | ReadonlyArray<number>
  readonly datetimeMetrics?: DateMetric | ReadonlyArray<DateMetric>
  /** strptime format for text dates; `%Y-%m-%d` by default. */
  readonly datetimeFormat?: string
  /** Text that is not a date counts as NULL (default true; only for text input). */
  readonly invalidDatesAsNull?: boolean
}

/** NULL, exact match, Damerau-Levenshtein ≤ 1 on the text, then date differences, ELSE. */
export const dateOfBirthComparison = (column: ColumnInput, options: DateOfBirthComparisonOptions): Comparison => {
  const date = ColumnExpression.of(column)
  const where = `dateOfBirthComparison(${JSON.stringify(date.raw)})`
  if (typeof options.inputIsString !== "boolean") return fail(where, "say whether the column is text: inputIsString")
  const steps = thresholdsWithMetrics(
    where,
    options.datetimeThresholds ?? [1, 1, 10],
    options.datetimeMetrics ?? ["month", "year", "year"]
  )
  const nullColumn =
    (options.invalidDatesAsNull ?? true) && options.inputIsString ? date.tryParseDate(options.datetimeFormat) : date
  const dateAsText = options.inputIsString ? date : date.castToString()
  return createComparison(
    where,
    {
      outputColumnName: date.outputColumnName,
      description: "DateOfBirthComparison",
      levels: [
        nullLevel(nullColumn),
        exactMatchLevel(date).configure({ labelForCharts: "Exact match on date of birth" }),
        // DuckDB has damerau_levenshtein, so splink's Levenshtein fallback never applies here.
        new ComparisonLevelCreator({
          sqlCondition: `damerau_levenshtein(${dateAsText.nameL}, ${dateAsText.nameR}) <= 1`,
          label: `Levenshtein distance of ${dateAsText.label} <= 1`
        }).configure({ labelForCharts: "DamerauLevenshtein distance <= 1" }),
        ...steps.map(([threshold, metric]) =>
          absoluteDateDifferenceLevel(date, {
            inputIsString: options.inputIsString,
            threshold,
            metric,
            ...(options.datetimeFormat !== undefined ? { datetimeFormat: options.datetimeFormat } : {})
          }).configure({ labelForCharts: `Abs date difference <= ${pythonNumber(threshold)} ${metric}` })
        ),
        elseLevel()
      ]
    },
    options
  )
}

export interface TimeDifferenceComparisonOptions extends ComparisonOptions {
  /** Required, as in splink: true when the column holds text (parsed with `datetimeFormat`). */
  readonly inputIsString: boolean
  readonly metrics: DateMetric | ReadonlyArray<DateMetric>
  readonly thresholds: number | ReadonlyArray<number>
  readonly datetimeFormat?: string
  /** Text that is not a date counts as NULL (default true; only for text input). */
  readonly invalidDatesAsNull?: boolean
}

const timeDifferenceAtThresholds = (
  functionName: string,
  description: string,
  parse: (expression: ColumnExpression, format: string | undefined) => ColumnExpression,
  level: (column: ColumnInput, options: TimeDifferenceLevelOptions) => ComparisonLevelCreator,
  column: ColumnInput,
  options: TimeDifferenceComparisonOptions
): Comparison => {
  const expression = ColumnExpression.of(column)
  const where = `${functionName}(${JSON.stringify(expression.raw)})`
  if (typeof options.inputIsString !== "boolean") return fail(where, "say whether the column is text: inputIsString")
  const steps = thresholdsWithMetrics(where, options.thresholds, options.metrics)
  const invalidAsNull = options.inputIsString && (options.invalidDatesAsNull ?? true)
  return createComparison(
    where,
    {
      outputColumnName: expression.outputColumnName,
      description,
      levels: [
        nullLevel(invalidAsNull ? parse(expression, options.datetimeFormat) : expression),
        exactMatchLevel(expression),
        ...steps.map(([threshold, metric]) =>
          level(expression, {
            inputIsString: options.inputIsString,
            threshold,
            metric,
            ...(options.datetimeFormat !== undefined ? { datetimeFormat: options.datetimeFormat } : {})
          })
        ),
        elseLevel()
      ]
    },
    // splink's `term_frequency_adjustments` argument is the comparison-wide option.
    options
  )
}

/** NULL, exact match, a level per (threshold, metric) of elapsed time between dates, ELSE. */
export const absoluteDateDifferenceAtThresholds = (
  column: ColumnInput,
  options: TimeDifferenceComparisonOptions
): Comparison =>
  timeDifferenceAtThresholds(
    "absoluteDateDifferenceAtThresholds",
    "AbsoluteDateDifferenceAtThresholds",
    (expression, format) => expression.tryParseDate(format),
    absoluteDateDifferenceLevel,
    column,
    options
  )

/** NULL, exact match, a level per (threshold, metric) of elapsed time between timestamps, ELSE. */
export const absoluteTimeDifferenceAtThresholds = (
  column: ColumnInput,
  options: TimeDifferenceComparisonOptions
): Comparison =>
  timeDifferenceAtThresholds(
    "absoluteTimeDifferenceAtThresholds",
    "AbsoluteTimeDifferenceAtThresholds",
    (expression, format) => expression.tryParseTimestamp(format),
    absoluteTimeDifferenceLevel,
    column,
    options
  )
