/**
 * Which soundtrack `liner contribute` gives back for a film: one Liner holds from a source other
 * than MusicBrainz (curated, imported, Discogs, Spotify) for a film MusicBrainz lacks.
 */
import { Effect } from "effect"
import { Origin } from "../domain/soundtrack.js"
import { filmKey } from "../store/film-key.js"
import { findSoundtracks, type StoredFilm, type StoredSoundtrack } from "../store/soundtracks.js"
import type { Store, StoreError } from "../store/store.js"

export interface ContributionFilm {
  readonly title?: string | undefined
  readonly year?: number | undefined
  readonly imdbId?: string | undefined
}

export type ContributableSoundtrack =
  /** The soundtrack to seed MusicBrainz with. */
  | { readonly _tag: "Contributable"; readonly soundtrack: StoredSoundtrack }
  /** The store holds no soundtrack of such a film. */
  | { readonly _tag: "NotHeld" }
  /** Several films answer to the title: the year or the IMDb id tells them apart. */
  | { readonly _tag: "Ambiguous"; readonly films: ReadonlyArray<StoredFilm> }
  /** MusicBrainz has it already (a lookup found it there): nothing to give back. */
  | { readonly _tag: "InMusicBrainz"; readonly film: StoredFilm; readonly releaseGroupId: string | null }

/** Hand-made entries first (a person checked them), then the sources with credits, then the others. */
const preference: ReadonlyArray<string> = ["pinned", "imported", "discogs", "spotify"]
const rank = (origin: string): number => {
  const index = preference.indexOf(origin)
  return index === -1 ? preference.length : index
}

const allOrigins = Origin.literals

/**
 * A MusicBrainz answer saved for the same film under another film row: a lookup stores the title
 * MusicBrainz gives, which may not be the curated one. The same IMDb id, or the same title key and
 * year, is the same film (the rule `markLandedContributions` follows too).
 */
const musicBrainzAnswerOf = (film: StoredFilm): Effect.Effect<StoredSoundtrack | undefined, StoreError, Store> =>
  Effect.gen(function* () {
    if (film.imdbId !== null) {
      const [byImdb] = yield* findSoundtracks({ origins: ["musicbrainz"], imdbId: film.imdbId })
      if (byImdb !== undefined) return byImdb
    }
    if (film.year === null) return undefined
    const year = film.year
    return (yield* findSoundtracks({ origins: ["musicbrainz"], normKey: filmKey(film.title), year })).find((s) => s.film.year === year)
  })

/** The film's soundtrack worth contributing, or why there is none. */
export const findContributableSoundtrack = (film: ContributionFilm): Effect.Effect<ContributableSoundtrack, StoreError, Store> =>
  Effect.gen(function* () {
    const held =
      film.imdbId !== undefined
        ? yield* findSoundtracks({ origins: allOrigins, imdbId: film.imdbId })
        : film.title !== undefined
          ? yield* findSoundtracks({ origins: allOrigins, normKey: filmKey(film.title), ...(film.year === undefined ? {} : { year: film.year }) })
          : []
    // A film stored without a year answers any year; with a year asked, films of that year only.
    const matching = film.year === undefined ? held : held.filter((s) => s.film.year === null || s.film.year === film.year)
    const films = new Map<number, StoredFilm>()
    for (const s of matching) films.set(s.film.id, s.film)
    const [only, ...others] = films.values()
    if (only === undefined) return { _tag: "NotHeld" } as const
    if (others.length > 0) return { _tag: "Ambiguous", films: [only, ...others] } as const
    const inMusicBrainz = matching.find((s) => s.origin === "musicbrainz" || s.soundtrack.album.musicbrainz !== null) ?? (yield* musicBrainzAnswerOf(only))
    if (inMusicBrainz !== undefined)
      return { _tag: "InMusicBrainz", film: only, releaseGroupId: inMusicBrainz.soundtrack.album.musicbrainz?.releaseGroupId ?? null } as const
    const [best] = [...matching].sort((a, b) => rank(a.origin) - rank(b.origin))
    return best === undefined ? ({ _tag: "NotHeld" } as const) : ({ _tag: "Contributable", soundtrack: best } as const)
  })
