export { type AlignedComparison, alignVectors } from "./aligned-vectors.js"
export { type ClusterInput, type ClusterMember, connectedComponents, type RecordId } from "./clusters.js"
export { type Evaluation, evaluateLabelledPairs, type LabelledPairs } from "./evaluate.js"
export {
  compileModel,
  type ComparisonModel,
  defaultMValues,
  defaultUValues,
  effectiveM,
  effectiveU,
  type LevelModel,
  type Model,
  type TfAdjustment
} from "./model.js"
export {
  type ComparisonExplanation,
  modelTables,
  predict,
  type PredictOptions,
  type Predictions
} from "./predict.js"
export {
  bayesFactorOf,
  bayesFactorToProbability,
  M_U_CLAMP_MIN,
  matchWeightToProbability,
  median,
  partialMatchWeight,
  probabilityToBayesFactor,
  probabilityToMatchWeight
} from "./probability.js"
export { blockingRuleColumns, conditionColumns, exactMatchColumns } from "./sql-columns.js"
export { pairsAtOrAbove, type Threshold, thresholdAsMatchWeight } from "./threshold.js"
export {
  type LabelledScores,
  type RocPoint,
  rocPoints,
  roundedTruthThreshold,
  truthTable,
  type TruthTableOptions,
  type TruthTableRecord
} from "./truth-table.js"
export { type PairValues as WaterfallPairValues, waterfall, type WaterfallRecord } from "./waterfall.js"
export { type ComparisonTables, comparisonTables, tfAdjustment } from "./weight-tables.js"
