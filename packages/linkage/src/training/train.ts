/**
 * Runs a training plan, step by step, as the matching `linker.training.*` calls of splink would:
 * each step records its estimates, after which the model's m and u are the medians of all
 * estimates so far (splink's `_populate_m_u_from_trained_values`).
 */
import { resolve } from "node:path"
import { Effect } from "effect"
import type { ComparisonVectors } from "../engine/comparison-vectors.js"
import type { Input } from "../engine/input.js"
import { LinkageEngine, type LinkageError } from "../engine/linkage-engine.js"
import { LinkageInputError } from "../errors.js"
import { compileModel } from "../scoring/model.js"
import type { Settings } from "../settings/settings.js"
import { blockingRuleSql } from "../settings/settings.js"
import { type EmSessionHistory, type EmSessionReport, planEmSession, runEmSession } from "./em-session.js"
import { lambdaFromDeterministicRules } from "./lambda-from-deterministic-rules.js"
import { levelShares, recordShares } from "./level-shares.js"
import type { StepReport, TrainReport } from "./train-report.js"
import { initialTrainingState, populateFromTrainedValues, type TrainingState } from "./trained-values.js"
import type { TrainingPlan, TrainingStep } from "./training-plan.js"

export interface TrainOptions {
  /** Where a plan's relative `labels` paths are resolved (the plan file's folder); the working directory by default. */
  readonly baseDirectory?: string
}

export interface TrainResult {
  /** The trained model (splink's settings JSON). */
  readonly settings: Settings
  readonly report: TrainReport
  /** Per EM session, every iteration's parameters. */
  readonly histories: ReadonlyArray<EmSessionHistory>
  /** Every estimate made, for charts of the parameter estimates. */
  readonly state: TrainingState
}

/** m and u are estimated without term-frequency adjustments (splink drops them for these steps). */
const withoutTermFrequencies = (settings: Settings): Settings => ({
  ...settings,
  comparisons: settings.comparisons.map((comparison) => ({
    ...comparison,
    comparison_levels: comparison.comparison_levels.map(({ tf_adjustment_column: _, ...level }) => level)
  }))
})

const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`

export interface StepOutcome {
  readonly state: TrainingState
  readonly report: StepReport
  /** For an EM step: its session. */
  readonly session?: { readonly report: EmSessionReport; readonly history: EmSessionHistory }
}

/** Name the plan step in the messages of bad input met while running it. */
const inStep = (step: number) => (error: LinkageError): LinkageError =>
  error._tag === "LinkageInputError" && !error.message.startsWith("plan step ")
    ? new LinkageInputError({ message: `plan step ${step}: ${error.message}` })
    : error

/**
 * One step on the state so far (what one `linker.training.*` call does to a linker); `position`
 * (from 1) names the step in messages.
 */
export const runTrainingStep = (
  input: Input,
  state: TrainingState,
  step: TrainingStep,
  { position = 1, ...options }: TrainOptions & { readonly position?: number } = {}
): Effect.Effect<StepOutcome, LinkageError, LinkageEngine> =>
  Effect.gen(function* () {
    const engine = yield* LinkageEngine
    switch (step.estimate) {
      case "probability_two_random_records_match": {
        const pairsFound = yield* engine.countPairsOfRules(input, step.deterministic_rules)
        const estimate = yield* lambdaFromDeterministicRules(pairsFound, input.totalComparisons, step.recall)
        return {
          state: { ...state, settings: { ...state.settings, probability_two_random_records_match: estimate.lambda } },
          report: {
            estimate: step.estimate,
            deterministic_rules: step.deterministic_rules.map(blockingRuleSql),
            recall: step.recall,
            pairs_found: pairsFound,
            total_comparisons: input.totalComparisons,
            expected_matches: estimate.expectedMatches,
            probability_two_random_records_match: estimate.lambda
          }
        }
      }
      case "u_using_random_sampling": {
        const model = yield* compileModel(state.settings)
        const sample = yield* engine.sampleComparisonVectors(input, withoutTermFrequencies(state.settings), {
          maxPairs: step.max_pairs,
          seed: step.seed
        })
        const shares = yield* levelShares(model, sample)
        const recorded = recordShares(state.trained, model, shares, "u", "estimate u by random sampling")
        return {
          state: {
            ...state,
            trained: recorded.trained,
            settings: populateFromTrainedValues(state.settings, recorded.trained)
          },
          report: {
            estimate: step.estimate,
            max_pairs: step.max_pairs,
            seed: step.seed,
            sampled_records: sample.sampledRecords,
            pairs: sample.pairCount,
            not_observed: recorded.notObserved
          }
        }
      }
      case "parameters_using_expectation_maximisation": {
        const rule = blockingRuleSql(step.blocking_rule)
        const plan = planEmSession(yield* compileModel(state.settings), rule)
        if (step.fix_u_probabilities && step.fix_m_probabilities) {
          return yield* new LinkageInputError({
            message: `plan step ${position}: EM cannot train with both m and u probabilities fixed`
          })
        }
        // The engine evaluates only the comparisons the session estimates.
        const active = new Set(plan.active.map((comparison) => comparison.index))
        const vectors: ComparisonVectors = yield* engine.comparisonVectors(
          input,
          { ...state.settings, comparisons: state.settings.comparisons.filter((_, c) => active.has(c)) },
          { blockingRules: [step.blocking_rule] }
        )
        const outcome = yield* runEmSession(state, vectors, {
          blockingRule: rule,
          fixUProbabilities: step.fix_u_probabilities,
          fixMProbabilities: step.fix_m_probabilities,
          fixProbabilityTwoRandomRecordsMatch: step.fix_probability_two_random_records_match,
          populateProbabilityTwoRandomRecordsMatchFromTrainedValues:
            step.populate_probability_two_random_records_match_from_trained_values,
          estimateWithoutTermFrequencies: step.estimate_without_term_frequencies,
          step: position
        })
        return {
          state: outcome.state,
          report: {
            estimate: step.estimate,
            blocking_rule: rule,
            session: state.emSessions.length,
            iterations: outcome.report.iterations.length,
            converged: outcome.report.converged,
            ...(outcome.lambdaEstimates
              ? {
                  probability_two_random_records_match: outcome.state.settings.probability_two_random_records_match!,
                  global_lambda_estimates: outcome.lambdaEstimates
                }
              : {})
          },
          session: { report: outcome.report, history: outcome.history }
        }
      }
      case "m_from_label_column": {
        const column = input.columns.find((c) => c.name.toLowerCase() === step.label_column.toLowerCase())
        if (column === undefined) {
          return yield* new LinkageInputError({
            message: `plan step ${position}: the data has no label column "${step.label_column}"`
          })
        }
        const model = yield* compileModel(state.settings)
        const name = quoteIdentifier(column.name)
        const vectors = yield* engine.comparisonVectors(input, withoutTermFrequencies(state.settings), {
          blockingRules: [`l.${name} = r.${name}`]
        })
        const shares = yield* levelShares(model, vectors)
        const recorded = recordShares(state.trained, model, shares, "m", "estimate m from label column")
        return {
          state: {
            ...state,
            trained: recorded.trained,
            settings: populateFromTrainedValues(state.settings, recorded.trained)
          },
          report: {
            estimate: step.estimate,
            label_column: step.label_column,
            pairs: vectors.pairCount,
            not_observed: recorded.notObserved
          }
        }
      }
      case "m_from_pairwise_labels": {
        const model = yield* compileModel(state.settings)
        const labels = resolve(options.baseDirectory ?? ".", step.labels)
        const labelled = yield* engine.labelledPairVectors(input, withoutTermFrequencies(state.settings), { labels })
        // Only the pairs labelled a match tell us about m (a score ≥ 0.5, as everywhere in Liner).
        const isMatch = (pair: number) => labelled.clericalMatchScore[pair]! >= 0.5
        const shares = yield* levelShares(model, labelled.vectors, isMatch)
        const recorded = recordShares(state.trained, model, shares, "m", "estimate m from pairwise labels", true)
        let matches = 0
        for (let i = 0; i < labelled.vectors.pairCount; i++) if (isMatch(i)) matches++
        return {
          state: {
            ...state,
            trained: recorded.trained,
            settings: populateFromTrainedValues(state.settings, recorded.trained)
          },
          report: {
            estimate: step.estimate,
            labels: step.labels,
            pairs: labelled.vectors.pairCount,
            matches,
            unmatched_labels: labelled.unmatchedLabels,
            not_observed: recorded.notObserved
          }
        }
      }
    }
  }).pipe(Effect.mapError(inStep(position)))

/** Train `settings` on the loaded input by the plan; the model is checked before any step runs. */
export const train = (
  input: Input,
  settings: Settings,
  plan: TrainingPlan,
  options: TrainOptions = {}
): Effect.Effect<TrainResult, LinkageError, LinkageEngine> =>
  Effect.gen(function* () {
    yield* compileModel(settings)
    let state = initialTrainingState(settings)
    const sessions: Array<EmSessionReport> = []
    const histories: Array<EmSessionHistory> = []
    const steps: Array<StepReport> = []
    for (const [index, step] of plan.steps.entries()) {
      const outcome = yield* runTrainingStep(input, state, step, { ...options, position: index + 1 })
      state = outcome.state
      steps.push(outcome.report)
      if (outcome.session) {
        sessions.push(outcome.session.report)
        histories.push(outcome.session.history)
      }
    }
    return { settings: state.settings, report: { sessions, steps }, histories, state }
  })
