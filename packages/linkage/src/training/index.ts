export {
  type EmIterationReport,
  type EmSessionHistory,
  type EmSessionOptions,
  type EmSessionOutcome,
  type EmSessionPlan,
  type EmSessionReport,
  type NotObservedLevel,
  planEmSession,
  runEmSession
} from "./em-session.js"
export {
  type ChangedParameter,
  type EmComparison,
  type EmIteration,
  type EmOptions,
  type EmParameters,
  type EmResult,
  expectationMaximisation,
  type LargestChange,
  NOT_OBSERVED_PROBABILITY
} from "./expectation-maximisation.js"
export { type LambdaEstimate, lambdaFromDeterministicRules } from "./lambda-from-deterministic-rules.js"
export { type LevelShares, levelShares, recordShares } from "./level-shares.js"
export { runTrainingStep, type StepOutcome, train, type TrainOptions, type TrainResult } from "./train.js"
export type {
  EmStepReport,
  LambdaStepReport,
  LevelNotObserved,
  MFromLabelColumnStepReport,
  MFromPairwiseLabelsStepReport,
  StepReport,
  TrainReport,
  USamplingStepReport
} from "./train-report.js"
export {
  type EmSessionLambda,
  initialTrainingState,
  lambdaFromSessions,
  type LevelEstimates,
  populateFromTrainedValues,
  recordEstimates,
  type TrainedValue,
  type TrainedValues,
  trainedMedian,
  type TrainingState
} from "./trained-values.js"
export {
  decodeTrainingPlan,
  ExpectationMaximisationStep,
  LambdaFromDeterministicRulesStep,
  MFromLabelColumnStep,
  MFromPairwiseLabelsStep,
  type TrainingPlan,
  TrainingStep,
  trainingStepKinds,
  USamplingStep
} from "./training-plan.js"
