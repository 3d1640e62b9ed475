import type { FilmQuery } from "../domain/film-query.js"
import type { LabelQuery } from "../domain/label.js"
import { filmKey } from "../store/film-key.js"
import { artistKeys, trackKey } from "../store/label-knowledge.js"

/** An unknown track of a DJ set: the source's own id, else a title (and artist when known). */
export interface IdentifyQuery {
  readonly trackKey?: string | undefined
  readonly title?: string | undefined
  readonly artist?: string | undefined
}

/** A lookup the queue can hold: its kind and its query. */
export type QueueRequest =
  | { readonly kind: "soundtrack"; readonly query: FilmQuery }
  | { readonly kind: "label"; readonly query: LabelQuery }
  | { readonly kind: "identify"; readonly query: IdentifyQuery }

/**
 * The key that makes one item per query. A film: its IMDb id, else its normalised title and
 * year (the same key the soundtrack cascade remembers a miss under). A track: its core title
 * and credited artists, normalised, so "Velvet Static (Extended Mix)" and "Velvet Static" by the
 * same artists are one item.
 */
export const queueKeyOf = (request: QueueRequest): string => {
  switch (request.kind) {
    case "soundtrack": {
      const q = request.query
      return q.imdbId !== undefined ? `imdb:${q.imdbId}` : `title:${filmKey(q.title ?? "")}:${q.year ?? "-"}`
    }
    case "label":
      return trackArtistKey(request.query.title, request.query.artist)
    case "identify": {
      const q = request.query
      return q.trackKey !== undefined && q.trackKey.trim() !== "" ? `key:${q.trackKey.trim()}` : trackArtistKey(q.title ?? "", q.artist)
    }
  }
}

const trackArtistKey = (title: string, artist: string | undefined): string => {
  const artists = artist === undefined ? [] : [...new Set(artistKeys(artist).map((a) => a.key))].sort()
  return `track:${trackKey(title)}|${artists.join(",")}`
}
