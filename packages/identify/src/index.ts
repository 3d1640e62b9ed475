/**
 * @liner/identify: who made this "ID – ID"? Unknown DJ-set tracks, their candidates from the
 * context (neighbours, DJs, labels), features as comparison levels and a Fellegi–Sunter model
 * from @liner/linkage trained by EM on the store's candidate pairs (contracts/identify.md).
 */
export { type CandidateFeatures, candidateFeatures } from "./features/candidate-features.js"
export { makePlayIndex, type PlayIndex, type PlayIndexOptions } from "./context/play-index.js"
export { IdentifyInternalError, NothingToTrainOn } from "./errors.js"
export { songstatsSupport } from "./evidence/songstats-support.js"
export { confidenceOf, decide, HIGH_PROBABILITY, MARGIN_RATIO, MEDIUM_PROBABILITY } from "./identify/decide.js"
export { type FeedbackOptions, queueQueryOf, recordFeedback } from "./identify/feedback.js"
export type { Confidence, FeatureExplanation, Guess, IdentifyAnswer, IdentifyOutcome, IdentifyStatus } from "./identify/identify-answer.js"
export {
  DEFAULT_MIN_OCCURRENCES,
  type Identifier,
  type IdentifierOptions,
  loadStoredModel,
  makeIdentifier,
  readPlayIndex
} from "./identify/identifier.js"
export { type IdentifyModel, identifyTracks, type IdentifyTracksOptions } from "./identify/identify-tracks.js"
export {
  DEFAULT_WINDOW,
  saveTrainedModel,
  type TrainedIdentifyModel,
  TRAINING_MIN_OCCURRENCES,
  trainIdentifyModel,
  trainingPairs
} from "./identify/train-identify.js"
export { IDENTIFY_KEY, identifyComparisons, identifyExtras, type IdentifyModelExtras, initialIdentifySettings } from "./model/model-settings.js"
export { readSnapshot, type Resolution, type Snapshot, trackGroupKey } from "./store/store-snapshot.js"
export { findTrack, type FoundTrack, queryGroupKey, type TrackQuery, type UnknownTrack, unknownTracks } from "./tracks/unknown-tracks.js"
