/**
 * Levels on the elapsed time between two dates or timestamps (not calendar boundaries crossed):
 * `ABS(EPOCH(x_l) - EPOCH(x_r)) <= seconds`. After splink's AbsoluteTimeDifferenceLevel and
 * AbsoluteDateDifferenceLevel (comparison_level_library.py), whose SQL sqlglot writes for DuckDB.
 */
import { ColumnExpression, type ColumnInput } from "./column-expression.js"
import { ComparisonLevelCreator } from "./comparison-level-creator.js"
import { requireNumberBetween, requireOneOf } from "./parameter-checks.js"
import { pythonFloat, pythonNumber } from "./python-number.js"

export const dateMetrics = ["second", "minute", "hour", "day", "month", "year"] as const
export type DateMetric = (typeof dateMetrics)[number]

/** Seconds per unit, as splink counts them (a month is a twelfth of 365.25 days). */
const secondsPer: Record<DateMetric, number> = {
  second: 1,
  minute: 60,
  hour: 60 * 60,
  day: 60 * 60 * 24,
  month: (60 * 60 * 24 * 365.25) / 12,
  year: 60 * 60 * 24 * 365.25
}

/** In splink months and years (365.25 days) and fractional thresholds make Python floats, so their
 * seconds print as `2629800.0`; whole days, hours, … stay ints (`86400`). */
const secondsText = (threshold: number, metric: DateMetric): string => {
  const seconds = threshold * secondsPer[metric]
  const isFloat = metric === "month" || metric === "year" || !Number.isInteger(threshold)
  return isFloat ? pythonFloat(seconds) : pythonNumber(seconds)
}

export interface TimeDifferenceLevelOptions {
  /** The column holds text to parse with `datetimeFormat` (else it is a DATE or TIMESTAMP). */
  readonly inputIsString: boolean
  readonly threshold: number
  readonly metric: DateMetric
  /** strptime format; `%Y-%m-%d` for dates, `%Y-%m-%dT%H:%M:%SZ` for timestamps by default. */
  readonly datetimeFormat?: string
}

const timeDifferenceLevel = (
  levelName: string,
  parse: (expression: ColumnExpression, format: string | undefined) => ColumnExpression,
  column: ColumnInput,
  options: TimeDifferenceLevelOptions
): ComparisonLevelCreator => {
  const base = ColumnExpression.of(column)
  const where = `${levelName}(${JSON.stringify(base.raw)})`
  const threshold = requireNumberBetween(where, "the threshold", options.threshold, 0, Number.POSITIVE_INFINITY)
  const metric = requireOneOf(where, "the metric", options.metric, dateMetrics)
  const expression = options.inputIsString ? parse(base, options.datetimeFormat) : base
  return new ComparisonLevelCreator({
    sqlCondition: `ABS(EPOCH(${expression.nameL}) - EPOCH(${expression.nameR})) <= ${secondsText(threshold, metric)}`,
    // splink labels the parsed column ("transformed dob") when it parses strings.
    label: `Abs difference of '${expression.label} <= ${pythonNumber(threshold)} ${metric}'`
  })
}

/** Timestamps (or text parsed as timestamps) within `threshold` `metric`s of each other. */
export const absoluteTimeDifferenceLevel = (
  column: ColumnInput,
  options: TimeDifferenceLevelOptions
): ComparisonLevelCreator =>
  timeDifferenceLevel(
    "absoluteTimeDifferenceLevel",
    (expression, format) => expression.tryParseTimestamp(format),
    column,
    options
  )

/** Dates (or text parsed as dates) within `threshold` `metric`s of each other. */
export const absoluteDateDifferenceLevel = (
  column: ColumnInput,
  options: TimeDifferenceLevelOptions
): ComparisonLevelCreator =>
  timeDifferenceLevel(
    "absoluteDateDifferenceLevel",
    (expression, format) => expression.tryParseDate(format),
    column,
    options
  )
