/**
 * The training plan: `{"steps": [ … ]}`, run in order, one step per `linker.training.*` call of
 * splink's, with splink's argument names and defaults.
 */
import { Either, ParseResult, Schema } from "effect"
import { LinkageInputError } from "../errors.js"
import { BlockingRule } from "../settings/settings.js"

const Probability = Schema.Number.pipe(
  Schema.filter((p) => (p > 0 && p <= 1) || "must be greater than 0 and at most 1")
)

/** `linker.training.estimate_probability_two_random_records_match(deterministic_rules, recall)`. */
export const LambdaFromDeterministicRulesStep = Schema.Struct({
  estimate: Schema.Literal("probability_two_random_records_match"),
  deterministic_rules: Schema.NonEmptyArray(BlockingRule),
  recall: Probability
})

/** `linker.training.estimate_u_using_random_sampling(max_pairs, seed)`; the seed makes it reproducible. */
export const USamplingStep = Schema.Struct({
  estimate: Schema.Literal("u_using_random_sampling"),
  max_pairs: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 1e6 }),
  seed: Schema.optionalWith(Schema.Int, { default: () => 0 })
})

/** `linker.training.estimate_parameters_using_expectation_maximisation(blocking_rule, …)`. */
export const ExpectationMaximisationStep = Schema.Struct({
  estimate: Schema.Literal("parameters_using_expectation_maximisation"),
  blocking_rule: BlockingRule,
  fix_u_probabilities: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  fix_m_probabilities: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  fix_probability_two_random_records_match: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  populate_probability_two_random_records_match_from_trained_values: Schema.optionalWith(Schema.Boolean, {
    default: () => false
  }),
  estimate_without_term_frequencies: Schema.optionalWith(Schema.Boolean, { default: () => false })
})

/** `linker.training.estimate_m_from_label_column(label_colname)`. */
export const MFromLabelColumnStep = Schema.Struct({
  estimate: Schema.Literal("m_from_label_column"),
  label_column: Schema.NonEmptyTrimmedString
})

/** `linker.training.estimate_m_from_pairwise_labels(labels)`: a labels CSV file. */
export const MFromPairwiseLabelsStep = Schema.Struct({
  estimate: Schema.Literal("m_from_pairwise_labels"),
  labels: Schema.NonEmptyTrimmedString
})

export const TrainingStep = Schema.Union(
  LambdaFromDeterministicRulesStep,
  USamplingStep,
  ExpectationMaximisationStep,
  MFromLabelColumnStep,
  MFromPairwiseLabelsStep
)
export type TrainingStep = typeof TrainingStep.Type

export interface TrainingPlan {
  readonly steps: ReadonlyArray<TrainingStep>
}

const stepSchemas = {
  probability_two_random_records_match: LambdaFromDeterministicRulesStep,
  u_using_random_sampling: USamplingStep,
  parameters_using_expectation_maximisation: ExpectationMaximisationStep,
  m_from_label_column: MFromLabelColumnStep,
  m_from_pairwise_labels: MFromPairwiseLabelsStep
} as const

export const trainingStepKinds = Object.keys(stepSchemas) as ReadonlyArray<keyof typeof stepSchemas>

const isStepKind = (value: unknown): value is keyof typeof stepSchemas =>
  typeof value === "string" && Object.hasOwn(stepSchemas, value)

/** One line per problem: `max_pairs: Expected a positive number, actual -1`. */
const oneLine = (error: ParseResult.ParseError): string =>
  ParseResult.ArrayFormatter.formatErrorSync(error)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ")
    .replace(/\s+/g, " ")

/** Decode a plan; a bad step is named by its position (from 1) and what it estimates. */
export const decodeTrainingPlan = (input: unknown): Either.Either<TrainingPlan, LinkageInputError> => {
  if (typeof input !== "object" || input === null || !Array.isArray((input as { steps?: unknown }).steps)) {
    return Either.left(new LinkageInputError({ message: 'a training plan is a JSON object {"steps": [ … ]}' }))
  }
  const steps: Array<TrainingStep> = []
  for (const [index, step] of ((input as { steps: ReadonlyArray<unknown> }).steps).entries()) {
    const where = `plan step ${index + 1}`
    const estimate = typeof step === "object" && step !== null ? (step as { estimate?: unknown }).estimate : undefined
    if (!isStepKind(estimate)) {
      return Either.left(
        new LinkageInputError({
          message:
            estimate === undefined
              ? `${where}: a step needs "estimate", one of ${trainingStepKinds.join(", ")}`
              : `${where}: unknown estimate ${JSON.stringify(estimate)} (expected one of ${trainingStepKinds.join(", ")})`
        })
      )
    }
    const decoded = Schema.decodeUnknownEither(stepSchemas[estimate] as Schema.Schema<TrainingStep, unknown>, {
      onExcessProperty: "error",
      errors: "all"
    })(step)
    if (Either.isLeft(decoded)) {
      return Either.left(new LinkageInputError({ message: `${where} (${estimate}): ${oneLine(decoded.left)}` }))
    }
    steps.push(decoded.right)
  }
  return Either.right({ steps })
}
