/**
 * `liner identify train`: the model trained by EM on every candidate pair of the store (the
 * unknown tracks played at least twice, each with all its candidates), then kept in the store.
 */
import { saveIdentifyModel, type Store, type StoreError } from "@liner/core"
import type { Settings, TrainReport } from "@liner/linkage"
import { Clock, Effect } from "effect"
import type { PlayIndex } from "../context/play-index.js"
import { type IdentifyInternalError, NothingToTrainOn } from "../errors.js"
import { candidateFeatures } from "../features/candidate-features.js"
import { FEATURES_VERSION, IDENTIFY_KEY, initialIdentifySettings } from "../model/model-settings.js"
import type { PairRow } from "../model/pair-table.js"
import { smoothedSettings } from "../model/smoothing.js"
import { trainOnPairs } from "../model/run-model.js"
import { unknownTracks } from "../tracks/unknown-tracks.js"
import type { IdentifyModel } from "./identify-tracks.js"

/** Tracks played fewer times are not answered by default, nor learned from. */
export const TRAINING_MIN_OCCURRENCES = 2
/** Positions on each side of a track whose artists are candidates and whose labels are "around" it. */
export const DEFAULT_WINDOW = 2

export interface TrainedIdentifyModel extends IdentifyModel {
  readonly report: TrainReport
  /** Unknown tracks the pairs came from. */
  readonly tracks: number
}

const median = (values: Array<number>): number => {
  values.sort((a, b) => a - b)
  const mid = values.length >> 1
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2
}

/** Every candidate pair of the store's unknown tracks (played at least twice). */
export const trainingPairs = (index: PlayIndex, window: number): { readonly rows: Array<PairRow>; readonly tracks: number } => {
  const rows: Array<PairRow> = []
  let tracks = 0
  for (const track of unknownTracks(index.snapshot)) {
    if (track.groupKey === null || track.plays.length < TRAINING_MIN_OCCURRENCES) continue
    tracks++
    for (const features of candidateFeatures(index, track, { window })) {
      rows.push({ track: tracks - 1, trackSets: track.sets.length, candidate: index.snapshot.artists.key[features.artist]!, features, songstatsSupport: null })
    }
  }
  return { rows, tracks }
}

/** Trains the model on the store's candidate pairs (not saved). */
export const trainIdentifyModel = (
  index: PlayIndex,
  window: number = DEFAULT_WINDOW
): Effect.Effect<TrainedIdentifyModel, IdentifyInternalError | NothingToTrainOn> =>
  Effect.gen(function* () {
    const { rows, tracks } = trainingPairs(index, window)
    if (rows.length === 0) {
      return yield* new NothingToTrainOn({
        message: `nothing to learn from: the store has no unknown track played at least ${TRAINING_MIN_OCCURRENCES} times with a known artist near it (import DJ sets with liner sets import)`
      })
    }
    // The typical candidate near a track: term frequencies are relative to its share of the plays.
    const shares = rows.filter((r) => r.features.nearSets.length > 0 || r.features.overlappingDjs.length > 0).map((r) => r.features.share)
    const typical = shares.length > 0 ? median(shares) : 0
    const reference = typical > 0 ? typical : 1 / Math.max(1, index.snapshot.artists.key.length)
    const extras = { features: FEATURES_VERSION, window, popularityReference: reference }
    // Each track has one maker: at most one pair in (pairs / tracks) is a match. λ starts there
    // (EM re-estimates it: a track whose maker is none of its candidates lowers it).
    const lambda = tracks / rows.length
    const trained = yield* trainOnPairs(rows, { ...initialIdentifySettings(extras), probability_two_random_records_match: lambda }, reference)
    const trainedAt = new Date(yield* Clock.currentTimeMillis).toISOString()
    return {
      // The trained settings keep the extras (unknown keys survive); set again so the model always says how it was made.
      settings: { ...smoothedSettings(trained.settings), [IDENTIFY_KEY]: extras } as Settings,
      extras,
      trainedAt,
      pairs: rows.length,
      tracks,
      report: trained.report
    }
  })

/** Keeps the model in the store (replacing the previous one). */
export const saveTrainedModel = (model: IdentifyModel): Effect.Effect<void, StoreError, Store> =>
  saveIdentifyModel({ model: model.settings, trainedAt: model.trainedAt, pairs: model.pairs })
