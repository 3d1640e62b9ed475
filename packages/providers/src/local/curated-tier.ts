import {
  Answer,
  decide,
  defaultMatchRule,
  type FilmQuery,
  filmKey,
  filmTitleSimilarity,
  findSoundtracks,
  fuzzyFilmCandidates,
  type MatchRule,
  type Origin,
  prepareTitle,
  type Store,
  type StoredSoundtrack,
  type StoreError,
  type Tier
} from "@liner/core"
import { Effect } from "effect"
import { type FoundSoundtrack, fromStored, storeFailure } from "../soundtrack/found-soundtrack.js"
import { filmCandidates, oneFilm } from "../soundtrack/stored-tiers.js"

/** Curated entries: imported from the host's file or added by hand (pinned ones win earlier). */
const curatedOrigins: ReadonlyArray<Origin> = ["pinned", "imported"]

/** How many trigram candidates the fuzzy step re-ranks. */
const fuzzyCandidateLimit = 50

/** A year off by one is a release-date quirk; further off is another film (a remake). */
const yearPenalty = (asked: number | undefined, stored: number | null): number => {
  if (asked === undefined || stored === null) return 0
  const gap = Math.abs(asked - stored)
  return gap === 0 ? 0 : gap === 1 ? 0.05 : 0.3
}

/**
 * The local curated database: exact `Title (Year)` key, IMDb id, normalised title and year, then
 * fuzzy (trigram candidates re-ranked by the matcher), refusing ambiguous answers.
 */
export const curatedTier = (rule: MatchRule = defaultMatchRule): Tier<FilmQuery, FoundSoundtrack, Store> => ({
  name: "local",
  risk: "local",
  lookup: (query) =>
    Effect.gen(function* () {
      const steps: Array<[string, Effect.Effect<ReadonlyArray<StoredSoundtrack>, StoreError, Store>]> = []
      if (query.title !== undefined && query.year !== undefined) {
        const year = query.year
        steps.push(["key", findSoundtracks({ origins: curatedOrigins, exactTitle: query.title, year }).pipe(Effect.map((rows) => rows.filter((r) => r.film.year === year)))])
      }
      if (query.imdbId !== undefined) steps.push(["imdb", findSoundtracks({ origins: curatedOrigins, imdbId: query.imdbId })])
      if (query.title !== undefined)
        steps.push(["title", findSoundtracks({ origins: curatedOrigins, normKey: filmKey(query.title), ...(query.year === undefined ? {} : { year: query.year }) })])
      for (const [matchedBy, step] of steps) {
        const rows = yield* step
        const film = oneFilm(rows)
        if (film === "many") return Answer.ambiguous(filmCandidates(rows), `several curated films match by ${matchedBy}`)
        if (film !== "none") return Answer.found(fromStored(film), matchedBy, matchedBy === "title" ? 0.95 : 1)
      }
      if (query.title === undefined) return Answer.notFound()

      const wanted = prepareTitle(query.title)
      const candidates = yield* fuzzyFilmCandidates(filmKey(query.title), fuzzyCandidateLimit)
      const scored = candidates.map((c) => ({
        candidate: c,
        label: `${c.title} (${c.year ?? "?"})`,
        // A film known by its short title ("Don", 2006) matches its full name ("Don: The Chase Begins Again") when the years agree.
        score: Math.max(0, filmTitleSimilarity({ title: wanted, year: query.year }, { title: c.title, year: c.year }) - yearPenalty(query.year, c.year))
      }))
      const decision = decide(scored, rule)
      if (decision._tag === "Ambiguous") return Answer.ambiguous(decision.candidates)
      if (decision._tag === "NoMatch") return Answer.notFound()
      const rows = yield* findSoundtracks({ origins: curatedOrigins, filmIds: [decision.candidate.id] })
      const film = oneFilm(rows)
      return typeof film === "string" ? Answer.notFound() : Answer.found(fromStored(film), "fuzzy", decision.score)
    }).pipe(Effect.mapError(storeFailure("local")))
})
