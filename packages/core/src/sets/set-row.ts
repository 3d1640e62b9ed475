/**
 * One row of a DJ-set file (`liner sets import`, contracts/identify.md): a track played in a set.
 * Rows come from CSV (every cell text) or JSON lines (numbers allowed), so a cell is text or a
 * number; blanks around it are dropped. A row that does not decode says why in one sentence
 * naming its column ("position is not a positive integer"), for the report by line.
 *
 * The schema validates the cells as they come; turning them into a `SetRow` (trimmed text, ""
 * for an absent cell, the position as a number) is a plain function after it, because Schema's
 * transformations cost several times its checks and a catalogue has millions of rows.
 */
import { Either, ParseResult, Schema } from "effect"

/** The columns of a set file, in the order a CSV without a header gives them. */
export const setRowColumns = ["set_id", "dj", "date", "position", "artist", "title", "label", "track_key"] as const
export type SetRowColumn = (typeof setRowColumns)[number]

const text = (cell: string | number): string => (typeof cell === "number" ? String(cell) : cell.trim())

const cell = (message: string) => Schema.Union(Schema.String, Schema.Number).annotations({ message: () => ({ message, override: true }) })

const required = (column: string, check?: { readonly test: (text: string) => boolean; readonly message: string }) =>
  Schema.propertySignature(
    cell(check?.message ?? `${column} is not text`).pipe(
      Schema.filter((value) => {
        const written = text(value)
        if (written === "") return `${column} is empty`
        return check === undefined || check.test(written) || check.message
      })
    )
  ).annotations({ missingMessage: () => `${column} is missing` })

const optional = (column: string, check?: { readonly test: (text: string) => boolean; readonly message: string }) =>
  Schema.optional(
    Schema.NullOr(
      check === undefined
        ? cell(`${column} is not text`)
        : cell(check.message).pipe(Schema.filter((value) => text(value) === "" || check.test(text(value)) || check.message))
    )
  )

const isIsoDate = (written: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(written)) return false
  const date = new Date(`${written}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(written)
}

const isPosition = (written: string): boolean => /^\d+$/.test(written) && Number(written) >= 1 && Number.isSafeInteger(Number(written))

/** The cells of a row as a file gives them (column name → text or number), checked. */
export const SetRowCells = Schema.Struct({
  set_id: required("set_id"),
  dj: required("dj"),
  date: optional("date", { test: isIsoDate, message: "date is not an ISO date (YYYY-MM-DD)" }),
  position: required("position", { test: isPosition, message: "position is not a positive integer" }),
  artist: optional("artist"),
  title: optional("title"),
  label: optional("label"),
  track_key: optional("track_key")
})
export type SetRowCells = typeof SetRowCells.Type

/** A played track as the file gives it, trimmed; "" stands for an empty or absent optional cell. */
export interface SetRow {
  readonly setId: string
  readonly dj: string
  readonly date: string
  readonly position: number
  readonly artist: string
  readonly title: string
  readonly label: string
  readonly trackKey: string
}

const optionalText = (cell: string | number | null | undefined): string => (cell === null || cell === undefined ? "" : text(cell))

/** The row of checked cells. */
export const setRowOf = (cells: SetRowCells): SetRow => ({
  setId: text(cells.set_id),
  dj: text(cells.dj),
  date: optionalText(cells.date),
  position: Number(text(cells.position)),
  artist: optionalText(cells.artist),
  title: optionalText(cells.title),
  label: optionalText(cells.label),
  trackKey: optionalText(cells.track_key)
})

const decode = Schema.decodeUnknownEither(SetRowCells, { errors: "first" })

/** A record of a set file (column name → cell) as a row, or why it is not one. */
export const decodeSetRow = (record: unknown): Either.Either<SetRow, string> =>
  typeof record !== "object" || record === null || Array.isArray(record)
    ? Either.left("not a record of the set columns")
    : Either.match(decode(record), {
        onLeft: (error) => Either.left(ParseResult.ArrayFormatter.formatErrorSync(error)[0]?.message ?? "not a valid row"),
        onRight: (cells) => Either.right(setRowOf(cells))
      })
