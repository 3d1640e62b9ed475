import type { FilmQueryInput } from "../film-query-input.js"
import { hasControlCharacters } from "../terminal-safe.js"

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
      if (ch === '"' && record[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true
      cell = ""
    } else if (ch === ",") {
      cells.push(cell.trim())
      cell = ""
    } else cell += ch
  }
  cells.push(quoted ? cell : cell.trim())
  return cells
}

/** How a batch file's columns (CSV header cells, JSON keys) map to the fields of a query. */
export interface BatchColumns<K extends string> {
  /** Column names, lower case, to the field they fill: `{ title: "title", film: "title", ... }`. */
  readonly names: Readonly<Record<string, K>>
  /** The fields of a CSV without a header, in column order. */
  readonly order: ReadonlyArray<K>
}

/** One meaningful line of a batch file: its fields as typed, or why it could not be read. */
export type BatchRecord<K extends string> =
  | { readonly line: number; readonly record: Partial<Record<K, unknown>> }
  | { readonly line: number; readonly error: string }

/**
 * Reads a batch file of any kind of query: JSON lines (one object per line) or CSV with a header
 * naming the columns (without a header the columns are taken in `columns.order`). Column names
 * are matched case-insensitively; unknown columns are ignored. Blank lines and lines starting
 * with `#` are ignored. Values are validated later, so a bad line never stops the others; a line
 * with control characters is one (its bytes are never echoed).
 */
export const parseBatchRecords = <K extends string>(text: string, columns: BatchColumns<K>): Array<BatchRecord<K>> => {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/)
  const all = lines.map((raw, i) => ({ raw, line: i + 1 })).filter(({ raw }) => raw.trim() !== "" && !raw.trimStart().startsWith("#"))
  const broken: Array<BatchRecord<K>> = all.filter(({ raw }) => hasControlCharacters(raw)).map(({ line }) => ({ line, error: "the line holds control characters" }))
  const meaningful = all.filter(({ raw }) => !hasControlCharacters(raw))
  const records = parseMeaningful(meaningful, columns)
  return broken.length === 0 ? records : [...records, ...broken].sort((a, b) => a.line - b.line)
}

/** One JSON value of a batch (a JSON line, an element of a request's array) as a record of its known columns. */
export const jsonRecord = <K extends string>(value: unknown, columns: BatchColumns<K>): { readonly record: Partial<Record<K, unknown>> } | { readonly error: string } => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { error: "expected a JSON object" }
  const record: Partial<Record<K, unknown>> = {}
  for (const [key, cell] of Object.entries(value)) {
    const field = Object.hasOwn(columns.names, key.toLowerCase()) ? columns.names[key.toLowerCase()] : undefined
    if (field !== undefined && record[field] === undefined) record[field] = cell
  }
  return { record }
}

const parseMeaningful = <K extends string>(meaningful: ReadonlyArray<{ readonly raw: string; readonly line: number }>, columns: BatchColumns<K>): Array<BatchRecord<K>> => {
  const head = meaningful[0]
  if (head === undefined) return []
  const fieldOf = (name: string): K | undefined => (Object.hasOwn(columns.names, name.toLowerCase()) ? columns.names[name.toLowerCase()] : undefined)
  if (head.raw.trimStart().startsWith("{")) {
    return meaningful.map(({ raw, line }) => {
      try {
        return { line, ...jsonRecord(JSON.parse(raw), columns) }
      } catch {
        return { line, error: "not valid JSON" }
      }
    })
  }
  const first = splitCsvRecord(head.raw)
  const hasHeader = first.some((c) => fieldOf(c) !== undefined)
  const fields: ReadonlyArray<K | undefined> = hasHeader ? first.map(fieldOf) : columns.order
  return meaningful.slice(hasHeader ? 1 : 0).map(({ raw, line }) => {
    const record: Partial<Record<K, unknown>> = {}
    splitCsvRecord(raw).forEach((cell, i) => {
      const field = fields[i]
      if (field !== undefined && cell !== "") record[field] = cell
    })
    return { line, record }
  })
}

export const filmColumns: BatchColumns<keyof FilmQueryInput> = {
  names: { title: "title", film: "title", year: "year", imdb: "imdb", imdb_id: "imdb", imdbid: "imdb" },
  order: ["title", "year", "imdb"]
}

/** A cell as text: JSON numbers are spelled out, anything else is absent. */
export const asText = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined)

/**
 * Reads a batch of films: JSON lines (`{"title":…,"year":…,"imdb":…}` per line) or CSV with a
 * header naming `title`, `year`, `imdb` (without a header the columns are taken in that order).
 */
export const parseBatch = (text: string): Array<BatchLine | { readonly line: number; readonly error: string }> =>
  parseBatchRecords(text, filmColumns).map((entry) =>
    "error" in entry
      ? entry
      : { line: entry.line, input: { title: asText(entry.record.title), year: asText(entry.record.year), imdb: asText(entry.record.imdb) } }
  )
