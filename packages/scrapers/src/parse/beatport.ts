import { Either, Schema } from "effect"
import type { StoreTrackHit } from "../hit.js"
import { cleanCatalogNumber } from "./catalog-number.js"
import { isoDate, loadHtml } from "./html.js"
import { PageBlocked, PageChanged, type PageProblem } from "./page-problem.js"

/**
 * Beatport is a Next.js site: the data is JSON in `<script id="__NEXT_DATA__">`, a TanStack
 * Query cache at `props.pageProps.dehydratedState.queries[]`. The entries are found by the
 * shape of their data, not by position or query key, and every item is decoded with a Schema
 * (unknown fields ignored). Styled-component class names change with each deploy: never used.
 */

const Nullable = <S extends Schema.Schema.Any>(s: S) => Schema.optional(Schema.NullOr(s))

const SearchArtist = Schema.Struct({
  artist_name: Schema.String,
  artist_type_name: Nullable(Schema.String)
})

/** A search-service item (`/search/tracks` data[] and the "all" page's tracks.data[]). */
const SearchItem = Schema.Struct({
  track_id: Schema.Number,
  track_name: Schema.String,
  mix_name: Nullable(Schema.String),
  artists: Nullable(Schema.Array(SearchArtist)),
  label: Nullable(Schema.Struct({ label_name: Schema.String, label_id: Nullable(Schema.Number) })),
  catalog_number: Nullable(Schema.String),
  release: Nullable(Schema.Struct({ release_name: Nullable(Schema.String), release_id: Nullable(Schema.Number) })),
  release_date: Nullable(Schema.String),
  publish_date: Nullable(Schema.String),
  publish_status: Nullable(Schema.String),
  length: Nullable(Schema.Number),
  bpm: Nullable(Schema.Number),
  key_name: Nullable(Schema.String),
  isrc: Nullable(Schema.String),
  genre: Nullable(Schema.Array(Schema.Struct({ genre_name: Schema.String })))
})
type SearchItem = typeof SearchItem.Type

const Named = Schema.Struct({ name: Schema.String })

/** A v4-catalog track, as on `/track/<slug>/<id>`. */
const CatalogTrack = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  mix_name: Nullable(Schema.String),
  slug: Nullable(Schema.String),
  artists: Nullable(Schema.Array(Named)),
  remixers: Nullable(Schema.Array(Named)),
  release: Schema.Struct({
    id: Nullable(Schema.Number),
    name: Nullable(Schema.String),
    label: Nullable(Schema.Struct({ name: Schema.String, id: Nullable(Schema.Number) }))
  }),
  catalog_number: Nullable(Schema.String),
  new_release_date: Nullable(Schema.String),
  publish_date: Nullable(Schema.String),
  length_ms: Nullable(Schema.Number),
  bpm: Nullable(Schema.Number),
  key: Nullable(Named),
  isrc: Nullable(Schema.String),
  genre: Nullable(Named),
  sub_genre: Nullable(Named)
})
type CatalogTrack = typeof CatalogTrack.Type

/** One Beatport track, from a search page or a track page. */
export interface BeatportTrack {
  readonly trackId: number
  readonly title: string
  readonly mix: string | null
  readonly artists: ReadonlyArray<string>
  readonly remixers: ReadonlyArray<string>
  readonly label: string | null
  readonly catalogNumber: string | null
  readonly releaseTitle: string | null
  readonly releaseId: number | null
  readonly releaseDate: string | null
  readonly isrc: string | null
  readonly bpm: number | null
  readonly key: string | null
  readonly genre: string | null
  /** Track pages only. */
  readonly subGenre: string | null
  readonly durationMs: number | null
  readonly preorder: boolean
  readonly url: string
}

/** Beatport's URL slug: diacritics dropped, lower case, words joined by dashes (the site ignores it). */
export const beatportSlug = (name: string): string =>
  name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")

const trackUrl = (base: string, slug: string, id: number): string =>
  new URL(`/track/${slug === "" ? "-" : slug}/${id}`, base).toString()

const REMIXER_ROLES = new Set(["remixer", "beatsource remixer"])

const fromSearchItem = (item: SearchItem, base: string): BeatportTrack => {
  const credits = item.artists ?? []
  const role = (a: (typeof credits)[number]) => (a.artist_type_name ?? "Artist").toLowerCase()
  return {
    trackId: item.track_id,
    title: item.track_name,
    mix: item.mix_name ?? null,
    artists: credits.filter((a) => role(a) === "artist").map((a) => a.artist_name),
    remixers: credits.filter((a) => REMIXER_ROLES.has(role(a))).map((a) => a.artist_name),
    label: item.label?.label_name ?? null,
    catalogNumber: cleanCatalogNumber(item.catalog_number),
    releaseTitle: item.release?.release_name ?? null,
    releaseId: item.release?.release_id ?? null,
    releaseDate: isoDate(item.release_date ?? item.publish_date),
    isrc: item.isrc ?? null,
    bpm: item.bpm ?? null,
    key: item.key_name ?? null,
    genre: item.genre?.[0]?.genre_name ?? null,
    subGenre: null,
    durationMs: item.length ?? null,
    preorder: item.publish_status === "preorder",
    url: trackUrl(base, beatportSlug(item.track_name), item.track_id)
  }
}

const fromCatalogTrack = (track: CatalogTrack, base: string): BeatportTrack => ({
  trackId: track.id,
  title: track.name,
  mix: track.mix_name ?? null,
  artists: (track.artists ?? []).map((a) => a.name),
  remixers: (track.remixers ?? []).map((a) => a.name),
  label: track.release.label?.name ?? null,
  catalogNumber: cleanCatalogNumber(track.catalog_number),
  releaseTitle: track.release.name ?? null,
  releaseId: track.release.id ?? null,
  releaseDate: isoDate(track.new_release_date ?? track.publish_date),
  isrc: track.isrc ?? null,
  bpm: track.bpm ?? null,
  key: track.key?.name ?? null,
  genre: track.genre?.name ?? null,
  subGenre: track.sub_genre?.name ?? null,
  durationMs: track.length_ms ?? null,
  preorder: false,
  url: trackUrl(base, track.slug ?? beatportSlug(track.name), track.id)
})

/** The `data` of every cached query on the page; blocked when the page carries no `__NEXT_DATA__`. */
const queryData = (html: string, page: string): Either.Either<ReadonlyArray<unknown>, PageProblem> => {
  const script = loadHtml(html)("script#__NEXT_DATA__").first().text()
  if (script.trim() === "") {
    // A Beatport page always carries it; its absence means a bot check answered instead.
    return Either.left(new PageBlocked({ site: "beatport", reason: "the page has no __NEXT_DATA__" }))
  }
  let doc: unknown
  try {
    doc = JSON.parse(script)
  } catch {
    return Either.left(new PageChanged({ site: "beatport", page, reason: "__NEXT_DATA__ is not JSON" }))
  }
  const queries = (doc as { props?: { pageProps?: { dehydratedState?: { queries?: unknown } } } })?.props?.pageProps
    ?.dehydratedState?.queries
  if (!Array.isArray(queries)) {
    return Either.left(new PageChanged({ site: "beatport", page, reason: "no dehydratedState.queries in __NEXT_DATA__" }))
  }
  return Either.right(queries.map((q) => (q as { state?: { data?: unknown } })?.state?.data))
}

/** The item list of a search query: `/search/tracks` (`data[]`) or the "all" page (`tracks.data[]`). */
const searchItems = (data: unknown): ReadonlyArray<unknown> | undefined => {
  const d = data as { data?: unknown; tracks?: { data?: unknown } } | null | undefined
  if (Array.isArray(d?.data)) return d.data
  if (Array.isArray(d?.tracks?.data)) return d.tracks.data
  return undefined
}

const decodeSearchItem = Schema.decodeUnknownEither(SearchItem)
const decodeCatalogTrack = Schema.decodeUnknownEither(CatalogTrack)

/**
 * The tracks of a Beatport search page (`/search/tracks?q=` or `/search?q=`), in page order.
 * An empty list is a real "no results"; items the schema cannot read are skipped, and a page
 * whose every item is unreadable has changed.
 */
export const parseBeatportSearch = (html: string, base: string): Either.Either<ReadonlyArray<BeatportTrack>, PageProblem> =>
  Either.flatMap(queryData(html, "search"), (datas) => {
    const lists = datas.map(searchItems).filter((l): l is ReadonlyArray<unknown> => l !== undefined)
    const items = lists[0]
    if (items === undefined) {
      return Either.left(new PageChanged({ site: "beatport", page: "search", reason: "no query holds a list of search items" }))
    }
    const tracks = items.flatMap((item) => {
      const decoded = decodeSearchItem(item)
      return Either.isRight(decoded) ? [fromSearchItem(decoded.right, base)] : []
    })
    if (items.length > 0 && tracks.length === 0) {
      return Either.left(new PageChanged({ site: "beatport", page: "search", reason: "no search item has the expected fields" }))
    }
    return Either.right(tracks)
  })

/** The track of a Beatport track page (`/track/<slug>/<id>`), label taken from its release. */
export const parseBeatportTrack = (html: string, base: string): Either.Either<BeatportTrack, PageProblem> =>
  Either.flatMap(queryData(html, "track"), (datas) => {
    for (const data of datas) {
      const decoded = decodeCatalogTrack(data)
      if (Either.isRight(decoded)) return Either.right(fromCatalogTrack(decoded.right, base))
    }
    return Either.left(new PageChanged({ site: "beatport", page: "track", reason: "no query holds a catalogue track" }))
  })

export const beatportHit = (track: BeatportTrack): StoreTrackHit => ({
  site: "beatport",
  title: track.title,
  mix: track.mix,
  artists: track.artists,
  remixers: track.remixers,
  label: track.label,
  catalogNumber: track.catalogNumber,
  release: track.releaseTitle,
  releaseDate: track.releaseDate,
  url: track.url,
  releaseUrl:
    track.releaseId === null
      ? null
      : new URL(`/release/${beatportSlug(track.releaseTitle ?? "") || "-"}/${track.releaseId}`, track.url).toString()
})
