import type { FilmQueryInput } from "../film-query-input.js"

/** One line of a batch file, as typed: validated later so a bad line never stops the others. */
export interface BatchLine {
  readonly line: number
  readonly input: FilmQueryInput
}

/** Splits one CSV record (RFC 4180 quoting: "a, b" and "" for a quote). */
export const splitCsvRecord = (record: string): Array<string> => {
  const cells: Array<string> = []
  let cell = ""
  let quoted = false
  for (let i = 0; i < record.length; i++) {
    const ch = record[i]
    if (quoted) {
      if (ch === '"' && record[i + 1] === '"') (cell += '"'), i++
      else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"' && cell.trim() === "") (quoted = true), (cell = "")
    else if (ch === ",") cells.push(cell.trim()), (cell = "")
    else cell += ch
  }
  cells.push(quoted ? cell : cell.trim())
  return cells
}

const columnNames: Record<string, keyof FilmQueryInput> = {
  title: "title",
  film: "title",
  year: "year",
  imdb: "imdb",
  imdb_id: "imdb",
  imdbid: "imdb"
}

const fromRecord = (record: Record<string, unknown>): FilmQueryInput => {
  const text = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined)
  return {
    title: text(record["title"]),
    year: text(record["year"]),
    imdb: text(record["imdb"] ?? record["imdb_id"] ?? record["imdbId"])
  }
}

export class BatchFileError {
  readonly _tag = "BatchFileError"
  constructor(readonly reason: string) {}
}

/**
 * Reads a batch: JSON lines (`{"title":…,"year":…,"imdb":…}` per line) or CSV with a header
 * naming `title`, `year`, `imdb` (without a header the columns are taken in that order).
 * Blank lines and lines starting with `#` are ignored.
 */
export const parseBatch = (text: string): Array<BatchLine | { readonly line: number; readonly error: string }> => {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/)
  const meaningful = lines.map((raw, i) => ({ raw, line: i + 1 })).filter(({ raw }) => raw.trim() !== "" && !raw.trimStart().startsWith("#"))
  if (meaningful.length === 0) return []
  if (meaningful[0]!.raw.trimStart().startsWith("{")) {
    return meaningful.map(({ raw, line }) => {
      try {
        const value: unknown = JSON.parse(raw)
        if (typeof value !== "object" || value === null || Array.isArray(value)) return { line, error: "expected a JSON object" }
        return { line, input: fromRecord(value as Record<string, unknown>) }
      } catch {
        return { line, error: "not valid JSON" }
      }
    })
  }
  const first = splitCsvRecord(meaningful[0]!.raw).map((c) => c.toLowerCase())
  const hasHeader = first.some((c) => c in columnNames)
  const columns: Array<keyof FilmQueryInput | undefined> = hasHeader ? first.map((c) => columnNames[c]) : ["title", "year", "imdb"]
  return meaningful.slice(hasHeader ? 1 : 0).map(({ raw, line }) => {
    const record: Record<string, string> = {}
    splitCsvRecord(raw).forEach((cell, i) => {
      const column = columns[i]
      if (column !== undefined && cell !== "") record[column] = cell
    })
    return { line, input: fromRecord(record) }
  })
}
