/**
 * One record per comparison level with its m, u, Bayes factor and partial match weight, plus a
 * record for the prior: the data of the match-weights and m/u charts. After splink's
 * `CoreModelSettings.parameters_as_detailed_records` (settings.py) and
 * `ComparisonLevel._as_detailed_record` (comparison_level.py).
 */
import type { Comparison, ComparisonLevel, Settings } from "../settings/settings.js"
import { settingsDefaults } from "../settings/settings.js"
import { M_U_CLAMP_MIN, partialMatchWeight, probabilityToBayesFactor, probabilityToMatchWeight } from "../scoring/probability.js"

/** splink's name for the prior's record; the charts filter on it. */
export const priorComparisonName = "probability_two_random_records_match"

export interface ModelParameterRecord {
  readonly comparison_name: string
  readonly sql_condition: string | null
  readonly label_for_charts: string
  readonly has_tf_adjustments: boolean
  readonly tf_adjustment_column: string | null
  readonly tf_adjustment_weight: number | null
  readonly is_null_level: boolean
  readonly m_probability: number | null
  readonly u_probability: number | null
  readonly m_probability_description: string | null
  readonly u_probability_description: string | null
  readonly bayes_factor: number
  readonly log2_bayes_factor: number
  readonly bayes_factor_description: string
  readonly comparison_vector_value: number
  readonly max_comparison_vector_value: number
  readonly probability_two_random_records_match: number
  /** −1 for the prior, then the comparison's index in the settings. */
  readonly comparison_sort_order: number
}

/** The prior record and every level that has both m and u (null levels and untrained levels are
 * left out: they have no weight to draw). */
export const modelParameterRecords = (model: Settings): Array<ModelParameterRecord> => {
  const lambda = model.probability_two_random_records_match ?? settingsDefaults.probability_two_random_records_match
  return [priorRecord(lambda), ...model.comparisons.flatMap((comparison, index) => levelRecords(comparison, index, lambda))]
}

const priorRecord = (lambda: number): ModelParameterRecord => {
  const weight = probabilityToMatchWeight(lambda)
  return {
    comparison_name: priorComparisonName,
    sql_condition: null,
    label_for_charts: "",
    has_tf_adjustments: false,
    tf_adjustment_column: null,
    tf_adjustment_weight: null,
    is_null_level: false,
    m_probability: null,
    u_probability: null,
    m_probability_description: null,
    u_probability_description: null,
    bayes_factor: probabilityToBayesFactor(lambda),
    log2_bayes_factor: weight,
    bayes_factor_description: `The probability that two random records drawn at random match is ${fixed(lambda, 3)} ` +
      `or one in ${grouped(1 / lambda, 1)} records. This is equivalent to a starting match weight of ${fixed(weight, 3)}.`,
    comparison_vector_value: 0,
    max_comparison_vector_value: 0,
    probability_two_random_records_match: lambda,
    comparison_sort_order: -1
  }
}

/** γ by position: the null level −1, the others n−1 … 0 in listed order. */
const comparisonVectorValues = (levels: ReadonlyArray<ComparisonLevel>): Array<number> => {
  const nonNull = levels.filter((level) => level.is_null_level !== true).length
  let next = nonNull - 1
  return levels.map((level) => (level.is_null_level === true ? -1 : next--))
}

const levelRecords = (comparison: Comparison, sortOrder: number, lambda: number): Array<ModelParameterRecord> => {
  const levels = comparison.comparison_levels
  const gammas = comparisonVectorValues(levels)
  const labels = chartLabels(levels, gammas)
  const maxGamma = Math.max(0, ...gammas)
  return levels.flatMap((level, i): Array<ModelParameterRecord> => {
    const m = level.m_probability
    const u = level.u_probability
    if (level.is_null_level === true || m === undefined || u === undefined) return []
    const label = labels[i] ?? ""
    // Floored as the weight is, so a u of 0 draws a finite bar (and JSON has no Infinity).
    const factor = Math.max(m, M_U_CLAMP_MIN) / Math.max(u, M_U_CLAMP_MIN)
    const tfColumn = level.tf_adjustment_column ?? null
    return [{
      comparison_name: comparison.output_column_name,
      sql_condition: level.sql_condition,
      label_for_charts: label,
      has_tf_adjustments: tfColumn !== null,
      tf_adjustment_column: tfColumn,
      tf_adjustment_weight: level.tf_adjustment_weight ?? 1,
      is_null_level: false,
      m_probability: m,
      u_probability: u,
      m_probability_description: proportionDescription("Amongst matching record comparisons", m, label),
      u_probability_description: proportionDescription("Amongst non-matching record comparisons", u, label),
      bayes_factor: factor,
      log2_bayes_factor: partialMatchWeight(m, u),
      bayes_factor_description: bayesFactorDescription(factor, label),
      comparison_vector_value: gammas[i] ?? 0,
      max_comparison_vector_value: maxGamma,
      probability_two_random_records_match: lambda,
      comparison_sort_order: sortOrder
    }]
  })
}

/** A level's label (its γ when it has none); when two levels of a comparison share a label, every
 * label is prefixed with its γ so that each level keeps its own bar (splink does the same). */
const chartLabels = (levels: ReadonlyArray<ComparisonLevel>, gammas: ReadonlyArray<number>): Array<string> => {
  const labels = levels.map((level, i) => level.label_for_charts ?? String(gammas[i]))
  const unique = new Set(labels).size === labels.length
  return unique ? labels : labels.map((label, i) => `${gammas[i]}. ${label}`)
}

const proportionDescription = (who: string, probability: number, label: string): string =>
  `${who}, ${significant(probability * 100, 4)}% of records (i.e. one in ${oneIn(probability)}) are in the ` +
  `${label.toLowerCase()} comparison level`

const oneIn = (probability: number): string => readable(probability > 0 ? 1 / probability : Infinity)

const bayesFactorDescription = (factor: number, label: string): string => {
  const text = `If comparison level is \`${label.toLowerCase()}\` then comparison is`
  if (factor === Infinity) return `${text} certain to be a match`
  if (factor === 0) return `${text} impossible to be a match`
  return factor >= 1
    ? `${text} ${readable(factor)} times more likely to be a match`
    : `${text} ${readable(1 / factor)} times less likely to be a match`
}

// Number formats of splink's descriptions (Python's `,.0f`, `,.4g`, `.3f`).
const readable = (value: number): string => (value >= 100 ? grouped(value, 0) : significant(value, 4))
const grouped = (value: number, digits: number): string =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })
const significant = (value: number, digits: number): string =>
  value.toLocaleString("en-US", { maximumSignificantDigits: digits })
const fixed = (value: number, digits: number): string => value.toFixed(digits)
