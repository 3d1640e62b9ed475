import type { Soundtrack, Track } from "@liner/core"
import type { WikidataFilm } from "./schemas.js"

/**
 * Composers and lyricists MusicBrainz lacks, filled from the film's Wikidata item and marked
 * (`creditSources`). Only when Wikidata names exactly one person for the role: the film's one
 * music director composed its songs; two composers or lyricists may have split the songs, and
 * which wrote what is not known — unknown stays `[]`, never guessed.
 */

export const wikidataCreditSource = "wikidata"

const lacksCredits = (track: Track) => track.composers.length === 0 || track.lyricists.length === 0

/** True when some track has no composer or no lyricist: Wikidata may fill them. */
export const soundtrackLacksCredits = (soundtrack: Soundtrack): boolean => soundtrack.tracks.some(lacksCredits)

export const fillCreditsFromWikidata = (soundtrack: Soundtrack, film: WikidataFilm): Soundtrack => {
  const composer = film.composers.length === 1 ? film.composers : undefined
  const lyricist = film.lyricists.length === 1 ? film.lyricists : undefined
  if (composer === undefined && lyricist === undefined) return soundtrack
  const tracks = soundtrack.tracks.map((track): Track => {
    const fillComposers = composer !== undefined && track.composers.length === 0
    const fillLyricists = lyricist !== undefined && track.lyricists.length === 0
    if (!fillComposers && !fillLyricists) return track
    return {
      ...track,
      composers: fillComposers ? composer : track.composers,
      lyricists: fillLyricists ? lyricist : track.lyricists,
      creditSources: {
        ...track.creditSources,
        ...(fillComposers ? { composers: wikidataCreditSource } : {}),
        ...(fillLyricists ? { lyricists: wikidataCreditSource } : {})
      }
    }
  })
  return { ...soundtrack, tracks }
}

/**
 * The soundtrack without the credits Wikidata filled: what the store keeps, since it has no
 * place for a credit's source yet — a cached answer shows them as unknown rather than as
 * MusicBrainz's own.
 */
export const withoutFilledCredits = (soundtrack: Soundtrack): Soundtrack =>
  soundtrack.tracks.some((t) => t.creditSources !== undefined)
    ? {
        ...soundtrack,
        tracks: soundtrack.tracks.map(({ creditSources, ...track }): Track =>
          creditSources === undefined
            ? track
            : {
                ...track,
                composers: creditSources.composers === wikidataCreditSource ? [] : track.composers,
                lyricists: creditSources.lyricists === wikidataCreditSource ? [] : track.lyricists
              }
        )
      }
    : soundtrack
