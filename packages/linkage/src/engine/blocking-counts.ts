/**
 * How many pairs blocking rules make, after splink's blocking_analysis.py: the pairs each rule adds
 * (post-filter, after earlier rules), the running total, and the pre-filter count of the rule's
 * equi-join keys alone (Σ count_l·count_r over blocks), with the largest blocks.
 */
import type { BlockingRule } from "../settings/settings.js"
import { blockedPairsSql, blockingSides, diagnoseBlockingRules, isTwoDatasetLink, ruleSqls } from "./blocking.js"
import { type DuckDbSession, quoteIdentifier, quoteLiteral } from "./duckdb-session.js"
import type { Block, BlockingRuleCount } from "./engine-results.js"
import type { Input } from "./input.js"
import { equiJoinKeys, type EquiJoinKey, parseExpression } from "./sql-syntax.js"

/** The pairs each rule adds, by match key (rules that add none are absent). */
const pairsPerRule = async (session: DuckDbSession, input: Input, rules: ReadonlyArray<string>): Promise<ReadonlyMap<number, number>> => {
  const sides = blockingSides(input)
  try {
    const rows = await session.rows(`SELECT match_key, count(*) AS n FROM (${blockedPairsSql(sides, rules)}) GROUP BY match_key`)
    return new Map(rows.map((row) => [Number(row["match_key"]), Number(row["n"])]))
  } catch (error) {
    await diagnoseBlockingRules(session, sides, rules)
    throw error
  }
}

/** |union of the rules' pairs|: splink's cumulative count after the last rule. */
export const countPairsOfRules = async (session: DuckDbSession, input: Input, rules: ReadonlyArray<BlockingRule>): Promise<number> => {
  const perRule = await pairsPerRule(session, input, ruleSqls(rules))
  return [...perRule.values()].reduce((sum, n) => sum + n, 0)
}

/** The relations splink counts blocks in: both files for a two-dataset link, else all records twice. */
const preFilterTables = (input: Input): readonly [string, string] => {
  if (!isTwoDatasetLink(input)) return [quoteIdentifier(input.table), quoteIdentifier(input.table)]
  const side = (dataset: string) =>
    `(SELECT * FROM ${quoteIdentifier(input.table)} WHERE CAST(${quoteIdentifier(input.sourceDatasetColumn!)} AS VARCHAR) = ${quoteLiteral(dataset)})`
  return [side(input.sourceDatasets[0]!.name), side(input.sourceDatasets[1]!.name)]
}

/** splink's `_count_comparisons_from_blocking_rule_pre_filter_conditions_sqls`, as one query. */
const blockCountsSql = (input: Input, keys: ReadonlyArray<EquiJoinKey>): string => {
  const [l, r] = preFilterTables(input)
  const keyNames = keys.map((_key, index) => `key_${index}`)
  const side = (table: string, expressions: ReadonlyArray<string>, count: string) =>
    `SELECT ${expressions.map((expression, index) => `${expression} AS key_${index}`).join(", ")}, count(*) AS ${count} FROM ${table} GROUP BY ALL`
  return (
    `SELECT ${keyNames.join(", ")}, count_l, count_r, count_l * count_r AS block_count ` +
    `FROM (${side(l, keys.map((key) => key.l), "count_l")}) INNER JOIN (${side(r, keys.map((key) => key.r), "count_r")}) USING (${keyNames.join(", ")})`
  )
}

const preFilterCount = async (session: DuckDbSession, input: Input, keys: ReadonlyArray<EquiJoinKey>): Promise<number> => {
  if (keys.length === 0) {
    const [l, r] = preFilterTables(input)
    return (await session.count(`SELECT count(*) FROM ${l}`)) * (await session.count(`SELECT count(*) FROM ${r}`))
  }
  return session.count(`SELECT CAST(coalesce(sum(block_count), 0) AS DOUBLE) FROM (${blockCountsSql(input, keys)})`)
}

const largestBlocks = async (session: DuckDbSession, input: Input, keys: ReadonlyArray<EquiJoinKey>, limit: number): Promise<ReadonlyArray<Block>> => {
  if (keys.length === 0 || limit <= 0) return []
  const rows = await session.rows(
    `SELECT * FROM (${blockCountsSql(input, keys)}) ORDER BY block_count DESC, ${keys.map((_key, index) => `key_${index}`).join(", ")} LIMIT ${Math.trunc(limit)}`
  )
  return rows.map((row) => ({
    keys: keys.map((_key, index) => {
      const value = row[`key_${index}`]
      return value === null || value === undefined ? null : typeof value === "bigint" || typeof value === "number" ? Number(value) : String(value)
    }),
    countL: Number(row["count_l"]),
    countR: Number(row["count_r"]),
    blockCount: Number(row["block_count"])
  }))
}

export const blockingCounts = async (
  session: DuckDbSession,
  input: Input,
  rules: ReadonlyArray<BlockingRule>,
  largest: number
): Promise<ReadonlyArray<BlockingRuleCount>> => {
  const sqls = ruleSqls(rules)
  const perRule = await pairsPerRule(session, input, sqls)
  const counts: Array<BlockingRuleCount> = []
  let cumulative = 0
  for (const [matchKey, rule] of sqls.entries()) {
    const outcome = await parseExpression(session, rule)
    const keys = "parsed" in outcome ? await equiJoinKeys(session, outcome.parsed) : []
    const comparisons = perRule.get(matchKey) ?? 0
    cumulative += comparisons
    counts.push({
      rule,
      matchKey,
      comparisons,
      cumulativeComparisons: cumulative,
      preFilterComparisons: await preFilterCount(session, input, keys),
      equiJoinConditions: keys.map((key) => key.condition),
      ...(largest > 0 ? { largestBlocks: await largestBlocks(session, input, keys, largest) } : {})
    })
  }
  return counts
}
