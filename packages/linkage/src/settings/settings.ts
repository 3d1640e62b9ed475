/**
 * splink's settings / saved-model JSON, key for key (the file `linker.misc.save_model_to_json()`
 * writes). Decode with `decodeSettings` (unknown keys are kept, so a model round-trips unchanged).
 */
import { Schema } from "effect"

const Probability = Schema.Number

export const ComparisonLevel = Schema.Struct({
  sql_condition: Schema.String,
  label_for_charts: Schema.optional(Schema.String),
  is_null_level: Schema.optional(Schema.Boolean),
  m_probability: Schema.optional(Probability),
  u_probability: Schema.optional(Probability),
  fix_m_probability: Schema.optional(Schema.Boolean),
  fix_u_probability: Schema.optional(Schema.Boolean),
  tf_adjustment_column: Schema.optional(Schema.NullOr(Schema.String)),
  tf_adjustment_weight: Schema.optional(Schema.Number),
  tf_minimum_u_value: Schema.optional(Schema.Number),
  comparison_vector_value: Schema.optional(Schema.Number)
})
export type ComparisonLevel = typeof ComparisonLevel.Type

export const Comparison = Schema.Struct({
  output_column_name: Schema.String,
  comparison_description: Schema.optional(Schema.String),
  comparison_levels: Schema.Array(ComparisonLevel)
})
export type Comparison = typeof Comparison.Type

export const BlockingRule = Schema.Union(
  Schema.String,
  Schema.Struct({ blocking_rule: Schema.String, sql_dialect: Schema.optional(Schema.String) })
)
export type BlockingRule = typeof BlockingRule.Type

export const LinkType = Schema.Literal("dedupe_only", "link_only", "link_and_dedupe")
export type LinkType = typeof LinkType.Type

export const Settings = Schema.Struct({
  link_type: LinkType,
  unique_id_column_name: Schema.optional(Schema.String),
  source_dataset_column_name: Schema.optional(Schema.String),
  probability_two_random_records_match: Schema.optional(Probability),
  em_convergence: Schema.optional(Schema.Number),
  max_iterations: Schema.optional(Schema.Number),
  blocking_rules_to_generate_predictions: Schema.optional(Schema.Array(BlockingRule)),
  comparisons: Schema.Array(Comparison)
})
export type Settings = typeof Settings.Type

/** splink's defaults for keys a settings file leaves out. */
export const settingsDefaults = {
  unique_id_column_name: "unique_id",
  source_dataset_column_name: "source_dataset",
  probability_two_random_records_match: 0.0001,
  em_convergence: 0.0001,
  max_iterations: 25
} as const

/** Unknown keys survive decoding and encoding (splink writes many we do not interpret). */
const keepUnknownKeys = { onExcessProperty: "preserve" } as const

export const decodeSettings = Schema.decodeUnknown(Settings, keepUnknownKeys)
export const encodeSettings = Schema.encode(Settings, keepUnknownKeys)

/** The SQL of a blocking rule, whichever of splink's two spellings the file uses. */
export const blockingRuleSql = (rule: BlockingRule): string =>
  typeof rule === "string" ? rule : rule.blocking_rule
