import { type FilmQuery, type FilmRef, queueKeyOf, type Soundtrack } from "@liner/core"

/** The film an answer is stored under: the query's words first, the album's where the query is silent. */
export const filmRefFor = (query: FilmQuery, soundtrack: Soundtrack): FilmRef => {
  const albumYear = Number.parseInt(soundtrack.album.releaseDate?.slice(0, 4) ?? "", 10)
  return {
    title: query.title ?? soundtrack.album.title,
    year: query.year ?? (Number.isInteger(albumYear) ? albumYear : null),
    imdbId: query.imdbId ?? null
  }
}

/** The key a negative answer is remembered under: the film's key in the cool-down queue too. */
export const missKey = (query: FilmQuery): string => queueKeyOf({ kind: "soundtrack", query })
