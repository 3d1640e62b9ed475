/**
 * Every estimate a training step makes of a level's m or u is recorded; the model's m and u are the
 * median of those recorded so far (levels "not observed" record no number). After splink's
 * comparison_level.py (`_trained_m_median`), m_u_records_to_parameters.py and linker.py
 * (`_populate_m_u_from_trained_values`, `_populate_probability_two_random_records_match_from_trained_values`).
 */
import type { ComparisonLevel, Settings } from "../settings/settings.js"
import { bayesFactorOf, bayesFactorToProbability, median, probabilityToBayesFactor } from "../scoring/probability.js"
import { effectiveM, effectiveU, type Model } from "../scoring/model.js"

export interface TrainedValue {
  /** null: the level was not observed, so this step could not estimate it. */
  readonly probability: number | null
  /** What produced it, as splink words it ("EM, blocked on: l.surname = r.surname"). */
  readonly description: string
}

export interface LevelEstimates {
  readonly m: ReadonlyArray<TrainedValue>
  readonly u: ReadonlyArray<TrainedValue>
}

/** By comparison, then by position in `comparison_levels`. */
export type TrainedValues = ReadonlyArray<ReadonlyArray<LevelEstimates>>

/** A finished EM session, as much as the λ write-back needs of it. */
export interface EmSessionLambda {
  readonly lambdaInBlock: number
  /** The exact-match levels whose Bayes factors raised λ at the start (comparison, level position). */
  readonly reversedLevels: ReadonlyArray<{ readonly comparison: number; readonly levelIndex: number }>
}

/** The settings as trained so far, every estimate made of them, and the EM sessions run. */
export interface TrainingState {
  readonly settings: Settings
  readonly trained: TrainedValues
  readonly emSessions: ReadonlyArray<EmSessionLambda>
}

export const initialTrainingState = (settings: Settings): TrainingState => ({
  settings,
  trained: settings.comparisons.map((c) => c.comparison_levels.map(() => ({ m: [], u: [] }))),
  emSessions: []
})

/** Add one step's estimates: `estimates(comparison, levelIndex)` gives those of one level, if any. */
export const recordEstimates = (
  trained: TrainedValues,
  estimates: (comparison: number, levelIndex: number) => Partial<Record<"m" | "u", TrainedValue>>
): TrainedValues =>
  trained.map((levels, c) =>
    levels.map((level, l) => {
      const added = estimates(c, l)
      return {
        m: added.m ? [...level.m, added.m] : level.m,
        u: added.u ? [...level.u, added.u] : level.u
      }
    })
  )

const numbers = (values: ReadonlyArray<TrainedValue>): Array<number> =>
  values.flatMap((v) => (v.probability === null ? [] : [v.probability]))

export const trainedMedian = (values: ReadonlyArray<TrainedValue>): number | undefined => {
  const estimates = numbers(values)
  return estimates.length === 0 ? undefined : median(estimates)
}

/** m and u of every non-fixed level become the median of its estimates, where it has any. */
export const populateFromTrainedValues = (settings: Settings, trained: TrainedValues): Settings => ({
  ...settings,
  comparisons: settings.comparisons.map((comparison, c) => ({
    ...comparison,
    comparison_levels: comparison.comparison_levels.map((level, l): ComparisonLevel => {
      if (level.is_null_level === true) return level
      const estimates = trained[c]![l]!
      const m = level.fix_m_probability === true ? undefined : trainedMedian(estimates.m)
      const u = level.fix_u_probability === true ? undefined : trainedMedian(estimates.u)
      if (m === undefined && u === undefined) return level
      return {
        ...level,
        ...(m === undefined ? {} : { m_probability: m }),
        ...(u === undefined ? {} : { u_probability: u })
      }
    })
  }))
})

/**
 * λ from the EM sessions: each session's in-block λ, its Bayes factor divided by that of the levels
 * its blocking rule implied (the trained medians where both m and u were estimated, else the
 * model's m/u), gives a global estimate; λ is 1 / median(1 / estimate).
 */
export const lambdaFromSessions = (
  sessions: ReadonlyArray<EmSessionLambda>,
  model: Model,
  trained: TrainedValues
): { readonly lambda: number; readonly estimates: ReadonlyArray<number> } => {
  const estimates = sessions.map((session) => {
    let bayesFactor = probabilityToBayesFactor(session.lambdaInBlock)
    for (const { comparison, levelIndex } of session.reversedLevels) {
      const estimates = trained[comparison]![levelIndex]!
      const m = trainedMedian(estimates.m)
      const u = trainedMedian(estimates.u)
      const level = model.comparisons[comparison]!.levels[levelIndex]!
      const levelFactor =
        m !== undefined && u !== undefined ? m / u : bayesFactorOf(effectiveM(level), effectiveU(level))
      bayesFactor = bayesFactor / levelFactor
    }
    return bayesFactorToProbability(bayesFactor)
  })
  return { lambda: 1 / median(estimates.map((p) => 1 / p)), estimates }
}
