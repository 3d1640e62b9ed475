import {
  Answer,
  type FilmQuery,
  filmKey,
  findSoundtracks,
  type Origin,
  type Store,
  type StoredSoundtrack,
  type StoreError,
  type Tier
} from "@liner/core"
import { Effect } from "effect"
import { type FoundSoundtrack, fromStored, storeFailure } from "./found-soundtrack.js"

/** Several films for one key: a film's pinned row wins over its other rows, else the newest. */
export const oneFilm = (rows: ReadonlyArray<StoredSoundtrack>): "none" | "many" | StoredSoundtrack => {
  const films = new Map<number, StoredSoundtrack>()
  for (const row of rows) {
    const seen = films.get(row.film.id)
    if (seen === undefined || (seen.origin !== "pinned" && row.origin === "pinned")) films.set(row.film.id, row)
  }
  if (films.size === 0) return "none"
  if (films.size > 1) return "many"
  return [...films.values()][0]!
}

export const filmCandidates = (rows: ReadonlyArray<StoredSoundtrack>) =>
  [...new Map(rows.map((r) => [r.film.id, r.film])).values()].map((f) => ({ label: `${f.title} (${f.year ?? "?"})`, score: 1 }))

/** Stored answers for the film of a query: by IMDb id first, then by normalised title and year. */
export const findStoredFilm = (
  query: FilmQuery,
  origins: ReadonlyArray<Origin>,
  usable: (row: StoredSoundtrack) => boolean = () => true
): Effect.Effect<Answer<StoredSoundtrack>, StoreError, Store> =>
  Effect.gen(function* () {
    const lookups: Array<[string, Effect.Effect<ReadonlyArray<StoredSoundtrack>, StoreError, Store>]> = []
    if (query.imdbId !== undefined) lookups.push(["imdb", findSoundtracks({ origins, imdbId: query.imdbId })])
    if (query.title !== undefined)
      lookups.push(["title", findSoundtracks({ origins, normKey: filmKey(query.title), ...(query.year === undefined ? {} : { year: query.year }) })])
    for (const [matchedBy, lookup] of lookups) {
      const rows = (yield* lookup).filter(usable)
      const film = oneFilm(rows)
      if (film === "many") return Answer.ambiguous(filmCandidates(rows), `several stored films match by ${matchedBy}`)
      if (film !== "none") return Answer.found(film, matchedBy, 1)
    }
    return Answer.notFound()
  })

const keepMatch = (answer: Answer<StoredSoundtrack>): Answer<FoundSoundtrack> =>
  answer._tag === "Found"
    ? Answer.found(fromStored(answer.value), answer.value.matchedBy ?? answer.matchedBy, answer.value.confidence ?? answer.confidence)
    : answer

/** Entries pinned by hand always win. */
export const pinnedTier: Tier<FilmQuery, FoundSoundtrack, Store> = {
  name: "pinned",
  risk: "local",
  lookup: (query) =>
    findStoredFilm(query, ["pinned"]).pipe(
      Effect.map((answer) => (answer._tag === "Found" ? Answer.found(fromStored(answer.value), "pinned", 1) : answer)),
      Effect.mapError(storeFailure("pinned"))
    )
}

/** A fresh earlier answer from MusicBrainz, Discogs or Spotify, as it was matched then. */
export const cacheTier = (now: string): Tier<FilmQuery, FoundSoundtrack, Store> => ({
  name: "cache",
  risk: "local",
  lookup: (query) =>
    findStoredFilm(query, ["musicbrainz", "spotify", "discogs"], (row) => row.expiresAt === null || row.expiresAt > now).pipe(
      Effect.map(keepMatch),
      Effect.mapError(storeFailure("cache"))
    )
})

/** Any earlier answer, however old: served (marked stale) only when every source failed. */
export const findStale = (query: FilmQuery) => findStoredFilm(query, ["musicbrainz", "spotify", "discogs"]).pipe(Effect.map(keepMatch))
