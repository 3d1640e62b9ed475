/**
 * The cache hit rate "after the first run": of the soundtrack lookups of a film that had been
 * looked up before, how many the store answered without asking the network — a fresh cached (or
 * pinned) soundtrack, or a remembered "not found" that is not asked again yet. The first lookup of
 * a film cannot hit, so it is left out; a stale answer is not a hit (the sources were asked and failed).
 */
import type { LoggedLookupEntry } from "../store/report-queries.js"
import { shareOf } from "./kpi.js"
import { loggedFilm } from "./logged-film.js"
import { isStaleAnswer } from "./stale-answers.js"

/** The soundtrack cascade's note on a skipped network tier when a miss is remembered (finder.ts). */
const rememberedMiss = /^not found on /

export const isStoreAnswer = (lookup: LoggedLookupEntry): boolean =>
  lookup.status === "found"
    ? (lookup.source === "cache" || lookup.source === "pinned") && !isStaleAnswer(lookup)
    : lookup.status === "not_found" && lookup.attempts.some((a) => a.outcome === "skipped" && rememberedMiss.test(a.detail ?? ""))

export interface CacheHitRate {
  /** Lookups of films looked up before (earlier in the period, or before it). */
  readonly repeatLookups: number
  readonly hits: number
  readonly rate: number | null
  /** First lookups of a film: not counted. */
  readonly firstLookups: number
}

/** `soundtrackLookups` oldest first; `earlierQueries`: what was looked up before the period. */
export const cacheHitRateOf = (soundtrackLookups: ReadonlyArray<LoggedLookupEntry>, earlierQueries: ReadonlyArray<unknown>): CacheHitRate => {
  const seen = new Set(earlierQueries.map((q) => loggedFilm(q).key))
  let repeatLookups = 0
  let hits = 0
  for (const lookup of soundtrackLookups) {
    const key = loggedFilm(lookup.query).key
    if (seen.has(key)) {
      repeatLookups++
      if (isStoreAnswer(lookup)) hits++
    } else seen.add(key)
  }
  return { repeatLookups, hits, rate: shareOf(hits, repeatLookups), firstLookups: soundtrackLookups.length - repeatLookups }
}
