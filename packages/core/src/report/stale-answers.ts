/**
 * Stale answers: every source failed and the store served an earlier, expired answer. The log
 * says so without a flag of its own: the answer's source is `cache`, but the cache tier itself did
 * not find a fresh one (it answered "not here", or did not run at all with --refresh).
 */
import type { LoggedLookupEntry } from "../store/report-queries.js"
import { shareOf } from "./kpi.js"
import { filmName, loggedFilm } from "./logged-film.js"

export const isStaleAnswer = (lookup: LoggedLookupEntry): boolean =>
  lookup.status === "found" && lookup.source === "cache" && !lookup.attempts.some((a) => a.tier === "cache" && a.outcome === "found")

export interface StaleAnswers {
  /** Soundtrack lookups that found a soundtrack. */
  readonly found: number
  readonly stale: number
  readonly share: number | null
  /** The films answered stale, latest first (at most `listed`). */
  readonly films: ReadonlyArray<{ readonly film: string; readonly at: string }>
}

export const staleAnswersOf = (soundtrackLookups: ReadonlyArray<LoggedLookupEntry>, listed = 50): StaleAnswers => {
  const found = soundtrackLookups.filter((l) => l.status === "found")
  const stale = found.filter(isStaleAnswer)
  return {
    found: found.length,
    stale: stale.length,
    share: shareOf(stale.length, found.length),
    films: stale
      .slice()
      .reverse()
      .slice(0, listed)
      .map((l) => ({ film: filmName(loggedFilm(l.query)), at: l.startedAt }))
  }
}
