import { Either } from "effect"
import type { Cheerio, Element } from "cheerio"
import type { StoreTrackHit } from "../hit.js"
import { cleanCatalogNumber } from "./catalog-number.js"
import { absoluteUrl, brSegments, type CheerioAPI, cleanText, dayMonthYear, intOrNull, loadHtml, ownText, textOrNull, texts } from "./html.js"
import { splitTrailingMix } from "./mix.js"
import { PageChanged } from "./page-problem.js"

/**
 * Juno Download: server-rendered Bootstrap HTML, no JSON. Artists are shown in UPPER CASE,
 * versions in lower case with "Original Mix" left out, and several blocks are `<br>`-separated
 * text read node by node.
 */

/** One track on Juno: from a search list (either view) or a product page. */
export interface JunoTrack {
  /** As shown: "Velvet Static (extended mix)". */
  readonly titleDisplay: string
  readonly title: string
  readonly mix: string | null
  /** As shown (upper case), or the track's own artist on a VA release. */
  readonly artistsDisplay: ReadonlyArray<string>
  readonly label: string | null
  readonly catalogNumber: string | null
  readonly releaseTitle: string | null
  readonly releaseDate: string | null
  readonly genre: string | null
  readonly bpm: number | null
  /** "6:24". */
  readonly duration: string | null
  readonly trackNumber: number | null
  readonly url: string
}

/** One release on Juno: a release-view search item or a product page. */
export interface JunoRelease {
  readonly releaseTitle: string
  readonly artistsDisplay: ReadonlyArray<string>
  /** Shown as "VARIOUS". */
  readonly various: boolean
  readonly label: string | null
  readonly catalogNumber: string | null
  readonly releaseDate: string | null
  readonly genre: string | null
  readonly url: string
  readonly tracks: ReadonlyArray<JunoTrack>
}

/** A search page in the release view (the default) or the track view (`list_view=tracks`). */
export type JunoSearchPage =
  | { readonly view: "releases"; readonly releases: ReadonlyArray<JunoRelease> }
  | { readonly view: "tracks"; readonly tracks: ReadonlyArray<JunoTrack> }

const artistsOf = ($: CheerioAPI, el: Cheerio<Element>): ReadonlyArray<string> => {
  const linked = texts($, el.find("a"))
  if (linked.length > 0) return linked
  return cleanText(el.text())
    .split(" / ")
    .map((a) => a.trim())
    .filter((a) => a !== "")
}

const isVarious = (artists: ReadonlyArray<string>): boolean => artists.length === 1 && /^various( artists)?$/i.test(artists[0] ?? "")

/** `Title - (6:24)` or, on a VA release, `Artist - "Title" - (7:02)`. */
const parseTracklistLine = (line: string): { readonly artist: string | null; readonly titleDisplay: string; readonly duration: string | null } => {
  const timed = line.match(/^(.*?)\s*-\s*\((\d+:\d{2})\)\s*$/)
  const body = (timed?.[1] ?? line).trim()
  const duration = timed?.[2] ?? null
  const va = body.match(/^(.+?)\s+-\s+"(.+)"$/)
  return va === null
    ? { artist: null, titleDisplay: body, duration }
    : { artist: (va[1] ?? "").trim(), titleDisplay: (va[2] ?? "").trim(), duration }
}

/** Cat#, date and genre: `CAT<br>14 Mar 25<br>Deep House`, or only date and genre when there is no cat#. */
const parseInfoBlock = (parts: ReadonlyArray<string>) => {
  const dateAt = parts.findIndex((p) => dayMonthYear(p) !== null)
  if (dateAt < 0) return { catalogNumber: null, releaseDate: null, genre: null }
  return {
    catalogNumber: dateAt > 0 ? cleanCatalogNumber(parts.slice(0, dateAt).join(" ")) : null,
    releaseDate: dayMonthYear(parts[dateAt] ?? ""),
    genre: parts[dateAt + 1] ?? null
  }
}

const withTrackNumber = (releaseUrl: string, n: number | null): string => {
  if (n === null) return releaseUrl
  const url = new URL(releaseUrl)
  url.searchParams.set("track_number", String(n))
  return url.toString()
}

const releaseItem = ($: CheerioAPI, item: Cheerio<Element>, base: string): JunoRelease | null => {
  const titleLink = item.find("a.juno-title").first()
  const releaseTitle = textOrNull(titleLink)
  const url = absoluteUrl(titleLink.attr("href"), base)
  if (releaseTitle === null || url === null) return null // promo and junk rows
  const artistsDisplay = artistsOf($, item.find(".juno-artist").first())
  const various = isVarious(artistsDisplay)
  const label = textOrNull(item.find("a.juno-label"))
  const info = parseInfoBlock(brSegments($, item.find(".text-right .text-sm").first()))
  const tracks = item
    .find(".jd-listing-tracklist > div")
    .toArray()
    .flatMap((row): Array<JunoTrack> => {
      const col = $(row).children("div.col").not(".col-auto").first()
      if (col.length === 0) return []
      const line = parseTracklistLine(ownText(col))
      if (line.titleDisplay === "") return []
      const trackNumber = intOrNull($(row).find("[data-track_number]").attr("data-track_number"))
      return [
        {
          titleDisplay: line.titleDisplay,
          ...splitTrailingMix(line.titleDisplay),
          artistsDisplay: line.artist !== null ? [line.artist] : artistsDisplay,
          label,
          catalogNumber: info.catalogNumber,
          releaseTitle,
          releaseDate: info.releaseDate,
          genre: info.genre,
          bpm: intOrNull(col.children().text().match(/(\d+)\s*BPM/i)?.[1]),
          duration: line.duration,
          trackNumber,
          url: withTrackNumber(url, trackNumber)
        }
      ]
    })
  return { releaseTitle, artistsDisplay, various, label, ...info, url, tracks }
}

const trackItem = ($: CheerioAPI, item: Cheerio<Element>, base: string): JunoTrack | null => {
  const titleLink = item.find("a.juno-title").first()
  const titleDisplay = textOrNull(titleLink)
  const url = absoluteUrl(titleLink.attr("href"), base)
  if (titleDisplay === null || url === null) return null
  const label = textOrNull(item.find(".lit-label-genre a.juno-label"))
  const labelGenre = brSegments($, item.find(".lit-label-genre").first())
  const dateLengthTempo = brSegments($, item.find(".lit-date-length-tempo").first())
  const timing = dateLengthTempo.find((p) => /\d+:\d{2}/.test(p)) ?? ""
  const date = dateLengthTempo.map(dayMonthYear).find((d) => d !== null) ?? null
  return {
    titleDisplay,
    ...splitTrailingMix(titleDisplay),
    artistsDisplay: artistsOf($, item.find(".juno-artist").first()),
    label,
    catalogNumber: null,
    releaseTitle: null,
    releaseDate: date,
    genre: labelGenre.filter((p) => p !== label).at(-1) ?? null,
    bpm: intOrNull(timing.match(/(\d+)\s*BPM/i)?.[1]),
    duration: timing.match(/\d+:\d{2}/)?.[0] ?? null,
    trackNumber: intOrNull(new URL(url).searchParams.get("track_number")),
    url
  }
}

/**
 * A Juno search page, in whichever view it came: release items (`data-ua_location="release"`)
 * or track items (`data-ua_location="track"`). Rows without a title link (promos) are skipped.
 * A page that is neither a result list nor an empty search has changed.
 */
export const parseJunoSearch = (html: string, base: string): Either.Either<JunoSearchPage, PageChanged> => {
  const $ = loadHtml(html)
  const trackItems = $(".jd-listing-item-track")
  if (trackItems.length > 0) {
    const tracks = trackItems.toArray().flatMap((el) => trackItem($, $(el), base) ?? [])
    if (tracks.length === 0) return Either.left(new PageChanged({ site: "junodownload", page: "search", reason: "no track item has a title link" }))
    return Either.right({ view: "tracks", tracks })
  }
  const items = $(".jd-listing-item")
  const releases = items.toArray().flatMap((el) => releaseItem($, $(el), base) ?? [])
  if (items.length > 0 && releases.length === 0) {
    return Either.left(new PageChanged({ site: "junodownload", page: "search", reason: "no release item has a title link" }))
  }
  if (items.length === 0 && $("#searchform, .juno-search").length === 0) {
    return Either.left(new PageChanged({ site: "junodownload", page: "search", reason: "no result list on the page" }))
  }
  return Either.right({ view: "releases", releases })
}

/** A Juno product (release) page: `#product-page-digi`, schema.org MusicAlbum microdata. */
export const parseJunoProduct = (html: string, base: string): Either.Either<JunoRelease, PageChanged> => {
  const $ = loadHtml(html)
  const page = $("#product-page-digi").first()
  const releaseTitle = textOrNull(page.find(".product-title a")) ?? page.find("meta[itemprop=name]").attr("content") ?? null
  if (page.length === 0 || releaseTitle === null) {
    return Either.left(new PageChanged({ site: "junodownload", page: "product", reason: "no #product-page-digi with a title" }))
  }
  const artistsDisplay = artistsOf($, page.find(".product-artist").first())
  const label = textOrNull(page.find(".product-label a")) ?? page.find("meta[itemprop=author]").attr("content") ?? null
  const catLine = page
    .find(".mb-2")
    .toArray()
    .flatMap((el) => brSegments($, $(el)))
    .find((p) => /^Cat:/i.test(p))
  const releaseDate = dayMonthYear(cleanText(page.find("[itemprop=datePublished]").first().text()))
  const genre = page.find("meta[itemprop=genre]").attr("content") ?? textOrNull(page.find(".mb-2 a"))
  const url = absoluteUrl(page.find(".product-title a").attr("href"), base) ?? base
  const catalogNumber = cleanCatalogNumber(catLine?.replace(/^Cat:\s*/i, ""))
  const tracks = page
    .find(".product-tracklist-track")
    .toArray()
    .flatMap((row): Array<JunoTrack> => {
      const r = $(row)
      const name = cleanText(r.find("[itemprop=name]").first().text())
      if (name === "") return []
      const byArtist = r.find("meta[itemprop=byArtist]").attr("content")
      const titleDisplay = byArtist !== undefined && name.startsWith(`${byArtist} - `) ? name.slice(byArtist.length + 3) : name
      const cells = r.find(".col-1.text-center")
      return [
        {
          titleDisplay,
          ...splitTrailingMix(titleDisplay),
          artistsDisplay: byArtist !== undefined ? [byArtist] : artistsDisplay,
          label,
          catalogNumber,
          releaseTitle,
          releaseDate,
          genre: genre ?? null,
          bpm: intOrNull(ownText(cells.eq(1))),
          duration: ownText(cells.eq(0)).match(/\d+:\d{2}/)?.[0] ?? null,
          trackNumber: intOrNull(ownText(r.find(".track-title"))),
          url: absoluteUrl(r.find("a[itemprop=url]").attr("href"), base) ?? url
        }
      ]
    })
  return Either.right({
    releaseTitle,
    artistsDisplay,
    various: isVarious(artistsDisplay),
    label,
    catalogNumber,
    releaseDate,
    genre: genre ?? null,
    url,
    tracks
  })
}

/** Every track of a search page, release items flattened to their tracklists. */
export const junoSearchTracks = (page: JunoSearchPage): ReadonlyArray<JunoTrack> =>
  page.view === "tracks" ? page.tracks : page.releases.flatMap((r) => r.tracks)

export const junoHit = (track: JunoTrack): StoreTrackHit => ({
  site: "junodownload",
  title: track.title,
  mix: track.mix,
  artists: track.artistsDisplay,
  remixers: [],
  label: track.label,
  catalogNumber: track.catalogNumber,
  release: track.releaseTitle,
  releaseDate: track.releaseDate,
  url: track.url,
  releaseUrl: junoProductUrl(track.url)
})

/** The product page of a track URL (`…/5912345-02/?track_number=2` → `…/5912345-02/`). */
export const junoProductUrl = (trackUrl: string): string => {
  const url = new URL(trackUrl)
  url.search = ""
  url.hash = ""
  return url.toString()
}
