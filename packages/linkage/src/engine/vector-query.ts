/**
 * γ vectors of a table of pairs, after splink's comparison_vector_values.py: the pair's records
 * joined as `<col>_l` / `<col>_r` (with `tf_<col>_l` / `tf_<col>_r`), each comparison's CASE
 * evaluated by DuckDB, and the result read column by column, chunk by chunk, into typed arrays.
 */
import type { DuckDBDataChunk } from "@duckdb/node-api"
import { LinkageInputError } from "../errors.js"
import type { Comparison, Settings } from "../settings/settings.js"
import { gammaSql, isElseLevel, NO_LEVEL_MATCHED, termFrequencyColumnName, termFrequencyColumnsOf } from "./comparison-sql.js"
import type { ComparisonColumn, ComparisonVectors, PairIds } from "./comparison-vectors.js"
import { type DuckDbSession, firstLineOf, quoteIdentifier } from "./duckdb-session.js"
import type { Input } from "./input.js"
import { ROW } from "./load-input.js"
import { describeLevel } from "./settings-columns.js"

/** Items of a DuckDB vector, whatever its type (the typed vectors all have `getItem`). */
interface Items<T> {
  getItem(index: number): T | null
}

const itemsOf = <T>(chunk: DuckDBDataChunk, column: number): Items<T> => chunk.getColumnVector(column) as unknown as Items<T>

/**
 * `SELECT pair_index, <col>_l, <col>_r, … FROM pairs JOIN records l JOIN records r`: the relation
 * splink calls `blocked_with_cols`, over every column of the records. A pairs table has `rl`, `rr`
 * (record positions) and its rows in pair order.
 */
export const pairColumnsSql = (input: Input, pairsTable: string, tableColumns: ReadonlyArray<string>): string => {
  const selected = tableColumns
    .filter((column) => column !== ROW)
    .flatMap((column) => [
      `l.${quoteIdentifier(column)} AS ${quoteIdentifier(`${column}_l`)}`,
      `r.${quoteIdentifier(column)} AS ${quoteIdentifier(`${column}_r`)}`
    ])
  const records = quoteIdentifier(input.table)
  return (
    `SELECT CAST(p.rowid AS INTEGER) AS pair_index, p.rl AS __linkage_rl, p.rr AS __linkage_rr, ${selected.join(", ")} FROM ${quoteIdentifier(pairsTable)} AS p ` +
    `INNER JOIN ${records} AS l ON l.${ROW} = p.rl INNER JOIN ${records} AS r ON r.${ROW} = p.rr`
  )
}

/** splink's greatest(coalesce(tf_l, tf_r), coalesce(tf_r, tf_l)); NaN where both are NULL. */
const termFrequencySql = (column: string): string => {
  const l = quoteIdentifier(`${termFrequencyColumnName(column)}_l`)
  const r = quoteIdentifier(`${termFrequencyColumnName(column)}_r`)
  return `coalesce(greatest(coalesce(${l}, ${r}), coalesce(${r}, ${l})), 'NaN'::DOUBLE)`
}

/** When the vector query fails: the first level (or comparison) DuckDB rejects, as bad input. */
const diagnoseComparisons = async (session: DuckDbSession, comparisons: ReadonlyArray<Comparison>, relation: string): Promise<void> => {
  for (const mode of ["prepare", "run"] as const) {
    for (const comparison of comparisons) {
      for (const [index, level] of comparison.comparison_levels.entries()) {
        if (isElseLevel(level)) continue
        const problem =
          mode === "prepare"
            ? await session.prepareError(`SELECT (${level.sql_condition}) FROM (${relation}) LIMIT 0`)
            : await session.runError(`SELECT bool_or((${level.sql_condition})) FROM (${relation})`)
        if (problem !== undefined) throw new LinkageInputError({ message: `${describeLevel(comparison, index)}: ${problem}` })
      }
      const problem =
        mode === "prepare"
          ? await session.prepareError(`SELECT ${gammaSql(comparison)} FROM (${relation}) LIMIT 0`)
          : await session.runError(`SELECT max(${gammaSql(comparison)}) FROM (${relation})`)
      if (problem !== undefined) throw new LinkageInputError({ message: `comparison "${comparison.output_column_name}": ${problem}` })
    }
  }
}

/** Reads the γ vectors (and ids when asked) of every pair of `pairsTable`, in pair-index order. */
export const readComparisonVectors = async (
  session: DuckDbSession,
  input: Input,
  settings: Settings,
  tableColumns: ReadonlyArray<string>,
  pairs: { readonly table: string; readonly pairCount: number },
  withIds: boolean
): Promise<ComparisonVectors> => {
  const comparisons = settings.comparisons
  for (const comparison of comparisons) {
    if (comparison.comparison_levels.length > 120) {
      throw new LinkageInputError({ message: `comparison "${comparison.output_column_name}" has more than 120 levels` })
    }
  }
  const tfColumns = comparisons.map(termFrequencyColumnsOf)
  const relation = pairColumnsSql(input, pairs.table, tableColumns)
  const selected = [
    "pair_index",
    ...comparisons.map(gammaSql),
    ...tfColumns.flatMap((columns) => columns.map(termFrequencySql)),
    ...(withIds ? ["__linkage_rl", "__linkage_rr"] : [])
  ]
  const sql = `SELECT ${selected.join(",\n")} FROM (${relation}) AS pair_columns`

  const n = pairs.pairCount
  const gammas = comparisons.map(() => new Int8Array(n))
  const tfs = tfColumns.map((columns) => columns.map(() => new Float64Array(n)))
  // Ids are read as record positions, then looked up: one string per record, not two per pair.
  const records = withIds ? ([new Int32Array(n), new Int32Array(n)] as const) : []
  let read = 0
  try {
    const result = await session.connection.stream(sql)
    for (;;) {
      const chunk = await result.fetchChunk()
      if (chunk === null || chunk.rowCount === 0) break
      const rows = chunk.rowCount
      const indexItems = itemsOf<number>(chunk, 0)
      const at = new Int32Array(rows)
      for (let i = 0; i < rows; i++) at[i] = indexItems.getItem(i)!
      let column = 1
      for (const gamma of gammas) {
        const items = itemsOf<number>(chunk, column++)
        for (let i = 0; i < rows; i++) gamma[at[i]!] = items.getItem(i)!
      }
      for (const perComparison of tfs) {
        for (const tf of perComparison) {
          const items = itemsOf<number>(chunk, column++)
          for (let i = 0; i < rows; i++) tf[at[i]!] = items.getItem(i)!
        }
      }
      for (const side of records) {
        const items = itemsOf<number>(chunk, column++)
        for (let i = 0; i < rows; i++) side[at[i]!] = items.getItem(i)!
      }
      read += rows
    }
  } catch (error) {
    await diagnoseComparisons(session, comparisons, relation)
    throw new Error(`cannot compute the comparison vectors: ${firstLineOf(error)}`, { cause: error })
  }
  if (read !== n) throw new Error(`read ${read} comparison vectors of ${n} pairs`)

  await checkEveryPairHasALevel(session, input, comparisons, gammas, pairs.table)
  const columns: Array<ComparisonColumn> = comparisons.map((comparison, index) => ({
    name: comparison.output_column_name,
    gamma: gammas[index]!,
    tf: new Map(tfColumns[index]!.map((column, j) => [column, tfs[index]![j]!]))
  }))
  const [rowL, rowR] = records
  return { pairCount: n, comparisons: columns, ...(rowL && rowR ? { pairs: await pairIdsOf(session, input, rowL, rowR) } : {}) }
}

/** Each record's id (and source dataset) as text, by record position. */
const recordIds = async (session: DuckDbSession, input: Input, column: string): Promise<ReadonlyArray<string>> => {
  const ids = new Array<string>(input.recordCount)
  const result = await session.connection.stream(
    `SELECT ${ROW}, CAST(${quoteIdentifier(column)} AS VARCHAR) FROM ${quoteIdentifier(input.table)}`
  )
  for (;;) {
    const chunk = await result.fetchChunk()
    if (chunk === null || chunk.rowCount === 0) break
    const rows = itemsOf<number>(chunk, 0)
    const values = itemsOf<string>(chunk, 1)
    for (let i = 0, count = chunk.rowCount; i < count; i++) ids[rows.getItem(i)!] = values.getItem(i) ?? ""
  }
  return ids
}

const pairIdsOf = async (session: DuckDbSession, input: Input, rowL: Int32Array, rowR: Int32Array): Promise<PairIds> => {
  const lookUp = (ids: ReadonlyArray<string>, rows: Int32Array): Array<string> => {
    const found = new Array<string>(rows.length)
    for (let i = 0; i < rows.length; i++) found[i] = ids[rows[i]!]!
    return found
  }
  const uniqueIds = await recordIds(session, input, input.uniqueIdColumn)
  const pairIds = { uniqueIdL: lookUp(uniqueIds, rowL), uniqueIdR: lookUp(uniqueIds, rowR) }
  if (input.sourceDatasetColumn === undefined) return pairIds
  const datasets = await recordIds(session, input, input.sourceDatasetColumn)
  return { ...pairIds, sourceDatasetL: lookUp(datasets, rowL), sourceDatasetR: lookUp(datasets, rowR) }
}

/** A comparison without an ELSE level may leave a pair with no γ: name the first such pair. */
const checkEveryPairHasALevel = async (
  session: DuckDbSession,
  input: Input,
  comparisons: ReadonlyArray<Comparison>,
  gammas: ReadonlyArray<Int8Array>,
  pairsTable: string
): Promise<void> => {
  for (const [index, gamma] of gammas.entries()) {
    const pairIndex = gamma.indexOf(NO_LEVEL_MATCHED)
    if (pairIndex < 0) continue
    const uid = quoteIdentifier(input.uniqueIdColumn)
    const [row] = await session.rows(
      `SELECT CAST(l.${uid} AS VARCHAR) AS l, CAST(r.${uid} AS VARCHAR) AS r FROM ${quoteIdentifier(pairsTable)} AS p ` +
        `JOIN ${quoteIdentifier(input.table)} AS l ON l.${ROW} = p.rl JOIN ${quoteIdentifier(input.table)} AS r ON r.${ROW} = p.rr ` +
        `WHERE p.rowid = ${pairIndex}`
    )
    throw new LinkageInputError({
      message:
        `comparison "${comparisons[index]!.output_column_name}": the pair ${String(row?.["l"])}, ${String(row?.["r"])} matches none of its levels ` +
        `(add an ELSE level)`
    })
  }
}
