/**
 * Rows of DJ sets (a generated world from tools/testkit, or rows written by hand) imported into a
 * real SQLite store, the way `liner sets import` stores a file: decoded, grouped into sets, imported.
 */
import { decodeSetRow, groupSetRows, importDjSets, type NumberedSetRow, type SetImportReport, type Store, StoreLayer, type StoreError } from "@liner/core"
import { makeTempDir } from "@liner/testkit"
import { Effect, Either, type Layer } from "effect"
import { join } from "node:path"

export const IMPORTED_AT = "2026-03-01T10:00:00.000Z"

/** A row as a set file gives it; cells left out are empty. */
export type SetCells = Partial<Record<"set_id" | "dj" | "date" | "artist" | "title" | "label" | "track_key", string>> & { readonly position: number }

export const importRows = (rows: ReadonlyArray<SetCells>): Effect.Effect<SetImportReport, StoreError, Store> => {
  const numbered: Array<NumberedSetRow> = rows.map((cells, i) => {
    const row = decodeSetRow(cells)
    if (Either.isLeft(row)) throw new Error(`row ${i + 2}: ${row.left}`)
    return { line: i + 2, row: row.right }
  })
  const { sets, rejected } = groupSetRows(numbered)
  if (rejected.length > 0) throw new Error(`rows rejected: ${JSON.stringify(rejected.slice(0, 3))}`)
  return importDjSets(sets, { now: IMPORTED_AT })
}

/** A fresh SQLite store in a temporary folder, removed by `remove`. */
export const tempStore = (): { readonly layer: Layer.Layer<Store, StoreError>; readonly path: string; readonly remove: () => void } => {
  const dir = makeTempDir()
  const path = join(dir.path, "liner.db")
  return { layer: StoreLayer.at(path), path, remove: dir.remove }
}
