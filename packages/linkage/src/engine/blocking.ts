/**
 * Blocked pairs, after splink's blocking.py (`block_using_rules_sqls`): each rule an inner join of
 * `l` and `r` on the rule's SQL, the link type's where-condition, and later rules leaving out the
 * pairs earlier rules made (`AND NOT (coalesce((earlier), false) OR …)`).
 */
import { LinkageInputError } from "../errors.js"
import { blockingRuleSql, type BlockingRule } from "../settings/settings.js"
import { type DuckDbSession, quoteIdentifier, quoteLiteral } from "./duckdb-session.js"
import type { Input } from "./input.js"
import { ROW } from "./load-input.js"

/** The two relations joined as `l` and `r`, and the link type's where-condition. */
export interface BlockingSides {
  readonly l: string
  readonly r: string
  readonly where: string
}

/** splink's `_composite_unique_id_from_nodes_sql`: `l."source_dataset" || '-__-' || l."unique_id"`. */
const compositeId = (input: Input, alias: string): string =>
  input.sourceDatasetColumn === undefined
    ? `${alias}.${quoteIdentifier(input.uniqueIdColumn)}`
    : `${alias}.${quoteIdentifier(input.sourceDatasetColumn)} || '-__-' || ${alias}.${quoteIdentifier(input.uniqueIdColumn)}`

/** Whether splink takes its two-dataset shortcut: link_only over exactly two files, left file on the left. */
export const isTwoDatasetLink = (input: Input): boolean =>
  input.linkType === "link_only" && input.files.length === 2 && input.sourceDatasets.length === 2

const datasetRelation = (input: Input, table: string, dataset: string): string =>
  `(SELECT * FROM ${quoteIdentifier(table)} WHERE CAST(${quoteIdentifier(input.sourceDatasetColumn!)} AS VARCHAR) = ${quoteLiteral(dataset)})`

/** splink's `_sql_gen_where_condition` and its choice of input tables, over `table` (the records by default). */
export const blockingSides = (input: Input, table: string = input.table): BlockingSides => {
  if (isTwoDatasetLink(input)) {
    return {
      l: datasetRelation(input, table, input.sourceDatasets[0]!.name),
      r: datasetRelation(input, table, input.sourceDatasets[1]!.name),
      where: "1=1"
    }
  }
  const relation = quoteIdentifier(table)
  const ordered = `${compositeId(input, "l")} < ${compositeId(input, "r")}`
  const where =
    input.linkType === "link_only"
      ? `${ordered} AND l.${quoteIdentifier(input.sourceDatasetColumn!)} != r.${quoteIdentifier(input.sourceDatasetColumn!)}`
      : ordered
  return { l: relation, r: relation, where }
}

/** No rules means every pair, as splink's `1=1` stand-in. */
export const ruleSqls = (rules: ReadonlyArray<BlockingRule>): ReadonlyArray<string> =>
  rules.length === 0 ? ["1=1"] : rules.map(blockingRuleSql)

/** One rule's pairs (`match_key`, `rl`, `rr`), leaving out those of the rules before it. */
const rulePairsSql = (sides: BlockingSides, rules: ReadonlyArray<string>, index: number): string => {
  const earlier = rules.slice(0, index).map((rule) => `coalesce((${rule}), false)`)
  const exclusion = earlier.length === 0 ? "" : ` AND NOT (${earlier.join(" OR ")})`
  return (
    `SELECT ${index} AS match_key, l.${ROW} AS rl, r.${ROW} AS rr FROM ${sides.l} AS l INNER JOIN ${sides.r} AS r ` +
    `ON (${rules[index]}) WHERE ${sides.where}${exclusion}`
  )
}

/** Every rule's pairs, each pair once (the first rule that makes it owns it). */
export const blockedPairsSql = (sides: BlockingSides, rules: ReadonlyArray<string>): string =>
  rules.map((_rule, index) => rulePairsSql(sides, rules, index)).join("\nUNION ALL\n")

/** When a blocking query fails: the first rule DuckDB rejects on its own, as bad input. */
export const diagnoseBlockingRules = async (session: DuckDbSession, sides: BlockingSides, rules: ReadonlyArray<string>): Promise<void> => {
  for (const rule of rules) {
    const problem = await session.prepareError(
      `SELECT 1 FROM ${sides.l} AS l INNER JOIN ${sides.r} AS r ON (${rule}) WHERE ${sides.where} LIMIT 0`
    )
    if (problem !== undefined) throw new LinkageInputError({ message: `blocking rule "${rule}": ${problem}` })
  }
  for (const rule of rules) {
    const problem = await session.runError(
      `SELECT count(*) FROM ${sides.l} AS l INNER JOIN ${sides.r} AS r ON (${rule}) WHERE ${sides.where}`
    )
    if (problem !== undefined) throw new LinkageInputError({ message: `blocking rule "${rule}": ${problem}` })
  }
}

/**
 * Materialises the pairs as a table `(match_key, rl, rr)` ordered by rule, then left record, then
 * right record (DuckDB's join order varies between runs; ours does not). A pair's index is its
 * `rowid`: DuckDB keeps a CREATE TABLE … ORDER BY in that order.
 */
export const createPairsTable = async (session: DuckDbSession, pairsSql: string): Promise<{ table: string; pairCount: number }> => {
  const table = session.freshTable("pairs")
  await session.run(`CREATE TABLE ${quoteIdentifier(table)} AS SELECT match_key, rl, rr FROM (${pairsSql}) ORDER BY match_key, rl, rr`)
  return { table, pairCount: await session.count(`SELECT count(*) FROM ${quoteIdentifier(table)}`) }
}
