/** What `train` reports besides the trained model: the document `liner linkage train --json` prints. */
import type { EmSessionReport } from "./em-session.js"

/** A level a step could not estimate because no pair fell in it. */
export interface LevelNotObserved {
  readonly comparison: string
  readonly label_for_charts: string
  readonly comparison_vector_value: number
}

export interface LambdaStepReport {
  readonly estimate: "probability_two_random_records_match"
  readonly deterministic_rules: ReadonlyArray<string>
  readonly recall: number
  /** |union of the rules' pairs|. */
  readonly pairs_found: number
  readonly total_comparisons: number
  readonly expected_matches: number
  readonly probability_two_random_records_match: number
}

export interface USamplingStepReport {
  readonly estimate: "u_using_random_sampling"
  readonly max_pairs: number
  readonly seed: number
  readonly sampled_records: number
  readonly pairs: number
  readonly not_observed: ReadonlyArray<LevelNotObserved>
}

export interface EmStepReport {
  readonly estimate: "parameters_using_expectation_maximisation"
  readonly blocking_rule: string
  /** Index of the session in `sessions`. */
  readonly session: number
  readonly iterations: number
  readonly converged: boolean
  /** When the step wrote λ back: the new λ and each session's global estimate. */
  readonly probability_two_random_records_match?: number
  readonly global_lambda_estimates?: ReadonlyArray<number>
}

export interface MFromLabelColumnStepReport {
  readonly estimate: "m_from_label_column"
  readonly label_column: string
  /** Pairs whose records share a label. */
  readonly pairs: number
  readonly not_observed: ReadonlyArray<LevelNotObserved>
}

export interface MFromPairwiseLabelsStepReport {
  readonly estimate: "m_from_pairwise_labels"
  readonly labels: string
  /** Labelled pairs found in the data, and those of them labelled a match (score ≥ 0.5). */
  readonly pairs: number
  readonly matches: number
  /** Labels naming a record that is not in the data. */
  readonly unmatched_labels: number
  readonly not_observed: ReadonlyArray<LevelNotObserved>
}

export type StepReport =
  | LambdaStepReport
  | USamplingStepReport
  | EmStepReport
  | MFromLabelColumnStepReport
  | MFromPairwiseLabelsStepReport

export interface TrainReport {
  readonly sessions: ReadonlyArray<EmSessionReport>
  readonly steps: ReadonlyArray<StepReport>
}
