/**
 * Fuzzy film search on PostgreSQL: the pg_trgm GIN index on `films.norm_key` serves the
 * substring tests (`ilike '%term%'`, as FTS5's trigram phrases match on SQLite, case aside),
 * `strpos` scores them as `instr` does there: the same films, the same order.
 */
import { type Kysely, sql, type Transaction } from "kysely"
import type { Database } from "./database.js"
import type { FilmRow, FilmsMatching } from "./fuzzy-films.js"

type Db = Kysely<Database> | Transaction<Database>

/** `text` as a literal inside a LIKE pattern (backslash is PostgreSQL's default escape). */
const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`)

export const postgresFilmsMatching = (db: Db, m: FilmsMatching): Promise<ReadonlyArray<FilmRow>> => {
  const score = sql.join(
    m.weights.map(({ trigram, weight }) => sql`(case when strpos(films.norm_key, ${trigram}) > 0 then cast(${weight} as double precision) else 0 end)`),
    sql` + `
  )
  return db
    .selectFrom("films")
    .select(["films.id", "films.title", "films.year", "films.imdb_id", "films.norm_key"])
    .where((eb) => eb.or(m.terms.map((term) => eb("films.norm_key", "ilike", `%${likeLiteral(term)}%`))))
    .orderBy(sql`${score}`, "desc")
    .orderBy(sql`abs(length(films.norm_key) - cast(${m.keyLength} as integer))`)
    .orderBy("films.id")
    .limit(m.limit)
    .execute()
}
