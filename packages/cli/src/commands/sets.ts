/**
 * `liner sets import FILE [--format csv|jsonl] [--json]` (contracts/identify.md): DJ sets into the
 * store, one row per played track. Bad rows are reported by line and skipped, the good rows of
 * the same file kept; importing is idempotent per set.
 */
import { Args, Command, Options } from "@effect/cli"
import { FileSystem } from "@effect/platform"
import { decodeSetRow, groupSetRows, importDjSets, type NumberedSetRow, type RejectedRow, type SetRowColumn, setRowColumns } from "@liner/core"
import { Clock, Effect, Either, Option } from "effect"
import { type BatchColumns, type BatchRecord, parseBatchRecords, splitCsvRecord } from "../batch/batch-input.js"
import { batchText } from "../batch/batch-text.js"
import { ExitCode, exitWith, usage } from "../errors.js"
import { printErr, printJson } from "../output.js"
import { jsonOption } from "./soundtrack.js"

/** The contract's columns, and the spellings of them a tracklist export may use. */
const setColumns: BatchColumns<SetRowColumn> = {
  names: {
    set_id: "set_id",
    setid: "set_id",
    set: "set_id",
    dj: "dj",
    djs: "dj",
    date: "date",
    position: "position",
    pos: "position",
    artist: "artist",
    artists: "artist",
    title: "title",
    track: "title",
    label: "label",
    track_key: "track_key",
    trackkey: "track_key"
  },
  order: setRowColumns
}

/** Lines reported one by one on standard error; the rest are counted (--json lists them all). */
const REPORTED_LINES = 50

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`

const isMeaningful = (line: string) => line.trim() !== "" && !line.trimStart().startsWith("#")

/** Lines read per call of `parseBatchRecords`: its records of a whole catalogue would take gigabytes at once. */
const BLOCK_LINES = 20_000

/**
 * The records of a set file, read a block of lines at a time with `parseBatchRecords` (CSV
 * quoting, a BOM, comments, control characters), numbered by their lines in the whole file. Each
 * block is given the same first line so that it is read as the file is: the file's header (or,
 * without one, the columns in their order) for CSV, an empty object for JSON lines.
 */
function* setRecords(lines: ReadonlyArray<string>, jsonLines: boolean): Generator<BatchRecord<SetRowColumn>> {
  const first = lines.findIndex(isMeaningful)
  if (first < 0) return
  const head = lines[first] ?? ""
  const hasHeader = !jsonLines && splitCsvRecord(head).some((cell) => Object.hasOwn(setColumns.names, cell.toLowerCase()))
  const lead = jsonLines ? "{}" : hasHeader ? head : setRowColumns.join(",")
  for (let from = hasHeader ? first + 1 : 0; from < lines.length; from += BLOCK_LINES) {
    for (const record of parseBatchRecords([lead, ...lines.slice(from, from + BLOCK_LINES)].join("\n"), setColumns)) {
      // Line 1 of a block is the lead; line n is the file's line from + n - 1.
      if (record.line > 1) yield { ...record, line: from + record.line - 1 }
    }
  }
}

/**
 * The sets of a set file, and the lines skipped (with why), in line order. A function of its
 * own so that the file's bytes, text, records and rows can be collected before the import: a
 * catalogue of a million rows would otherwise hold them all at once.
 */
const readSets = (file: string, format: "csv" | "jsonl" | undefined) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const decoded = batchText(yield* fs.readFile(file).pipe(Effect.mapError((e) => usage(`cannot read ${file}: ${e.message}`))))
    if ("refused" in decoded) return yield* usage(`${file} ${decoded.refused}: give a CSV or JSON-lines file`)
    const lines = decoded.text.replace(/^\uFEFF/, "").split(/\r?\n/)
    const jsonLines = lines.find(isMeaningful)?.trimStart().startsWith("{") ?? false
    if (format !== undefined && (format === "jsonl") !== jsonLines) {
      return yield* usage(jsonLines ? `${file} holds JSON lines, not CSV: drop --format csv or give --format jsonl` : `${file} is not JSON lines (its first line is not a JSON object): give --format csv`)
    }
    const skipped: Array<RejectedRow> = []
    const rows: Array<NumberedSetRow> = []
    for (const record of setRecords(lines, jsonLines)) {
      if ("error" in record) {
        skipped.push({ line: record.line, reason: record.error })
        continue
      }
      const row = decodeSetRow(record.record)
      if (Either.isLeft(row)) skipped.push({ line: record.line, reason: row.left })
      else rows.push({ line: record.line, row: row.right })
    }
    const { sets, rejected } = groupSetRows(rows)
    return { sets, skipped: [...skipped, ...rejected].sort((a, b) => a.line - b.line) }
  })

const importCommand = Command.make(
  "import",
  {
    file: Args.file({ name: "FILE", exists: "yes" }).pipe(
      Args.withDescription("played tracks, one per row: set_id, dj, date, position, artist, title, label, track_key (CSV with or without that header, or JSON lines)")
    ),
    format: Options.choice("format", ["csv", "jsonl"]).pipe(
      Options.withPseudoName("FORMAT"),
      Options.withDescription("csv or jsonl (default: told by the file: JSON lines when its first line is a JSON object)"),
      Options.optional
    ),
    json: jsonOption
  },
  ({ file, format, json }) =>
    Effect.gen(function* () {
      const { sets, skipped } = yield* readSets(file, Option.getOrUndefined(format))
      const imported = sets.reduce((n, set) => n + set.tracks.length, 0)

      if (!json) {
        for (const bad of skipped.slice(0, REPORTED_LINES)) yield* printErr(`liner: ${file}: line ${bad.line}: ${bad.reason}`)
        if (skipped.length > REPORTED_LINES) yield* printErr(`liner: ${file}: ${plural(skipped.length - REPORTED_LINES, "more bad row")} (--json lists them all)`)
      }
      if (sets.length === 0) {
        if (json) yield* printJson(JSON.stringify({ sets: 0, rows: 0, skipped, added: 0, replaced: 0, unchanged: 0, labelsLearned: 0 }))
        return yield* exitWith(ExitCode.usage, skipped.length === 0 ? `${file} holds no rows` : `${file} has no usable row (${plural(skipped.length, "bad row")})`)
      }

      const now = new Date(yield* Clock.currentTimeMillis).toISOString()
      const report = yield* importDjSets(sets, { now })
      if (json) {
        yield* printJson(
          JSON.stringify({ sets: sets.length, rows: imported, skipped, added: report.added, replaced: report.replaced, unchanged: report.unchanged, labelsLearned: report.labelsLearned })
        )
      }
      yield* printErr(
        `imported ${plural(sets.length, "set")} (${report.added} new, ${report.replaced} replaced, ${report.unchanged} unchanged), ${plural(imported, "row")}; skipped ${plural(skipped.length, "row")}` +
          (report.labelsLearned > 0 ? `; learned ${plural(report.labelsLearned, "artist label")} for the label hunter` : "")
      )
    })
).pipe(
  Command.withDescription(
    "Import DJ sets (one row per played track). A set imported again is stored once; with changes it is replaced whole. Bad rows are reported by line and skipped; the good rows are kept (exit 0). Exit 2 when the file cannot be read or has no usable row."
  )
)

export const setsCommand = Command.make("sets").pipe(
  Command.withDescription("DJ sets: the tracklists that artist identification (liner identify) learns from."),
  Command.withSubcommands([importCommand])
)
