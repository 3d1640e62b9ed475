import SqliteDatabase from "better-sqlite3"
import { closeSync, openSync, readSync, writeSync } from "node:fs"

/** Rewrites, in place, the root page of the table or index `name` of a closed SQLite file. */
export const damageStorePage = (path: string, name: string, damage: (page: Buffer) => void): void => {
  const raw = new SqliteDatabase(path, { readonly: true })
  const rootPage = raw.prepare("select rootpage from sqlite_master where name = ?").pluck().get(name) as number
  const pageSize = raw.pragma("page_size", { simple: true }) as number
  raw.close()
  const page = Buffer.alloc(pageSize)
  const fd = openSync(path, "r+")
  try {
    readSync(fd, page, 0, pageSize, (rootPage - 1) * pageSize)
    damage(page)
    writeSync(fd, page, 0, pageSize, (rootPage - 1) * pageSize)
  } finally {
    closeSync(fd)
  }
}

/** The page claims five more cells than it holds: an index no longer matches its table, and nothing says so on reading. */
export const claimMoreCells = (page: Buffer): void => void page.writeUInt16BE(page.readUInt16BE(3) + 5, 3)

/** The page's type byte is none SQLite knows: every read of the page fails. */
export const breakPageType = (page: Buffer): void => void (page[0] = 0xff)
