/**
 * Copies one store into another (`liner db copy`): a SQLite file into PostgreSQL, or back, or
 * between two of either. Both stores are open and migrated (the same schema); every table of the
 * store is copied with its ids, parents before children, in ONE transaction on the target, and
 * each table's rows are counted on both sides afterwards.
 */
import { Data, Effect } from "effect"
import { type Kysely, sql, type Transaction } from "kysely"
import { dialectOf } from "./dialect.js"
import type { StoreShape } from "./store.js"
import { type StoreError, storeErrorOf } from "./store-fault.js"

/** Any table, any row: the copy moves rows as they are, whatever their table. */
type AnyDb = Kysely<Record<string, Record<string, unknown>>>
type AnyTrx = Transaction<Record<string, Record<string, unknown>>>

/** A table's rows on both sides after the copy. */
export interface CopiedTable {
  readonly table: string
  readonly source: number
  readonly target: number
}

export interface CopyOptions {
  /** Empty the target's tables first, instead of refusing a target that holds rows. */
  readonly force: boolean
}

/** Tables that are not the store's data: the migrator's own, and SQLite's internal and FTS5 tables (rebuilt, not copied). */
const notData = (table: string): boolean => table.startsWith("kysely_") || table.startsWith("sqlite_") || table.startsWith("films_fts")

/** The store's tables, from the target's catalogue. */
const tablesOf = async (db: AnyDb): Promise<ReadonlyArray<string>> =>
  (await db.introspection.getTables()).filter((t) => !t.isView && !notData(t.name)).map((t) => t.name)

/** Each table's parents (the tables its foreign keys refer to), from the catalogue of its dialect. */
const parentsOf = async (db: AnyDb, tables: ReadonlyArray<string>): Promise<ReadonlyMap<string, ReadonlyArray<string>>> => {
  if (dialectOf(db) === "postgres") {
    const { rows } = await sql<{ child: string; parent: string }>`
      select c.relname as child, p.relname as parent
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      where k.contype = 'f' and c.relnamespace = to_regnamespace(current_schema())
    `.execute(db)
    return new Map(tables.map((t) => [t, rows.filter((r) => r.child === t).map((r) => r.parent)]))
  }
  const parents = new Map<string, ReadonlyArray<string>>()
  for (const table of tables) {
    const { rows } = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${table})`.execute(db)
    parents.set(table, rows.map((r) => r.table))
  }
  return parents
}

/** The tables, every parent before its children (then by name, so that the order is stable). */
export const dependencyOrder = (parents: ReadonlyMap<string, ReadonlyArray<string>>): ReadonlyArray<string> => {
  const ordered: Array<string> = []
  const placed = new Set<string>()
  const place = (table: string, path: ReadonlySet<string>) => {
    if (placed.has(table) || path.has(table)) return
    for (const parent of [...(parents.get(table) ?? [])].sort()) if (parent !== table && parents.has(parent)) place(parent, new Set([...path, table]))
    placed.add(table)
    ordered.push(table)
  }
  for (const table of [...parents.keys()].sort()) place(table, new Set())
  return ordered
}

const countRows = async (db: AnyDb | AnyTrx, table: string): Promise<number> =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow())["n"])

/** Rows per insert: within both dialects' limits on a statement's parameters (SQLite 32766, PostgreSQL 65535). */
const rowsPerInsert = (columns: number): number => Math.max(1, Math.floor(30_000 / Math.max(1, columns)))

/** Rows read from the source at a time, so that a large store is never held in memory whole. */
const readPage = 5_000

const copyTable = async (from: AnyDb, to: AnyTrx, table: string): Promise<void> => {
  const columns = (await from.introspection.getTables()).find((t) => t.name === table)?.columns.map((c) => c.name) ?? []
  if (columns.length === 0) return
  // A page at a time, in an order that is total (by every column), so that pages neither overlap nor skip.
  const order = sql.join(columns.map((c) => sql.ref(c)))
  for (let offset = 0; ; offset += readPage) {
    const rows = await from.selectFrom(table).selectAll().orderBy(sql`${order}`).limit(readPage).offset(offset).execute()
    for (let i = 0; i < rows.length; i += rowsPerInsert(columns.length)) await to.insertInto(table).values(rows.slice(i, i + rowsPerInsert(columns.length))).execute()
    if (rows.length < readPage) return
  }
}

/** What the target needs after rows came with their ids: SQLite's FTS5 index of film keys; PostgreSQL's id sequences moved past the ids. */
const afterCopy = async (to: AnyTrx, tables: ReadonlyArray<string>): Promise<void> => {
  if (dialectOf(to) === "sqlite") {
    if (tables.includes("films")) await sql`insert into films_fts (rowid, norm_key) select id, norm_key from films`.execute(to)
    return
  }
  for (const table of tables) {
    await sql`
      select setval(s.name, coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)
      from (select pg_get_serial_sequence(${table}, 'id') as name) s where s.name is not null
    `.execute(to)
  }
}

/** The tables with an `id` column: those whose PostgreSQL sequence (if any) must move past the copied ids. */
const withIdColumn = async (db: AnyDb, tables: ReadonlyArray<string>): Promise<ReadonlyArray<string>> => {
  const all = await db.introspection.getTables()
  return tables.filter((t) => all.find((x) => x.name === t)?.columns.some((c) => c.name === "id"))
}

/**
 * Copies every table of `from` into `to`. Refuses a target that holds rows unless `force`, which
 * empties it first (children before parents), in the same transaction as the copy: a copy that
 * fails leaves the target as it was. Returns each table's row count on both sides, counted after
 * the commit; the caller decides what a difference means (an error).
 */
export const copyStore = (from: StoreShape, to: StoreShape, options: CopyOptions): Effect.Effect<ReadonlyArray<CopiedTable>, StoreError | CopyRefusedError> => {
  const source = from.db as unknown as AnyDb
  const target = to.db as unknown as AnyDb
  return Effect.tryPromise({
    try: async () => {
      const tables = dependencyOrder(await parentsOf(target, await tablesOf(target)))
      const sourceTables = new Set(await tablesOf(source))
      const missing = tables.filter((t) => !sourceTables.has(t))
      if (missing.length > 0) throw new CopyRefusedError({ reason: `cannot copy: the source ${from.path} has no table ${missing.join(", ")}` })
      const sequenced = await withIdColumn(target, tables)
      await target.transaction().execute(async (trx) => {
        const held: Array<string> = []
        for (const table of tables) if ((await countRows(trx, table)) > 0) held.push(table)
        if (held.length > 0 && !options.force)
          throw new CopyRefusedError({
            reason: `cannot copy: the target ${to.path} already holds data (in ${held.join(", ")}); copy into an empty database, or give --force to replace its data`
          })
        for (const table of [...tables].reverse()) await trx.deleteFrom(table).execute()
        if (dialectOf(trx) === "sqlite" && tables.includes("films")) await sql`delete from films_fts`.execute(trx)
        for (const table of tables) await copyTable(source, trx, table)
        await afterCopy(trx, dialectOf(trx) === "sqlite" ? tables : sequenced)
      })
      const counted: Array<CopiedTable> = []
      for (const table of tables) counted.push({ table, source: await countRows(source, table), target: await countRows(target, table) })
      return counted
    },
    catch: (cause) =>
      cause instanceof CopyRefusedError ? cause : storeErrorOf(cause, { path: to.path, doing: `cannot copy ${from.path} into ${to.path}`, opening: false })
  })
}

/** A copy that must not start (a target with data, a source without a table): the user's to fix, not a fault of either store. */
export class CopyRefusedError extends Data.TaggedError("CopyRefusedError")<{ readonly reason: string }> {
  override get message(): string {
    return this.reason
  }
}
