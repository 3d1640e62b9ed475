/**
 * @liner/linkage: a Fellegi–Sunter record-linkage engine with splink's semantics and model files,
 * on DuckDB. Settings and models are splink's JSON; comparisons can be written in code with the
 * comparison library; training, prediction, evaluation and charts follow splink's numbers.
 */
export * from "./charts/index.js"
export * from "./comparisons/index.js"
export * from "./engine/index.js"
export * from "./errors.js"
export * from "./files/index.js"
export * from "./run/index.js"
export * from "./scoring/index.js"
export {
  type BlockingRule,
  blockingRuleSql,
  type Comparison,
  type ComparisonLevel,
  decodeSettings,
  encodeSettings,
  type LinkType,
  Settings,
  settingsDefaults
} from "./settings/settings.js"
export * from "./training/index.js"
