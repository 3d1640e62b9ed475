/** Fuzzy film search on SQLite: FTS5's trigram index `films_fts` finds the films, `instr` scores them. */
import { type Kysely, sql, type Transaction } from "kysely"
import type { Database } from "./database.js"
import type { FilmRow, FilmsMatching } from "./fuzzy-films.js"

type Db = Kysely<Database> | Transaction<Database>

/** Indexes a new film's key in `films_fts`, under the film's id. */
export const sqliteIndexFilmKey = async (db: Db, filmId: number, normKey: string): Promise<void> => {
  await db.insertInto("films_fts").values({ rowid: filmId, norm_key: normKey }).execute()
}

const phrase = (text: string): string => `"${text.replaceAll('"', '""')}"`

export const sqliteFilmsMatching = (db: Db, m: FilmsMatching): Promise<ReadonlyArray<FilmRow>> => {
  const score = sql.join(
    m.weights.map(({ trigram, weight }) => sql`(instr(films.norm_key, ${trigram}) > 0) * ${weight}`),
    sql` + `
  )
  return db
    .selectFrom("films_fts")
    .innerJoin("films", "films.id", "films_fts.rowid")
    .select(["films.id", "films.title", "films.year", "films.imdb_id", "films.norm_key"])
    .where("films_fts.norm_key", "match", m.terms.map(phrase).join(" OR "))
    .orderBy(sql`${score}`, "desc")
    .orderBy(sql`abs(length(films.norm_key) - ${m.keyLength})`)
    .orderBy("films.id")
    .limit(m.limit)
    .execute()
}
