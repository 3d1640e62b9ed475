/**
 * splink's truth table (`accuracy_analysis_from_labels_table` / `_column`): TP, TN, FP, FN and the
 * rates at every distinct score threshold, and the ROC / precision-recall points drawn from it.
 * After splink's accuracy.py, computed in one sorted pass instead of window functions.
 */

export interface LabelledScores {
  readonly matchWeight: ArrayLike<number>
  /** A score ≥ `thresholdActual` is a clerical match; NULL (NaN) counts as a non-match. */
  readonly clericalMatchScore: ArrayLike<number>
  /** Whether a blocking rule generates the pair; those it does not score −999. */
  readonly foundByBlockingRules: ArrayLike<boolean | number>
}

export interface TruthTableOptions {
  /** Default 0.5. */
  readonly thresholdActual?: number
  /** Default 0.1, as splink's evaluation methods; null keeps raw weights. */
  readonly matchWeightRoundToNearest?: number | null
  /**
   * With labels from a column: all pairs of the input, the pairs not in the labels being
   * implicit true negatives (splink's `total_labels`).
   */
  readonly totalLabels?: number
  /** Default true: labelled pairs no blocking rule generates score −999. */
  readonly positivesNotCapturedByBlockingRulesScoredAsZero?: boolean
}

export interface TruthTableRecord {
  readonly truth_threshold: number
  readonly match_probability: number
  readonly total_clerical_labels: number
  readonly p: number
  readonly n: number
  readonly tp: number
  readonly tn: number
  readonly fp: number
  readonly fn: number
  readonly P_rate: number | null
  readonly N_rate: number | null
  readonly tp_rate: number | null
  readonly tn_rate: number | null
  readonly fp_rate: number | null
  readonly fn_rate: number | null
  readonly precision: number
  readonly recall: number | null
  readonly specificity: number | null
  readonly npv: number
  readonly accuracy: number | null
  readonly f1: number | null
  readonly f2: number | null
  readonly f0_5: number | null
  readonly p4: number | null
  readonly phi: number
}

/** DuckDB's round(): half away from zero. */
const roundHalfAwayFromZero = (x: number): number => Math.sign(x) * Math.round(Math.abs(x))

/**
 * The threshold a score is counted at: `cast(step as float) * round(match_weight / step)`, the
 * step being a float32 in splink's SQL (so 0.1 is 0.10000000149011612).
 */
export const roundedTruthThreshold = (matchWeight: number, step: number | null): number =>
  step === null ? matchWeight : Math.fround(step) * roundHalfAwayFromZero(matchWeight / step)

/** SQL division: NULL where the divisor is 0. */
const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b)

const UNBLOCKED = -999

export const truthTable = (scores: LabelledScores, options: TruthTableOptions = {}): Array<TruthTableRecord> => {
  const thresholdActual = options.thresholdActual ?? 0.5
  const step = options.matchWeightRoundToNearest === undefined ? 0.1 : options.matchWeightRoundToNearest
  const unblockedScoreZero = options.positivesNotCapturedByBlockingRulesScoredAsZero ?? true

  // Group the labels by their threshold.
  const groups = new Map<number, { records: number; positives: number; negatives: number }>()
  for (let i = 0; i < scores.matchWeight.length; i++) {
    const found = Boolean(scores.foundByBlockingRules[i])
    const threshold =
      unblockedScoreZero && !found ? UNBLOCKED : roundedTruthThreshold(scores.matchWeight[i]!, step)
    const positive = scores.clericalMatchScore[i]! >= thresholdActual
    let group = groups.get(threshold)
    if (group === undefined) {
      group = { records: 0, positives: 0, negatives: 0 }
      groups.set(threshold, group)
    }
    group.records++
    if (positive) group.positives++
    else group.negatives++
  }
  const thresholds = [...groups.keys()].sort((a, b) => a - b)
  let totalPositives = 0
  let totalNegatives = 0
  let totalRecords = 0
  for (const group of groups.values()) {
    totalPositives += group.positives
    totalNegatives += group.negatives
    totalRecords += group.records
  }

  // Cumulative counts at or above each threshold come from a pass from the top.
  const positivesAtOrAbove = new Array<number>(thresholds.length)
  const recordsAtOrAbove = new Array<number>(thresholds.length)
  let positives = 0
  let records = 0
  for (let k = thresholds.length - 1; k >= 0; k--) {
    const group = groups.get(thresholds[k]!)!
    positives += group.positives
    records += group.records
    positivesAtOrAbove[k] = positives
    recordsAtOrAbove[k] = records
  }

  const rows: Array<TruthTableRecord> = []
  let negativesBelow = 0
  let recordsBelow = 0
  for (const [k, threshold] of thresholds.entries()) {
    const group = groups.get(threshold)!
    let tn = negativesBelow
    let below = recordsBelow
    let p = totalPositives
    let n = totalNegatives
    let total = totalRecords
    if (options.totalLabels !== undefined) {
      // Pairs outside the labels are true negatives scored below every threshold.
      const implicitNegatives = options.totalLabels - totalPositives - totalNegatives
      tn += implicitNegatives
      below += implicitNegatives
      n = options.totalLabels - totalPositives
      total = options.totalLabels
      p = totalPositives
    }
    negativesBelow += group.negatives
    recordsBelow += group.records
    if (threshold < -998) continue

    const tp = positivesAtOrAbove[k]!
    const fp = recordsAtOrAbove[k]! - tp
    const fn = below - tn
    rows.push({
      truth_threshold: threshold,
      match_probability: Math.pow(2, threshold) / (1 + Math.pow(2, threshold)),
      total_clerical_labels: total,
      p,
      n,
      tp,
      tn,
      fp,
      fn,
      P_rate: ratio(p, total),
      N_rate: ratio(Math.fround(n), total),
      tp_rate: ratio(tp, p),
      tn_rate: ratio(tn, n),
      fp_rate: ratio(fp, n),
      fn_rate: ratio(fn, p),
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
      recall: ratio(tp, p),
      specificity: ratio(tn, n),
      npv: tn + fn === 0 ? 1 : tn / (tn + fn),
      accuracy: ratio(tp + tn, p + n),
      f1: ratio(2.0 * tp, 2 * tp + fn + fp),
      f2: ratio(5.0 * tp, 5 * tp + 4 * fn + fp),
      f0_5: ratio(1.25 * tp, 1.25 * tp + 0.25 * fn + fp),
      p4: ratio(4.0 * tp * tn, 4.0 * tp * tn + (tp + tn) * (fp + fn)),
      phi:
        tn + fn === 0 || tp + fp === 0 || p === 0 || n === 0
          ? 0
          : (tp * tn - fp * fn) / Math.sqrt((tp + fp) * p * n * (tn + fn))
    })
  }
  return rows
}

export interface RocPoint {
  readonly truth_threshold: number
  readonly match_probability: number
  readonly fp_rate: number | null
  readonly tp_rate: number | null
  readonly precision: number
  readonly recall: number | null
}

/** The points splink's ROC and precision-recall charts draw, one per threshold. */
export const rocPoints = (table: ReadonlyArray<TruthTableRecord>): Array<RocPoint> =>
  table.map((row) => ({
    truth_threshold: row.truth_threshold,
    match_probability: row.match_probability,
    fp_rate: row.fp_rate,
    tp_rate: row.tp_rate,
    precision: row.precision,
    recall: row.recall
  }))
