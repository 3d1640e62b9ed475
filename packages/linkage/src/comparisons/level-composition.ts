/**
 * Levels made of other levels: AND, OR, NOT of their conditions. After splink's
 * comparison_level_composition.py (`cll.And`, `cll.Or`, `cll.Not`).
 */
import { ComparisonLevelCreator } from "./comparison-level-creator.js"
import { type LevelInput, toLevelCreator } from "./level-input.js"
import { fail } from "./parameter-checks.js"

const merge = (clause: "AND" | "OR", levels: ReadonlyArray<LevelInput>): ComparisonLevelCreator => {
  if (levels.length === 0) return fail(`${clause.toLowerCase()}Level`, "give at least one level")
  const creators = levels.map(toLevelCreator)
  return new ComparisonLevelCreator({
    sqlCondition: creators.map((level) => `(${level.sqlCondition})`).join(` ${clause} `),
    label: creators.map((level) => `(${level.labelForComposition})`).join(` ${clause} `),
    // A merge of NULL levels is a NULL level (both names missing, say).
    isNullLevel: creators.every((level) => level.isNullLevel)
  })
}

/** `(a) AND (b) …` */
export const andLevel = (...levels: ReadonlyArray<LevelInput>): ComparisonLevelCreator => merge("AND", levels)

/** `(a) OR (b) …` */
export const orLevel = (...levels: ReadonlyArray<LevelInput>): ComparisonLevelCreator => merge("OR", levels)

/** `NOT (a)`; the negation of a NULL level is not a NULL level. */
export const notLevel = (level: LevelInput): ComparisonLevelCreator => {
  const creator = toLevelCreator(level)
  return new ComparisonLevelCreator({
    sqlCondition: `NOT (${creator.sqlCondition})`,
    label: `NOT (${creator.labelForComposition})`
  })
}
