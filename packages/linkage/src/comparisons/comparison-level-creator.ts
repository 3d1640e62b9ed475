/**
 * A comparison level before it joins a comparison: its SQL condition, its label and the options
 * splink's `.configure()` sets. After splink's comparison_level_creator.py; the JSON it turns into
 * is the one splink's `ComparisonLevel.as_dict()` writes into a saved model.
 */
import type { ComparisonLevel } from "../settings/settings.js"
import type { ColumnExpression } from "./column-expression.js"

/** splink's `ComparisonLevelCreator.configure(...)` keyword arguments, in camelCase. */
export interface LevelOptions {
  readonly mProbability?: number
  readonly uProbability?: number
  /** The input column whose term frequencies adjust this level; `null` switches TF off. */
  readonly tfAdjustmentColumn?: string | null
  readonly tfAdjustmentWeight?: number
  readonly tfMinimumUValue?: number
  readonly isNullLevel?: boolean
  readonly labelForCharts?: string
  readonly fixMProbability?: boolean
  readonly fixUProbability?: boolean
}

/** What a level is before configuration. */
export interface LevelDefinition {
  readonly sqlCondition: string
  readonly label: string
  readonly isNullLevel?: boolean
  /** Set by exact-match levels: a comparison's `termFrequencyAdjustments` applies to them when the
   * column is a plain column. */
  readonly exactMatchColumn?: ColumnExpression
  /** A custom level's label is the one `.configure()` sets, also inside And/Or/Not (as in splink). */
  readonly labelFollowsConfigure?: boolean
}

/** splink quotes these two column names when it writes `tf_adjustment_column` (InputColumn). */
const quoteIfSqlKeyword = (name: string): string => (name === "group" || name === "index" ? `"${name}"` : name)

export class ComparisonLevelCreator {
  constructor(
    private readonly definition: LevelDefinition,
    readonly options: LevelOptions = {}
  ) {}

  /** Options set here win over earlier ones; an option given as `undefined` goes back to its default. */
  configure(options: LevelOptions): ComparisonLevelCreator {
    return new ComparisonLevelCreator(this.definition, { ...this.options, ...options })
  }

  get sqlCondition(): string {
    return this.definition.sqlCondition
  }

  get isNullLevel(): boolean {
    return this.options.isNullLevel ?? this.definition.isNullLevel ?? false
  }

  get exactMatchColumn(): ColumnExpression | undefined {
    return this.definition.exactMatchColumn
  }

  get labelForCharts(): string {
    return this.options.labelForCharts ?? this.definition.label
  }

  /** The label And/Or/Not quote: splink uses the level's own label there, not a configured one,
   * except for custom levels whose label is the configured one. */
  get labelForComposition(): string {
    return this.definition.labelFollowsConfigure === true ? this.labelForCharts : this.definition.label
  }

  /** The level as settings JSON, keys in the order splink's `as_dict()` writes them. */
  toComparisonLevel(): ComparisonLevel {
    const options = this.options
    const isNullLevel = this.isNullLevel
    const label = this.labelForCharts
    const tfColumn = options.tfAdjustmentColumn ?? undefined
    return {
      sql_condition: this.sqlCondition,
      ...(label !== "" ? { label_for_charts: label } : {}),
      ...(!isNullLevel && options.mProbability !== undefined ? { m_probability: options.mProbability } : {}),
      ...(!isNullLevel && options.uProbability !== undefined ? { u_probability: options.uProbability } : {}),
      ...(options.fixMProbability !== undefined ? { fix_m_probability: options.fixMProbability } : {}),
      ...(options.fixUProbability !== undefined ? { fix_u_probability: options.fixUProbability } : {}),
      ...(tfColumn !== undefined
        ? {
            tf_adjustment_column: quoteIfSqlKeyword(tfColumn),
            ...(options.tfMinimumUValue !== undefined && options.tfMinimumUValue !== 0
              ? { tf_minimum_u_value: options.tfMinimumUValue }
              : {}),
            tf_adjustment_weight: options.tfAdjustmentWeight ?? 1
          }
        : {}),
      ...(isNullLevel ? { is_null_level: true } : {})
    }
  }
}
