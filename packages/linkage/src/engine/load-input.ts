/**
 * One table of records from the data files, after splink's vertically_concatenate.py: files
 * stacked in order, a `source_dataset` column (the file's base name) when linking several files,
 * pandas-like column types, and the settings' TF columns computed over everything.
 */
import { basename, extname } from "node:path"
import { LinkageInputError } from "../errors.js"
import { type Settings, settingsDefaults } from "../settings/settings.js"
import { termFrequencyColumnsOf } from "./comparison-sql.js"
import { inferColumnTypes, stageCsv, type StagedCsv, typedColumnSql } from "./csv-table.js"
import { type DuckDbSession, quoteIdentifier, quoteLiteral } from "./duckdb-session.js"
import type { Input, InputColumn, SourceDataset } from "./input.js"
import { checkSettingsColumns } from "./settings-columns.js"
import { addTermFrequencyColumns } from "./term-frequencies.js"

/** The record's position in the stacked files: the engine's own key for a record. */
export const ROW = "__linkage_row"

const datasetNameOf = (file: string): string => basename(file, extname(file))

const findColumn = (columns: ReadonlyArray<string>, name: string): string | undefined =>
  columns.find((column) => column.toLowerCase() === name.toLowerCase())

/** splink's `calculate_cartesian`. */
export const totalComparisonsOf = (linkType: Settings["link_type"], counts: ReadonlyArray<number>): number => {
  const total = counts.reduce((sum, n) => sum + n, 0)
  if (linkType === "link_only") return (total * total - counts.reduce((sum, n) => sum + n * n, 0)) / 2
  return (total * (total - 1)) / 2
}

/** The settings' TF columns, each once, in the order the comparisons name them. */
export const settingsTermFrequencyColumns = (settings: Settings): ReadonlyArray<string> => [
  ...new Set(settings.comparisons.flatMap(termFrequencyColumnsOf))
]

export const loadInput = async (session: DuckDbSession, settings: Settings, files: ReadonlyArray<string>): Promise<Input> => {
  const linkType = settings.link_type
  if (files.length === 0) throw new LinkageInputError({ message: "no data file given" })
  if (linkType === "dedupe_only" && files.length > 1) {
    throw new LinkageInputError({ message: `dedupe_only takes one data file, got ${files.length}: use link_only or link_and_dedupe to link several` })
  }
  const names = files.map(datasetNameOf)
  const clash = names.find((name, index) => names.indexOf(name) !== index)
  if (clash !== undefined) throw new LinkageInputError({ message: `two data files have the same base name "${clash}"; source datasets need distinct names` })

  const staged: Array<StagedCsv> = []
  try {
    for (const file of files) staged.push(await stageCsv(session, file, "data file"))
    return await stackRecords(session, settings, staged)
  } finally {
    for (const { table } of staged) await session.dropTable(table)
  }
}

const stackRecords = async (session: DuckDbSession, settings: Settings, staged: ReadonlyArray<StagedCsv>): Promise<Input> => {
  const linkType = settings.link_type
  const uniqueIdName = settings.unique_id_column_name ?? settingsDefaults.unique_id_column_name
  const first = staged[0]!
  const uniqueIdColumn = findColumn(first.columns, uniqueIdName) ?? uniqueIdName

  // Linking needs a source dataset: the data's own column, else one per file named after it.
  const sourceDatasetName = settings.source_dataset_column_name ?? settingsDefaults.source_dataset_column_name
  const sourceDatasetInData = linkType === "dedupe_only" ? undefined : findColumn(first.columns, sourceDatasetName)
  const addSourceDataset = linkType !== "dedupe_only" && sourceDatasetInData === undefined
  if (addSourceDataset && staged.length === 1) {
    throw new LinkageInputError({
      message: `${linkType} needs several data files, or a "${sourceDatasetName}" column in ${first.file} (source_dataset_column_name)`
    })
  }
  if (sourceDatasetInData !== undefined) {
    const lacking = staged.find(({ columns }) => findColumn(columns, sourceDatasetInData) === undefined)
    if (lacking !== undefined) {
      throw new LinkageInputError({ message: `data file ${lacking.file} has no column "${sourceDatasetInData}" (${first.file} has it)` })
    }
  }
  const sourceDatasetColumn = addSourceDataset ? sourceDatasetName : sourceDatasetInData

  await checkSettingsColumns(
    session,
    settings,
    uniqueIdName,
    staged.map(({ columns, file }) => ({
      name: `data file ${file}`,
      columns: addSourceDataset ? [...columns, sourceDatasetName] : columns
    }))
  )

  // The first file's columns, then any others the later files add (splink reads the first file's).
  const dataColumns: Array<string> = []
  for (const { columns } of staged) {
    for (const column of columns) if (findColumn(dataColumns, column) === undefined) dataColumns.push(column)
  }
  const stacked = staged
    .map(({ table, file }, index) => {
      const sourceDataset = addSourceDataset ? `${quoteLiteral(datasetNameOf(file))} AS ${quoteIdentifier(sourceDatasetName)}, ` : ""
      return `SELECT ${index} AS __linkage_file, rowid AS __linkage_line, ${sourceDataset}* FROM ${quoteIdentifier(table)}`
    })
    .join(" UNION ALL BY NAME ")
  const types = await inferColumnTypes(session, `(${stacked})`, dataColumns)
  const columns: Array<InputColumn> = [
    ...(addSourceDataset ? [{ name: sourceDatasetName, type: "VARCHAR" as const }] : []),
    ...dataColumns.map((name, index) => ({ name, type: types[index]! }))
  ]
  const table = session.freshTable("records")
  const selected = columns.map(({ name, type }) => `${typedColumnSql(quoteIdentifier(name), type)} AS ${quoteIdentifier(name)}`)
  await session.run(
    `CREATE TABLE ${quoteIdentifier(table)} AS SELECT CAST(row_number() OVER (ORDER BY __linkage_file, __linkage_line) - 1 AS INTEGER) AS ${ROW}, ` +
      `${selected.join(", ")} FROM (${stacked}) ORDER BY ${ROW}`
  )

  const sourceDatasets = await sourceDatasetsOf(session, table, sourceDatasetColumn, addSourceDataset, first.file)
  if (linkType === "link_only" && sourceDatasets.length < 2) {
    throw new LinkageInputError({ message: `link_only needs records from at least two source datasets, found ${sourceDatasets.length}` })
  }
  const recordCount = sourceDatasets.reduce((sum, dataset) => sum + dataset.recordCount, 0)
  const termFrequencyColumns = await addTermFrequencyColumns(
    session,
    table,
    columns.map(({ name }) => name),
    settingsTermFrequencyColumns(settings).map((column) => findColumn(dataColumns, column) ?? column)
  )
  return {
    table,
    files: staged.map(({ file }) => file),
    linkType,
    uniqueIdColumn,
    ...(sourceDatasetColumn === undefined ? {} : { sourceDatasetColumn }),
    columns,
    sourceDatasets,
    recordCount,
    totalComparisons: totalComparisonsOf(
      linkType,
      sourceDatasets.map((dataset) => dataset.recordCount)
    ),
    termFrequencyColumns
  }
}

/**
 * Source datasets in file order when the engine named them, else in the order of their values
 * (splink's two-dataset link puts the smaller value on the left).
 */
const sourceDatasetsOf = async (
  session: DuckDbSession,
  table: string,
  column: string | undefined,
  namedByEngine: boolean,
  firstFile: string
): Promise<ReadonlyArray<SourceDataset>> => {
  const t = quoteIdentifier(table)
  if (column === undefined) return [{ name: datasetNameOf(firstFile), recordCount: await session.count(`SELECT count(*) FROM ${t}`) }]
  const c = quoteIdentifier(column)
  const order = namedByEngine ? `min(${ROW})` : c
  const rows = await session.rows(
    `SELECT CAST(${c} AS VARCHAR) AS name, count(*) AS n FROM ${t} GROUP BY ${c} ORDER BY ${order}`
  )
  return rows.map((row) => ({ name: String(row["name"]), recordCount: Number(row["n"]) }))
}
