/** Levels can be given as creators or as settings JSON, as splink accepts dicts. */
import type { ComparisonLevel } from "../settings/settings.js"
import { customLevel } from "./basic-levels.js"
import { ComparisonLevelCreator } from "./comparison-level-creator.js"

/** A level as a creator or as settings JSON (`{sql_condition, label_for_charts, …}`). */
export type LevelInput = ComparisonLevelCreator | ComparisonLevel

/** splink's CustomLevel._convert_to_creator: a JSON level becomes a custom level, configured with
 * the keys `.configure()` knows. */
export const toLevelCreator = (level: LevelInput): ComparisonLevelCreator => {
  if (level instanceof ComparisonLevelCreator) return level
  const json = level
  return customLevel(json.sql_condition).configure({
    ...(json.label_for_charts !== undefined ? { labelForCharts: json.label_for_charts } : {}),
    ...(json.is_null_level !== undefined ? { isNullLevel: json.is_null_level } : {}),
    ...(json.m_probability !== undefined ? { mProbability: json.m_probability } : {}),
    ...(json.u_probability !== undefined ? { uProbability: json.u_probability } : {}),
    ...(json.tf_adjustment_column !== undefined ? { tfAdjustmentColumn: json.tf_adjustment_column } : {}),
    ...(json.tf_adjustment_weight !== undefined ? { tfAdjustmentWeight: json.tf_adjustment_weight } : {}),
    ...(json.tf_minimum_u_value !== undefined ? { tfMinimumUValue: json.tf_minimum_u_value } : {}),
    ...(json.fix_m_probability !== undefined ? { fixMProbability: json.fix_m_probability } : {}),
    ...(json.fix_u_probability !== undefined ? { fixUProbability: json.fix_u_probability } : {})
  })
}
