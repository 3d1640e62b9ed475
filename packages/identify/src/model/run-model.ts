/**
 * The pair table through the real linkage engine: EM training (`liner identify train`) and
 * scoring with splink's semantics, the waterfall of a pair for its explanation. DuckDB evaluates
 * the levels; the engine's scope (an in-memory DuckDB) closes with the run.
 */
import {
  compileModel,
  decodeTrainingPlan,
  initialTrainingState,
  levelShares,
  LinkageEngine,
  type LinkageError,
  populateFromTrainedValues,
  predict,
  recordShares,
  runTrainingStep,
  type Settings,
  type EmSessionReport,
  type StepReport,
  type TrainReport,
  waterfall,
  type WaterfallRecord
} from "@liner/linkage"
import { Effect, Either } from "effect"
import { IdentifyInternalError } from "../errors.js"
import { BLOCKING_RULE } from "./model-settings.js"
import { oneMakerEm, type OneMakerEmReport } from "./one-maker-em.js"
import { type PairRow, writePairTable } from "./pair-table.js"

/** Our own pair table and settings: whatever the engine rejects is a bug of ours. */
const asInternal = (error: LinkageError | IdentifyInternalError): IdentifyInternalError =>
  error._tag === "IdentifyInternalError" ? error : new IdentifyInternalError({ message: `the linkage engine refused the candidate pairs: ${error.message}`, cause: error })

const engineLayer = LinkageEngine.layer()

/**
 * EM sessions, as splink trains: each on the pairs a blocking rule keeps, where makers are
 * common (candidates next to the track more often than anyone else; candidates next to it in two
 * sets or more), so that EM's match class is the maker and not the label-mates around it (on all
 * pairs, EM finds them: they share the maker's labels and DJs, and outnumber it). Each session
 * estimates the comparisons its rule does not use; m is the median over the sessions.
 */
const EM_SESSIONS = [`${BLOCKING_RULE} AND l."next_to_lead" >= 1`, `${BLOCKING_RULE} AND l."next_to_sets" >= 2`]

/** The starting m count as this many tracks' worth of evidence per track (a prior that keeps rare levels from 0). */
const PRIOR_WEIGHT = 0.2

export interface TrainedModel {
  readonly settings: Settings
  readonly report: TrainReport & { readonly oneMaker: OneMakerEmReport }
}

/**
 * u first, then m by EM with u fixed (splink's usual order). u is the share of each level among
 * every candidate pair: splink's u by random sampling, with all the pairs as the sample. It is
 * the right u because candidates are drawn from the track's context (random records would
 * describe pairs that are never candidates) and because, with one maker among dozens of
 * candidates, nearly every candidate pair is a non-match. m comes from splink's EM sessions
 * (above), then from EM iterations whose E-step knows a track has one maker (`one-maker-em.ts`):
 * pair by pair, EM drifts to the label-mates around a track, who share the maker's context.
 */
export const trainOnPairs = (rows: ReadonlyArray<PairRow>, settings: Settings, popularityReference: number): Effect.Effect<TrainedModel, IdentifyInternalError> =>
  Effect.gen(function* () {
    const engine = yield* LinkageEngine
    const { files } = yield* writePairTable(rows, popularityReference)
    const input = yield* engine.loadInput({ files, settings })
    const vectors = yield* engine.comparisonVectors(input, settings, { blockingRules: [BLOCKING_RULE] })
    const model = yield* compileModel(settings)
    const shares = yield* levelShares(model, vectors)
    const initial = initialTrainingState(settings)
    const recorded = recordShares(initial.trained, model, shares, "u", "u from the level shares of every candidate pair", true)
    const withU = { ...initial, trained: recorded.trained, settings: populateFromTrainedValues(settings, recorded.trained) }
    const plan = yield* decodeTrainingPlan({
      steps: EM_SESSIONS.map((rule) => ({
        estimate: "parameters_using_expectation_maximisation",
        blocking_rule: rule,
        fix_u_probabilities: true,
        fix_m_probabilities: false,
        fix_probability_two_random_records_match: false
      }))
    }).pipe(Effect.mapError((error) => new IdentifyInternalError({ message: `the training plan is not valid: ${error.message}` })))
    let state = withU
    const steps: Array<StepReport> = [
      { estimate: "u_using_random_sampling", max_pairs: vectors.pairCount, seed: 0, sampled_records: vectors.pairCount, pairs: vectors.pairCount, not_observed: recorded.notObserved }
    ]
    const sessions: Array<EmSessionReport> = []
    for (const [i, step] of plan.steps.entries()) {
      const outcome = yield* runTrainingStep(input, state, step, { position: i + 1 })
      state = outcome.state
      steps.push(outcome.report)
      if (outcome.session !== undefined) sessions.push(outcome.session.report)
    }
    // Then EM with the E-step taken track by track (one maker per track), from where the sessions left m.
    const withIds = yield* engine.comparisonVectors(input, state.settings, { withIds: true })
    const trackOfPair = Int32Array.from(withIds.pairs?.uniqueIdL ?? [], (id) => rows[Number(id)]!.track)
    const tracks = new Set(rows.map((row) => row.track)).size
    const refined = yield* oneMakerEm(state.settings, withIds, trackOfPair, {
      maxIterations: 100,
      convergence: 0.0001,
      prior: settings,
      priorWeight: PRIOR_WEIGHT * tracks
    })
    return { settings: refined.settings, report: { sessions, steps, oneMaker: refined.report } }
  }).pipe(Effect.mapError(asInternal), Effect.scoped, Effect.provide(engineLayer), Effect.mapError(asInternal))

export interface ScoredPairs {
  /** By pair (row index). */
  readonly matchWeight: Float64Array
  readonly matchProbability: Float64Array
  /** The waterfall of a pair: the prior, each comparison's partial weight and TF adjustment. */
  readonly waterfallOf: (pair: number) => ReadonlyArray<WaterfallRecord>
}

/** Scores every pair with the model, then hands the scores to `use` while the engine's vectors are at hand. */
export const scorePairs = <A>(
  rows: ReadonlyArray<PairRow>,
  settings: Settings,
  popularityReference: number,
  use: (scored: ScoredPairs) => A
): Effect.Effect<A, IdentifyInternalError> =>
  Effect.gen(function* () {
    const engine = yield* LinkageEngine
    const { files } = yield* writePairTable(rows, popularityReference)
    const input = yield* engine.loadInput({ files, settings })
    const vectors = yield* engine.comparisonVectors(input, settings, { withIds: true })
    const model = yield* compileModel(settings)
    const predictions = yield* predict(model, vectors)
    const pairCount = rows.length
    const matchWeight = new Float64Array(pairCount).fill(Number.NaN)
    const matchProbability = new Float64Array(pairCount).fill(Number.NaN)
    const vectorOfPair = new Int32Array(pairCount).fill(-1)
    const ids = vectors.pairs?.uniqueIdL ?? []
    for (let i = 0; i < vectors.pairCount; i++) {
      const pair = Number(ids[i])
      vectorOfPair[pair] = i
      matchWeight[pair] = predictions.matchWeight[i]!
      matchProbability[pair] = predictions.matchProbability[i]!
    }
    if (vectors.pairCount !== pairCount || vectorOfPair.includes(-1)) {
      return yield* new IdentifyInternalError({ message: `the engine made ${vectors.pairCount} pairs of ${pairCount} candidate pairs` })
    }
    return use({
      matchWeight,
      matchProbability,
      waterfallOf: (pair) => Either.getOrThrow(waterfall(model, vectors, vectorOfPair[pair]!))
    })
  }).pipe(Effect.mapError(asInternal), Effect.scoped, Effect.provide(engineLayer), Effect.mapError(asInternal))
