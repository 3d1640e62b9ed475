/** Writing a table as CSV or JSON lines to a file or standard output, in large chunks. */
import { Effect } from "effect"
import { createWriteStream } from "node:fs"
import { rename } from "node:fs/promises"
import type { Writable } from "node:stream"
import { LinkageInputError } from "../errors.js"

export type TableFormat = "csv" | "jsonl"

export interface Table {
  readonly columns: ReadonlyArray<string>
  readonly rows: () => Iterable<ReadonlyArray<string | number>>
}

const csvCell = (value: string | number): string =>
  typeof value === "number" ? String(value) : /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value

const lines = function* (table: Table, format: TableFormat): Iterable<string> {
  if (format === "csv") {
    yield table.columns.map(csvCell).join(",") + "\n"
    for (const row of table.rows()) yield row.map(csvCell).join(",") + "\n"
    return
  }
  for (const row of table.rows()) {
    const record: Record<string, string | number> = {}
    for (const [i, column] of table.columns.entries()) record[column] = row[i]!
    yield JSON.stringify(record) + "\n"
  }
}

const chunkSize = 1 << 20

/** Writes in ~1 MB chunks, waiting for the stream to drain so memory stays flat. */
const writeTo = (stream: Writable, table: Table, format: TableFormat): Promise<void> =>
  new Promise((resolve, reject) => {
    stream.once("error", reject)
    const iterator = lines(table, format)[Symbol.iterator]()
    const pump = (): void => {
      let chunk = ""
      for (let next = iterator.next(); ; next = iterator.next()) {
        if (next.done) return void stream.write(chunk, (error) => (error ? reject(error) : resolve()))
        chunk += next.value
        if (chunk.length >= chunkSize) {
          const flowing = stream.write(chunk)
          chunk = ""
          if (!flowing) return void stream.once("drain", pump)
        }
      }
    }
    pump()
  })

/**
 * Writes the table to `path` (beside it first, then renamed, so an interrupted run leaves no half
 * file), or to standard output when `path` is undefined.
 */
export const writeTable = (table: Table, format: TableFormat, path: string | undefined): Effect.Effect<void, LinkageInputError> => {
  if (path === undefined) {
    return Effect.tryPromise({
      // A reader that stops early (`| head`) is not an error: like any Unix tool, stop writing.
      try: () => writeTo(process.stdout, table, format).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "EPIPE") throw error
      }),
      catch: (error) => new LinkageInputError({ message: `cannot write to standard output: ${(error as NodeJS.ErrnoException).code ?? String(error)}` })
    })
  }
  const temporary = `${path}.${process.pid}.tmp`
  return Effect.tryPromise({
    try: async () => {
      const stream = createWriteStream(temporary)
      await writeTo(stream, table, format)
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())))
      await rename(temporary, path)
    },
    catch: (error) => new LinkageInputError({ message: `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` })
  })
}
