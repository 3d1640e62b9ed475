/**
 * One pair's match weight as the bars of splink's waterfall chart: the prior, each comparison's
 * partial weight and (for comparisons with TF adjustments) its TF adjustment, then the final
 * score, with the running total. After splink's waterfall_chart.py.
 */
import { Either } from "effect"
import type { ComparisonVectors } from "../engine/comparison-vectors.js"
import type { LinkageInternalError } from "../errors.js"
import { alignVectors } from "./aligned-vectors.js"
import type { Model } from "./model.js"
import { effectiveM, effectiveU } from "./model.js"
import { formatGeneral } from "./number-format.js"
import { bayesFactorOf, partialMatchWeight, probabilityToBayesFactor } from "./probability.js"
import { modelTables } from "./predict.js"
import { tfAdjustment } from "./weight-tables.js"

export interface WaterfallRecord {
  /** "Prior", a comparison's name, "tf_<name>" for its TF adjustment, or "Final score". */
  readonly column_name: string
  readonly label_for_charts: string
  readonly sql_condition: string | null
  readonly log2_bayes_factor: number
  readonly bayes_factor: number
  readonly comparison_vector_value: number | null
  readonly m_probability: number | null
  readonly u_probability: number | null
  readonly bayes_factor_description: string | null
  readonly value_l: string
  readonly value_r: string
  readonly term_frequency_adjustment: boolean | null
  readonly bar_sort_order: number
  /** The running total of log2 Bayes factors up to and including this bar (the final score's is its own). */
  readonly cumulative_match_weight: number
}

/** The pair's input values, by input column, to show beside each bar (optional). */
export interface PairValues {
  readonly left: Readonly<Record<string, unknown>>
  readonly right: Readonly<Record<string, unknown>>
}

/** splink's `_num_fmt_dp_or_sf`. */
const formatFactor = (value: number): string =>
  value >= 100 ? Math.round(value).toLocaleString("en-US") : formatGeneral(value, 4)

const twoDecimals = (value: number): string =>
  value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })

const levelDescription = (label: string, bayesFactor: number): string => {
  const text = `If comparison level is \`${label.toLowerCase()}\` then comparison is`
  if (bayesFactor === Infinity) return `${text} certain to be a match`
  if (bayesFactor === 0) return `${text} impossible to be a match`
  if (bayesFactor >= 1) return `${text} ${formatFactor(bayesFactor)} times more likely to be a match`
  return `${text} ${formatFactor(1 / bayesFactor)} times less likely to be a match`
}

const showValue = (values: Readonly<Record<string, unknown>> | undefined, column: string): string => {
  if (values === undefined) return ""
  const value = values[column]
  return value === null || value === undefined ? "None" : String(value)
}

/** The waterfall of pair `pairIndex` of the vectors, scored with the model. */
export const waterfall = (
  model: Model,
  vectors: ComparisonVectors,
  pairIndex: number,
  values?: PairValues
): Either.Either<Array<WaterfallRecord>, LinkageInternalError> =>
  Either.map(alignVectors(model.comparisons, vectors), (aligned) => {
    const tables = modelTables(model)
    const rows: Array<Omit<WaterfallRecord, "bar_sort_order" | "cumulative_match_weight">> = []
    const priorBayesFactor = probabilityToBayesFactor(model.lambda)
    rows.push({
      column_name: "Prior",
      label_for_charts: "Starting match weight (prior)",
      sql_condition: null,
      log2_bayes_factor: Math.log2(priorBayesFactor),
      bayes_factor: priorBayesFactor,
      comparison_vector_value: null,
      m_probability: null,
      u_probability: null,
      bayes_factor_description: null,
      value_l: "",
      value_r: "",
      term_frequency_adjustment: null
    })
    for (const [c, comparison] of model.comparisons.entries()) {
      const g = aligned[c]!.gamma[pairIndex]!
      const level = g >= 0 ? comparison.byGamma[g]! : comparison.levels.find((l) => l.isNull)!
      const m = level.isNull ? null : effectiveM(level)
      const u = level.isNull ? null : effectiveU(level)
      const bayesFactor = m === null || u === null ? 1 : bayesFactorOf(m, u)
      const comparisonRow = {
        column_name: comparison.name,
        label_for_charts: level.label,
        sql_condition: level.sqlCondition,
        log2_bayes_factor: m === null || u === null ? 0 : partialMatchWeight(m, u),
        bayes_factor: bayesFactor,
        comparison_vector_value: g,
        m_probability: m,
        u_probability: u,
        bayes_factor_description: levelDescription(level.label, bayesFactor),
        value_l: comparison.columns.map((column) => showValue(values?.left, column)).join(", "),
        value_r: comparison.columns.map((column) => showValue(values?.right, column)).join(", "),
        term_frequency_adjustment: false
      }
      rows.push(comparisonRow)
      if (!comparison.levels.some((l) => l.tfColumn !== undefined)) continue
      const tf = g >= 0 ? aligned[c]!.tfByGamma[g] : undefined
      const table = tables[c]!
      const adjustment =
        tf === undefined
          ? 0
          : tfAdjustment(table.tfWeight[g]!, table.tfLog2UExact[g]!, tf[pairIndex]!, table.tfMinimumU[g]!)
      const tfBayesFactor = adjustment !== 0 ? Math.pow(2, adjustment) : 1
      const tfColumn = level.tfColumn
      rows.push({
        ...comparisonRow,
        column_name: `tf_${comparison.name}`,
        term_frequency_adjustment: true,
        value_l: tfColumn === undefined ? "" : showValue(values?.left, tfColumn),
        value_r: tfColumn === undefined ? "" : showValue(values?.right, tfColumn),
        ...(tfColumn === undefined
          ? { bayes_factor: 1, log2_bayes_factor: 0 }
          : {
              label_for_charts: `Term freq adjustment on ${tfColumn}`,
              log2_bayes_factor: adjustment,
              bayes_factor: tfBayesFactor,
              m_probability: null,
              u_probability: null,
              bayes_factor_description:
                tfBayesFactor >= 1
                  ? `Term frequency adjustment on ${tfColumn} makes comparison ${twoDecimals(tfBayesFactor)} times more likely to be a match`
                  : `Term frequency adjustment on ${tfColumn} makes comparison  ${twoDecimals(1 / tfBayesFactor)} times less likely to be a match`
            })
      })
    }
    let cumulative = 0
    const withTotals: Array<WaterfallRecord> = rows.map((row, i) => {
      cumulative += row.log2_bayes_factor
      return { ...row, bar_sort_order: i, cumulative_match_weight: cumulative }
    })
    withTotals.push({
      column_name: "Final score",
      label_for_charts: "Final score",
      sql_condition: null,
      log2_bayes_factor: cumulative,
      bayes_factor: Math.pow(2, cumulative),
      comparison_vector_value: null,
      m_probability: null,
      u_probability: null,
      bayes_factor_description: null,
      value_l: "",
      value_r: "",
      term_frequency_adjustment: null,
      bar_sort_order: withTotals.length,
      cumulative_match_weight: cumulative
    })
    return withTotals
  })
