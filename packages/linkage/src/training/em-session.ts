/**
 * One EM training session, after splink's em_training_session.py: the comparisons whose columns
 * the training blocking rule uses are deactivated, λ starts raised by the Bayes factors of the
 * exact-match levels the rule implies, EM runs over the blocked pairs, and every active level
 * records its trained m and u (unless fixed), from which the model takes medians.
 */
import { Either } from "effect"
import type { ComparisonVectors } from "../engine/comparison-vectors.js"
import { LinkageInputError, type LinkageInternalError } from "../errors.js"
import { alignVectors } from "../scoring/aligned-vectors.js"
import type { ComparisonModel, Model } from "../scoring/model.js"
import { compileModel, effectiveM, effectiveU } from "../scoring/model.js"
import { bayesFactorOf, bayesFactorToProbability, probabilityToBayesFactor } from "../scoring/probability.js"
import { blockingRuleColumns } from "../scoring/sql-columns.js"
import { settingsDefaults } from "../settings/settings.js"
import type { EmIteration, EmResult, LargestChange } from "./expectation-maximisation.js"
import { expectationMaximisation } from "./expectation-maximisation.js"
import type { EmSessionLambda, TrainingState } from "./trained-values.js"
import { lambdaFromSessions, populateFromTrainedValues, recordEstimates } from "./trained-values.js"

export interface EmSessionOptions {
  readonly blockingRule: string
  /** splink's default: true. */
  readonly fixUProbabilities?: boolean
  readonly fixMProbabilities?: boolean
  readonly fixProbabilityTwoRandomRecordsMatch?: boolean
  /** Write λ back to the model from all sessions so far (1 / median of 1/λ). */
  readonly populateProbabilityTwoRandomRecordsMatchFromTrainedValues?: boolean
  readonly estimateWithoutTermFrequencies?: boolean
  /** The step's position in the training plan, from 1 (for reports and messages). */
  readonly step?: number
}

/** What a session does before it sees a pair: which comparisons it estimates and where λ starts. */
export interface EmSessionPlan {
  readonly blockingRule: string
  readonly active: ReadonlyArray<ComparisonModel>
  readonly deactivated: ReadonlyArray<ComparisonModel>
  readonly reversedLevels: EmSessionLambda["reversedLevels"]
  readonly startLambda: number
}

export interface NotObservedLevel {
  readonly comparison: string
  readonly label_for_charts: string
  readonly comparison_vector_value: number
  /** Which of the level's parameters the session could not estimate. */
  readonly parameters: ReadonlyArray<"m_probability" | "u_probability">
}

export interface EmIterationReport {
  readonly iteration: number
  /** Signed, as splink logs it. */
  readonly largest_change: number
  /** "probability_two_random_records_match", or "m_probability of <comparison>, level `<label>`". */
  readonly largest_change_parameter: string
  readonly lambda_in_block: number
}

/** The session as `liner linkage train --json` reports it. */
export interface EmSessionReport {
  readonly step: number
  readonly blocking_rule: string
  readonly pairs: number
  readonly deactivated: ReadonlyArray<string>
  readonly start_lambda_in_block: number
  readonly iterations: ReadonlyArray<EmIterationReport>
  readonly converged: boolean
  readonly not_observed: ReadonlyArray<NotObservedLevel>
}

/** Every iteration's parameters, for charts and for comparing with splink's history. */
export interface EmSessionHistory {
  /** The comparisons the session estimated, in settings order (the history's first index). */
  readonly comparisons: ReadonlyArray<ComparisonModel>
  readonly iterations: ReadonlyArray<EmIteration>
}

export interface EmSessionOutcome {
  readonly state: TrainingState
  readonly report: EmSessionReport
  readonly history: EmSessionHistory
  /** When λ was written back: each session's global estimate of λ. */
  readonly lambdaEstimates?: ReadonlyArray<number>
}

/**
 * The exact-match levels a blocking rule implies (splink's
 * `_get_comparison_levels_corresponding_to_training_blocking_rule`): levels matching on more
 * columns first, each used only while all its columns are still unclaimed.
 */
const levelsImpliedByRule = (model: Model, ruleColumns: ReadonlySet<string>): EmSessionLambda["reversedLevels"] => {
  const exact = model.comparisons.flatMap((comparison) =>
    comparison.levels.flatMap((level) =>
      level.exactColumns ? [{ comparison: comparison.index, levelIndex: level.levelIndex, columns: level.exactColumns }] : []
    )
  )
  exact.sort((a, b) => b.columns.length - a.columns.length)
  const unclaimed = new Set(ruleColumns)
  const implied: Array<{ comparison: number; levelIndex: number }> = []
  for (const { columns, comparison, levelIndex } of exact) {
    if (columns.every((column) => unclaimed.has(column))) {
      for (const column of columns) unclaimed.delete(column)
      implied.push({ comparison, levelIndex })
    }
  }
  return implied
}

export const planEmSession = (model: Model, blockingRule: string): EmSessionPlan => {
  const ruleColumns = new Set(blockingRuleColumns(blockingRule))
  const uses = (comparison: ComparisonModel) => comparison.columns.some((column) => ruleColumns.has(column))
  const reversedLevels = levelsImpliedByRule(model, ruleColumns)
  let bayesFactor = probabilityToBayesFactor(model.lambda)
  for (const { comparison, levelIndex } of reversedLevels) {
    const level = model.comparisons[comparison]!.levels[levelIndex]!
    bayesFactor = bayesFactorOf(effectiveM(level), effectiveU(level)) * bayesFactor
  }
  return {
    blockingRule,
    active: model.comparisons.filter((c) => !uses(c)),
    deactivated: model.comparisons.filter(uses),
    reversedLevels,
    startLambda: bayesFactorToProbability(bayesFactor)
  }
}

const describeChange = (change: LargestChange, active: ReadonlyArray<ComparisonModel>): string => {
  const parameter = change.parameter
  if (parameter.kind === "probability_two_random_records_match") return parameter.kind
  const comparison = active[parameter.comparison]!
  return `${parameter.kind} of ${comparison.name}, level \`${comparison.byGamma[parameter.gamma]!.label}\``
}

const stepLabel = (step: number | undefined): string => (step === undefined ? "EM" : `plan step ${step}`)

/** Run one session on the pairs its blocking rule generates. */
export const runEmSession = (
  state: TrainingState,
  vectors: ComparisonVectors,
  options: EmSessionOptions
): Either.Either<EmSessionOutcome, LinkageInputError | LinkageInternalError> =>
  Either.gen(function* () {
    const fixU = options.fixUProbabilities ?? true
    const fixM = options.fixMProbabilities ?? false
    const fixLambda = options.fixProbabilityTwoRandomRecordsMatch ?? false
    const rule = options.blockingRule
    if (fixU && fixM) {
      return yield* Either.left(
        new LinkageInputError({ message: `${stepLabel(options.step)}: EM cannot train with both m and u probabilities fixed` })
      )
    }
    if (vectors.pairCount === 0) {
      return yield* Either.left(
        new LinkageInputError({
          message: `${stepLabel(options.step)}: the training blocking rule \`${rule}\` generates no record pairs`
        })
      )
    }
    const model = yield* compileModel(state.settings)
    const plan = planEmSession(model, rule)
    const aligned = yield* alignVectors(plan.active, vectors)
    const result: EmResult = expectationMaximisation(
      plan.active.map((comparison, k) => ({
        name: comparison.name,
        byGamma: comparison.byGamma,
        gamma: aligned[k]!.gamma,
        tfByGamma: aligned[k]!.tfByGamma,
        m: comparison.byGamma.map(effectiveM),
        u: comparison.byGamma.map(effectiveU)
      })),
      vectors.pairCount,
      {
        lambda: plan.startLambda,
        fixLambda,
        fixM,
        fixU,
        emConvergence: state.settings.em_convergence ?? settingsDefaults.em_convergence,
        maxIterations: state.settings.max_iterations ?? settingsDefaults.max_iterations,
        withoutTermFrequencies: options.estimateWithoutTermFrequencies ?? false
      }
    )

    // Every active level records what the session ended with (splink's `_train`).
    const description = `EM, blocked on: ${rule}`
    const final = result.final
    const notObserved: Array<NotObservedLevel> = []
    const activeIndex = new Map(plan.active.map((comparison, k) => [comparison.index, k]))
    const trained = recordEstimates(state.trained, (c, levelIndex) => {
      const k = activeIndex.get(c)
      const level = model.comparisons[c]!.levels[levelIndex]!
      if (k === undefined || level.isNull) return {}
      const g = level.gamma
      const mMissing = !fixM && final.mNotObserved[k]![g] === 1
      const uMissing = !fixU && final.uNotObserved[k]![g] === 1
      if (mMissing || uMissing) {
        notObserved.push({
          comparison: model.comparisons[c]!.name,
          label_for_charts: level.label,
          comparison_vector_value: g,
          parameters: [...(mMissing ? ["m_probability" as const] : []), ...(uMissing ? ["u_probability" as const] : [])]
        })
      }
      return {
        ...(fixM ? {} : { m: { probability: mMissing ? null : final.m[k]![g]!, description } }),
        ...(fixU ? {} : { u: { probability: uMissing ? null : final.u[k]![g]!, description } })
      }
    })
    const emSessions = [...state.emSessions, { lambdaInBlock: final.lambda, reversedLevels: plan.reversedLevels }]
    let settings = populateFromTrainedValues(state.settings, trained)
    let lambdaEstimates: ReadonlyArray<number> | undefined
    if (options.populateProbabilityTwoRandomRecordsMatchFromTrainedValues === true) {
      const populated = yield* compileModel(settings)
      const written = lambdaFromSessions(emSessions, populated, trained)
      settings = { ...settings, probability_two_random_records_match: written.lambda }
      lambdaEstimates = written.estimates
    }

    const iterations = result.history.slice(1)
    const report: EmSessionReport = {
      step: options.step ?? 0,
      blocking_rule: rule,
      pairs: vectors.pairCount,
      deactivated: plan.deactivated.map((c) => c.name),
      start_lambda_in_block: plan.startLambda,
      iterations: iterations.map((it) => ({
        iteration: it.iteration,
        largest_change: it.largestChange!.value,
        largest_change_parameter: describeChange(it.largestChange!, plan.active),
        lambda_in_block: it.lambda
      })),
      converged: result.converged,
      not_observed: notObserved
    }
    return {
      state: { settings, trained, emSessions },
      report,
      history: { comparisons: plan.active, iterations: result.history },
      ...(lambdaEstimates ? { lambdaEstimates } : {})
    }
  })
