/** The records of one run as the engine holds them in DuckDB: what `loadInput` hands back. */
import type { LinkType } from "../settings/settings.js"

/** Column types as pandas would infer them from the CSV (splink's users load CSVs with pandas). */
export type InputColumnType = "BIGINT" | "DOUBLE" | "VARCHAR"

export interface InputColumn {
  readonly name: string
  readonly type: InputColumnType
}

export interface SourceDataset {
  /** The `source_dataset` value: the file's base name without extension, or the data's own column. */
  readonly name: string
  readonly recordCount: number
}

/**
 * A handle on the loaded records. It belongs to the `LinkageEngine` that made it: pass it back to
 * that engine only, while its scope is open.
 */
export interface Input {
  /** The DuckDB table holding the records (one row per record, all files stacked). */
  readonly table: string
  readonly files: ReadonlyArray<string>
  readonly linkType: LinkType
  readonly uniqueIdColumn: string
  /** The source-dataset column when linking (link_only, link_and_dedupe); absent for dedupe_only. */
  readonly sourceDatasetColumn?: string
  /** The data's own columns (the source-dataset column first when the engine added it). */
  readonly columns: ReadonlyArray<InputColumn>
  readonly sourceDatasets: ReadonlyArray<SourceDataset>
  readonly recordCount: number
  /**
   * Every pair the link type allows, as splink's `calculate_cartesian`: n(n−1)/2 for dedupe_only
   * and link_and_dedupe (n = all records), Σ_{i<j} n_i·n_j over source datasets for link_only.
   */
  readonly totalComparisons: number
  /** Columns whose term frequencies were computed at load time (the settings' TF columns). */
  readonly termFrequencyColumns: ReadonlyArray<string>
}
