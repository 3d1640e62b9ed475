/**
 * The PostgreSQL side of the store: kysely over a `pg` pool. Loaded only when LINER_DB is a
 * PostgreSQL URL, so the embedded SQLite store never pays for the driver.
 */
import { Kysely, PostgresDialect } from "kysely"
import pg from "pg"
import type { Database } from "./database.js"

/** How long opening waits for the server before failing: an unreachable server is reported at once. */
export const connectTimeoutMs = 5000

/** PostgreSQL's `bigint` (what `count(*)` returns) and `numeric` (`sum` of integers): numbers, as SQLite gives them. */
const numberTypes = new Set<number>([pg.types.builtins.INT8, pg.types.builtins.NUMERIC])

const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    numberTypes.has(oid) ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
}

/** Opens a pool of `poolSize` connections to `url` and checks that one connects (the URL, the server, the credentials). */
export const openPostgresDb = async (url: string, poolSize: number): Promise<Kysely<Database>> => {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: connectTimeoutMs, types })
  // An idle connection the server drops is an event on the pool, not a crash of the process;
  // the next query takes a fresh connection (and fails, as a StoreError, if the server is gone).
  pool.on("error", () => undefined)
  try {
    const client = await pool.connect()
    client.release()
  } catch (error) {
    await pool.end().catch(() => undefined)
    throw error
  }
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}
