export { comparisonVectorValues } from "./comparison-sql.js"
export type { ComparisonColumn, ComparisonVectors, PairIds } from "./comparison-vectors.js"
export type {
  Block,
  BlockingRuleCount,
  LabelledPairVectors,
  PairKey,
  PairValues,
  RecordKey,
  SampledComparisonVectors,
  TermFrequency
} from "./engine-results.js"
export type { Input, InputColumn, InputColumnType, SourceDataset } from "./input.js"
export {
  type BlockingCountsOptions,
  type ComparisonVectorsOptions,
  type LabelledPairOptions,
  LinkageEngine,
  type LinkageEngineOptions,
  type LinkageEngineService,
  type LinkageError,
  type LoadInputOptions,
  type SampleOptions
} from "./linkage-engine.js"
