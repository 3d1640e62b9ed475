/**
 * The argument checks splink's libraries make (validate_numeric_parameter and friends), as one-line
 * `LinkageInputError`s that name the function and column they came from.
 */
import { LinkageInputError } from "../errors.js"

/** `where` reads like the call: `jaroWinklerLevel("first_name")`. */
export const fail = (where: string, problem: string): never => {
  throw new LinkageInputError({ message: `${where}: ${problem}` })
}

export const requireNumberBetween = (
  where: string,
  parameter: string,
  value: number,
  lower: number,
  upper: number
): number => {
  if (typeof value !== "number" || Number.isNaN(value)) return fail(where, `${parameter} must be a number, got ${String(value)}`)
  if (value < lower || value > upper) {
    const range = upper === Number.POSITIVE_INFINITY ? `at least ${lower}` : `between ${lower} and ${upper}`
    return fail(where, `${parameter} must be ${range}, got ${value}`)
  }
  return value
}

export const requireFiniteNumber = (where: string, parameter: string, value: number): number =>
  typeof value === "number" && Number.isFinite(value)
    ? value
    : fail(where, `${parameter} must be a finite number, got ${String(value)}`)

export const requireOneOf = <A extends string>(
  where: string,
  parameter: string,
  value: string,
  allowed: ReadonlyArray<A>
): A =>
  (allowed as ReadonlyArray<string>).includes(value)
    ? (value as A)
    : fail(where, `${parameter} must be one of ${allowed.map((a) => `'${a}'`).join(", ")}, got '${value}'`)

/** splink's ensure_is_iterable: one value or several. */
export const asList = <A>(valueOrValues: A | ReadonlyArray<A>): ReadonlyArray<A> =>
  Array.isArray(valueOrValues) ? (valueOrValues as ReadonlyArray<A>) : [valueOrValues as A]
