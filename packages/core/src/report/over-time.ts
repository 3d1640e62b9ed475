/** Lookups and coverage per day (UTC): how many lookups of each kind, and the share of that day's films that got a soundtrack. */
import type { LoggedLookupEntry } from "../store/report-queries.js"
import { shareOf } from "./kpi.js"
import { loggedFilm } from "./logged-film.js"

export interface DayFigures {
  /** YYYY-MM-DD (UTC). */
  readonly day: string
  /** Lookups by kind. */
  readonly lookups: Readonly<Record<string, number>>
  /** Films looked up that day, and those of them a lookup that day found. */
  readonly films: number
  readonly filmsWithSoundtrack: number
  readonly coverage: number | null
}

export const figuresByDay = (lookups: ReadonlyArray<LoggedLookupEntry>): ReadonlyArray<DayFigures> => {
  const days = new Map<string, { lookups: Record<string, number>; films: Map<string, boolean> }>()
  for (const lookup of lookups) {
    const day = lookup.startedAt.slice(0, 10)
    const figures = days.get(day) ?? { lookups: {}, films: new Map<string, boolean>() }
    figures.lookups[lookup.kind] = (figures.lookups[lookup.kind] ?? 0) + 1
    if (lookup.kind === "soundtrack") {
      const key = loggedFilm(lookup.query).key
      figures.films.set(key, (figures.films.get(key) ?? false) || lookup.status === "found")
    }
    days.set(day, figures)
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, f]) => {
      const covered = [...f.films.values()].filter(Boolean).length
      return { day, lookups: f.lookups, films: f.films.size, filmsWithSoundtrack: covered, coverage: shareOf(covered, f.films.size) }
    })
}
