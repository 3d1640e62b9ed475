/**
 * The pairs a labels file names, after splink's block_from_labels.py, lower_id_on_lhs.py and
 * accuracy.py: each label's records joined (the lower id on the left), and whether any blocking
 * rule would have generated the pair (`found_by_blocking_rules`; splink scores the others −999).
 */
import { LinkageInputError } from "../errors.js"
import type { BlockingRule } from "../settings/settings.js"
import { ruleSqls } from "./blocking.js"
import { stageCsv } from "./csv-table.js"
import { type DuckDbSession, quoteIdentifier } from "./duckdb-session.js"
import type { Input } from "./input.js"
import { ROW } from "./load-input.js"

export interface LabelledPairsTable {
  /** `(match_key, rl, rr, found_by_blocking_rules, clerical_match_score)`, rows in the file's order. */
  readonly table: string
  readonly pairCount: number
  readonly unmatchedLabels: number
}

/** `id` (text from the labels file) in the type of the records' column, as pandas would have read it. */
const typedId = (input: Input, column: string, sql: string): string => {
  const type = input.columns.find((candidate) => candidate.name === column)?.type ?? "VARCHAR"
  return type === "VARCHAR" ? sql : `TRY_CAST(trim(${sql}) AS ${type})`
}

/** splink's composite id for orientation: `concat(source_dataset, '-__-', unique_id)` when linking. */
const orientationKey = (input: Input, alias: string): string => {
  const uid = `${alias}.${quoteIdentifier(input.uniqueIdColumn)}`
  return input.sourceDatasetColumn === undefined ? uid : `concat(${alias}.${quoteIdentifier(input.sourceDatasetColumn)}, '-__-', ${uid})`
}

export const createLabelledPairsTable = async (
  session: DuckDbSession,
  input: Input,
  labelsFile: string,
  blockingRules: ReadonlyArray<BlockingRule>
): Promise<LabelledPairsTable> => {
  const staged = await stageCsv(session, labelsFile, "labels file")
  try {
    const idColumns = [input.uniqueIdColumn, ...(input.sourceDatasetColumn === undefined ? [] : [input.sourceDatasetColumn])]
    const required = [...idColumns.flatMap((column) => [`${column}_l`, `${column}_r`]), "clerical_match_score"]
    for (const column of required) {
      if (!staged.columns.some((name) => name.toLowerCase() === column.toLowerCase())) {
        throw new LinkageInputError({ message: `labels file ${labelsFile} has no column "${column}"` })
      }
    }
    const labels = quoteIdentifier(staged.table)
    const badScore = await session.rows(
      `SELECT rowid + 2 AS line, clerical_match_score AS score FROM ${labels} ` +
        `WHERE TRY_CAST(trim(clerical_match_score) AS DOUBLE) IS NULL ORDER BY rowid LIMIT 1`
    )
    if (badScore[0] !== undefined) {
      throw new LinkageInputError({
        message: `labels file ${labelsFile}, line ${String(badScore[0]["line"])}: clerical_match_score "${String(badScore[0]["score"] ?? "")}" is not a number`
      })
    }
    const records = quoteIdentifier(input.table)
    const joinOn = (alias: string, side: "l" | "r") =>
      idColumns.map((column) => `${alias}.${quoteIdentifier(column)} = ${typedId(input, column, `lab.${quoteIdentifier(`${column}_${side}`)}`)}`).join(" AND ")
    const rules = ruleSqls(blockingRules).map((rule) => `coalesce((${rule}), false)`)
    const found = blockingRules.length === 0 ? "true" : rules.join(" OR ")
    const table = session.freshTable("labelled_pairs")
    // Orient first (lower id on the left), then evaluate the rules on the oriented pair as splink does.
    await session.run(
      `CREATE TABLE ${quoteIdentifier(table)} AS ` +
        `WITH matched AS (SELECT lab.rowid AS label_row, a.${ROW} AS ra, b.${ROW} AS rb, ${orientationKey(input, "a")} < ${orientationKey(input, "b")} AS a_first, ` +
        `CAST(trim(lab.clerical_match_score) AS DOUBLE) AS clerical_match_score FROM ${labels} AS lab ` +
        `INNER JOIN ${records} AS a ON ${joinOn("a", "l")} INNER JOIN ${records} AS b ON ${joinOn("b", "r")}), ` +
        `oriented AS (SELECT label_row, CASE WHEN a_first THEN ra ELSE rb END AS rl, CASE WHEN a_first THEN rb ELSE ra END AS rr, clerical_match_score FROM matched) ` +
        `SELECT 0 AS match_key, o.rl, o.rr, (${found}) AS found_by_blocking_rules, o.clerical_match_score ` +
        `FROM oriented AS o INNER JOIN ${records} AS l ON l.${ROW} = o.rl INNER JOIN ${records} AS r ON r.${ROW} = o.rr ORDER BY o.label_row`
    )
    const pairCount = await session.count(`SELECT count(*) FROM ${quoteIdentifier(table)}`)
    const labelCount = await session.count(`SELECT count(*) FROM ${labels}`)
    return { table, pairCount, unmatchedLabels: labelCount - pairCount }
  } finally {
    await session.dropTable(staged.table)
  }
}

/** The per-pair extras of a labelled-pairs table, in pair order. */
export const readLabelExtras = async (
  session: DuckDbSession,
  table: string,
  pairCount: number
): Promise<{ readonly foundByBlockingRules: Uint8Array; readonly clericalMatchScore: Float64Array }> => {
  const foundByBlockingRules = new Uint8Array(pairCount)
  const clericalMatchScore = new Float64Array(pairCount)
  const rows = await session.rows(
    `SELECT rowid AS pair_index, found_by_blocking_rules AS found, clerical_match_score AS score FROM ${quoteIdentifier(table)}`
  )
  for (const row of rows) {
    const index = Number(row["pair_index"])
    foundByBlockingRules[index] = row["found"] === true ? 1 : 0
    clericalMatchScore[index] = Number(row["score"])
  }
  return { foundByBlockingRules, clericalMatchScore }
}
