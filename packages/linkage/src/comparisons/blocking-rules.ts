/**
 * Blocking rules as splink's blocking_rule_library.py renders them for DuckDB: `blockOn("first_name",
 * "surname")` is `(l."first_name" = r."first_name") AND (l."surname" = r."surname")`. A rule is its
 * SQL text, which settings (`blocking_rules_to_generate_predictions`) and training plans take as is.
 */
import { ColumnExpression, type ColumnInput } from "./column-expression.js"
import { fail } from "./parameter-checks.js"

/** `l."x" = r."x"` (transforms applied to both sides). */
const exactMatchRule = (column: ColumnInput): string => {
  const expression = ColumnExpression.of(column)
  return `${expression.lName} = ${expression.rName}`
}

/** Pairs that agree exactly on every given column; several columns are joined with AND. */
export const blockOn = (...columns: ReadonlyArray<ColumnInput>): string => {
  const [only, ...rest] = columns
  if (only === undefined) return fail("blockOn", "give at least one column")
  return rest.length === 0 ? exactMatchRule(only) : andRule(...columns.map(exactMatchRule))
}

/** A rule written in SQL over `l.` and `r.`, e.g. `l.surname = r.surname AND l.dob > '1990'`. */
export const customRule = (blockingRule: string): string =>
  blockingRule.trim() === "" ? fail("customRule", "the blocking rule is empty") : blockingRule

const merge = (clause: "AND" | "OR", rules: ReadonlyArray<string>): string =>
  rules.length === 0
    ? fail(`${clause.toLowerCase()}Rule`, "give at least one blocking rule")
    : rules.map((rule) => `(${rule})`).join(` ${clause} `)

/** `(a) AND (b) …` (splink's `brl.And`). */
export const andRule = (...rules: ReadonlyArray<string>): string => merge("AND", rules)

/** `(a) OR (b) …` (splink's `brl.Or`). */
export const orRule = (...rules: ReadonlyArray<string>): string => merge("OR", rules)

/** `NOT (a)` (splink's `brl.Not`). */
export const notRule = (rule: string): string => `NOT (${rule})`
