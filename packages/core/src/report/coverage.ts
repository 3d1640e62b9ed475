/**
 * Coverage: of the films looked up, how many got a soundtrack (any of their lookups found one).
 * Counted by film, not by lookup, so that a film asked ten times weighs as much as one asked once.
 */
import type { LoggedLookupEntry } from "../store/report-queries.js"
import { shareOf } from "./kpi.js"
import { filmName, loggedFilm } from "./logged-film.js"

export interface UncoveredFilm {
  readonly film: string
  readonly lookups: number
  /** The status of its latest lookup: not_found or unavailable. */
  readonly lastStatus: string
  readonly lastLookupAt: string
}

export interface Coverage {
  readonly lookups: number
  readonly films: number
  readonly filmsWithSoundtrack: number
  /** films with a soundtrack ÷ films looked up; null when none was. */
  readonly share: number | null
  /** Films looked up without a soundtrack, latest first (at most `listed`). */
  readonly uncovered: ReadonlyArray<UncoveredFilm>
  readonly uncoveredTotal: number
}

export const coverageOf = (soundtrackLookups: ReadonlyArray<LoggedLookupEntry>, listed = 50): Coverage => {
  const films = new Map<string, { name: string; found: boolean; lookups: number; lastStatus: string; lastAt: string }>()
  for (const lookup of soundtrackLookups) {
    const film = loggedFilm(lookup.query)
    const seen = films.get(film.key) ?? { name: filmName(film), found: false, lookups: 0, lastStatus: lookup.status, lastAt: lookup.startedAt }
    seen.lookups++
    if (lookup.status === "found") seen.found = true
    if (lookup.startedAt >= seen.lastAt) {
      seen.lastAt = lookup.startedAt
      seen.lastStatus = lookup.status
    }
    films.set(film.key, seen)
  }
  const covered = [...films.values()].filter((f) => f.found).length
  const uncovered = [...films.values()]
    .filter((f) => !f.found)
    .sort((a, b) => (a.lastAt === b.lastAt ? a.name.localeCompare(b.name) : a.lastAt < b.lastAt ? 1 : -1))
  return {
    lookups: soundtrackLookups.length,
    films: films.size,
    filmsWithSoundtrack: covered,
    share: shareOf(covered, films.size),
    uncovered: uncovered.slice(0, listed).map((f) => ({ film: f.name, lookups: f.lookups, lastStatus: f.lastStatus, lastLookupAt: f.lastAt })),
    uncoveredTotal: uncovered.length
  }
}
