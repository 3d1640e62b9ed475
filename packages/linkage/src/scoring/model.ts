/**
 * A settings file read as a Fellegi–Sunter model: per comparison its levels by γ, each with its
 * effective m and u (splink's starting values when absent) and the term-frequency adjustment it
 * makes. After splink's comparison.py and comparison_level.py.
 */
import { Either } from "effect"
import { LinkageInputError } from "../errors.js"
import type { ComparisonLevel, Settings } from "../settings/settings.js"
import { settingsDefaults } from "../settings/settings.js"
import { conditionColumns, exactMatchColumns } from "./sql-columns.js"

/** How a level adjusts its weight by the term frequency of the pair's value. */
export interface TfAdjustment {
  /** The column whose term frequency is used (as the settings name it). */
  readonly column: string
  readonly weight: number
  readonly minimumU: number
  /** γ of the level whose u is the "u of an exact match" in w·(log2 u_exact − log2 tf). */
  readonly exactGamma: number
}

export interface LevelModel {
  /** Position in the comparison's `comparison_levels`. */
  readonly levelIndex: number
  /** −1 for the null level, else n−1 … 0 in listed order. */
  readonly gamma: number
  readonly label: string
  readonly sqlCondition: string
  readonly isNull: boolean
  readonly isElse: boolean
  /** m and u as the settings give them (undefined: not given). */
  readonly m: number | undefined
  readonly u: number | undefined
  /** splink's starting values for this γ, used while m / u are undefined. */
  readonly defaultM: number
  readonly defaultU: number
  readonly fixM: boolean
  readonly fixU: boolean
  /** The TF column the level names, whether or not it adjusts (weight 0 and ELSE do not). */
  readonly tfColumn: string | undefined
  /** Present when the level adjusts its weight by term frequency. */
  readonly tf: TfAdjustment | undefined
  /** Exact-match columns when the level is `x_l = x_r [AND …]`. */
  readonly exactColumns: ReadonlyArray<string> | undefined
}

export interface ComparisonModel {
  readonly index: number
  readonly name: string
  readonly description: string
  /** All levels in listed order. */
  readonly levels: ReadonlyArray<LevelModel>
  /** The non-null levels indexed by γ (0 = the last listed). */
  readonly byGamma: ReadonlyArray<LevelModel>
  /** TF columns of the levels that adjust, deduplicated. */
  readonly tfColumns: ReadonlyArray<string>
  /** The columns the levels' conditions use. */
  readonly columns: ReadonlyArray<string>
}

export interface Model {
  readonly lambda: number
  readonly comparisons: ReadonlyArray<ComparisonModel>
}

/** splink's `_default_m_values`, by γ: 0.05 / (n−1) for each lower level, 0.95 for the top. */
export const defaultMValues = (n: number): Array<number> => {
  const top = 0.95
  const split = (1 - top) / (n - 1)
  return [...Array.from({ length: n - 1 }, () => split), top]
}

/** splink's `_default_u_values`: m / 2^w, w from −5 to 3 over the lower levels, then 10. */
export const defaultUValues = (n: number): Array<number> => {
  const m = defaultMValues(n)
  const weights = n === 2 ? [-5] : interpolate(-5, 3, n - 1)
  weights.push(10)
  return m.map((mi, i) => mi / Math.pow(2, weights[i]!))
}

const interpolate = (start: number, end: number, count: number): Array<number> => {
  const step = (end - start) / (count - 1)
  return Array.from({ length: count }, (_, i) => start + i * step)
}

/** Where a settings file leaves m or u out, the level starts from splink's defaults. */
export const effectiveM = (level: LevelModel): number => level.m ?? level.defaultM
export const effectiveU = (level: LevelModel): number => level.u ?? level.defaultU

const isElse = (condition: string): boolean => condition.trim().toUpperCase() === "ELSE"

const levelName = (comparison: string, level: ComparisonLevel, index: number): string =>
  `comparison "${comparison}", level ${index} ("${level.label_for_charts ?? level.sql_condition}")`

const checkProbability = (
  value: number | undefined,
  key: string,
  where: string
): LinkageInputError | undefined =>
  value === undefined || (Number.isFinite(value) && value >= 0 && value <= 1)
    ? undefined
    : new LinkageInputError({ message: `${where}: ${key} must be a probability between 0 and 1, got ${value}` })

/** splink's `disable_tf_exact_match_detection` (an extra key we keep): the level's own u is u_exact. */
const disablesExactMatchDetection = (level: ComparisonLevel): boolean =>
  (level as { readonly disable_tf_exact_match_detection?: unknown }).disable_tf_exact_match_detection === true

/** Read a settings file as a model. Bad parameters or a TF level without its exact level → input error. */
export const compileModel = (settings: Settings): Either.Either<Model, LinkageInputError> => {
  const lambda = settings.probability_two_random_records_match ?? settingsDefaults.probability_two_random_records_match
  if (!(Number.isFinite(lambda) && lambda > 0 && lambda < 1)) {
    return Either.left(
      new LinkageInputError({
        message: `probability_two_random_records_match must be strictly between 0 and 1, got ${lambda}`
      })
    )
  }
  const comparisons: Array<ComparisonModel> = []
  for (const [index, comparison] of settings.comparisons.entries()) {
    const compiled = compileComparison(index, comparison)
    if (Either.isLeft(compiled)) return Either.left(compiled.left)
    comparisons.push(compiled.right)
  }
  return Either.right({ lambda, comparisons })
}

const compileComparison = (
  index: number,
  comparison: Settings["comparisons"][number]
): Either.Either<ComparisonModel, LinkageInputError> => {
  const name = comparison.output_column_name
  const levels = comparison.comparison_levels
  const n = levels.filter((level) => level.is_null_level !== true).length
  if (n < 1) {
    return Either.left(new LinkageInputError({ message: `comparison "${name}" has no non-null level` }))
  }
  const defaultM = defaultMValues(n)
  const defaultU = defaultUValues(n)
  // splink's default for a single-level comparison divides by zero; that level holds every pair.
  if (n === 1) {
    defaultM[0] = 1
    defaultU[0] = 1
  }

  // First pass: γ and exact-match columns, which TF lookups need.
  let counter = n
  const gammas = levels.map((level) => (level.is_null_level === true ? -1 : --counter))
  const exact = levels.map((level) => exactMatchColumns(level.sql_condition))

  const compiled: Array<LevelModel> = []
  for (const [levelIndex, level] of levels.entries()) {
    const where = levelName(name, level, levelIndex)
    const badM = checkProbability(level.m_probability, "m_probability", where)
    if (badM !== undefined) return Either.left(badM)
    const badU = checkProbability(level.u_probability, "u_probability", where)
    if (badU !== undefined) return Either.left(badU)

    const gamma = gammas[levelIndex]!
    const isNull = gamma === -1
    const tfColumn = level.tf_adjustment_column ?? undefined
    const weight = level.tf_adjustment_weight ?? 1
    let tf: TfAdjustment | undefined
    if (tfColumn !== undefined && tfColumn !== "" && !isNull && weight !== 0 && !isElse(level.sql_condition)) {
      let exactGamma: number | undefined
      if (disablesExactMatchDetection(level)) {
        exactGamma = gamma
      } else {
        const wanted = tfColumn.replace(/^"|"$/g, "").toLowerCase()
        const found = levels.findIndex((_, i) => exact[i]?.length === 1 && exact[i]![0] === wanted)
        if (found >= 0 && gammas[found]! >= 0) exactGamma = gammas[found]!
      }
      if (exactGamma === undefined) {
        return Either.left(
          new LinkageInputError({
            message: `${where}: term-frequency adjustment on "${tfColumn}" needs an exact-match level on ${tfColumn} in the same comparison`
          })
        )
      }
      tf = { column: tfColumn, weight, minimumU: level.tf_minimum_u_value ?? 0, exactGamma }
    }
    compiled.push({
      levelIndex,
      gamma,
      label: level.label_for_charts ?? String(gamma),
      sqlCondition: level.sql_condition,
      isNull,
      isElse: isElse(level.sql_condition),
      m: level.m_probability,
      u: level.u_probability,
      defaultM: defaultM[gamma >= 0 ? gamma : n - 1]!,
      defaultU: defaultU[gamma >= 0 ? gamma : n - 1]!,
      fixM: level.fix_m_probability === true,
      fixU: level.fix_u_probability === true,
      tfColumn,
      tf,
      exactColumns: exact[levelIndex]
    })
  }
  const byGamma: Array<LevelModel> = []
  for (const level of compiled) if (!level.isNull) byGamma[level.gamma] = level
  const tfColumns = [...new Set(compiled.flatMap((level) => (level.tf ? [level.tf.column] : [])))]
  return Either.right({
    index,
    name,
    description: comparison.comparison_description ?? name,
    levels: compiled,
    byGamma,
    tfColumns,
    columns: [...new Set(levels.flatMap((level) => conditionColumns(level.sql_condition)))]
  })
}
