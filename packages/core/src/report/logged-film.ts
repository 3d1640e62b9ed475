/**
 * The film a logged soundtrack lookup asked about: its queue key (the identity the cascade and the
 * queue use, so "Jaane Tu... Ya Jaane Na" and "Jaane Tu Ya Jaane Na" are one film) and how to name
 * it. The log holds whatever was asked; a query that is not a film's reads as its own text.
 */
import { queueKeyOf } from "../queue/queue-key.js"
import type { FilmQuery } from "../domain/film-query.js"

export interface LoggedFilm {
  readonly key: string
  readonly title: string | null
  readonly year: number | null
  readonly imdbId: string | null
}

const field = (query: unknown, name: string): unknown => (typeof query === "object" && query !== null ? (query as Record<string, unknown>)[name] : undefined)
const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value.trim() : null)

export const loggedFilm = (query: unknown): LoggedFilm => {
  const title = text(field(query, "title"))
  const year = typeof field(query, "year") === "number" ? (field(query, "year") as number) : null
  const imdbId = text(field(query, "imdbId"))
  if (title === null && imdbId === null) return { key: `query:${typeof query === "string" ? query : JSON.stringify(query)}`, title: null, year, imdbId }
  // The key only reads the fields; they need not pass the query's checks to name the film.
  const asQuery = { ...(title === null ? {} : { title }), ...(year === null ? {} : { year }), ...(imdbId === null ? {} : { imdbId }) } as FilmQuery
  return { key: queueKeyOf({ kind: "soundtrack", query: asQuery }), title, year, imdbId }
}

/** `Title (Year)`, else the IMDb id, else the key. */
export const filmName = (film: LoggedFilm): string =>
  film.title !== null ? `${film.title}${film.year === null ? "" : ` (${film.year})`}` : (film.imdbId ?? film.key)
