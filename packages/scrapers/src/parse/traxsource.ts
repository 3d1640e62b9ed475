import { Either } from "effect"
import type { Cheerio, Element } from "cheerio"
import type { StoreTrackHit } from "../hit.js"
import { cleanCatalogNumber } from "./catalog-number.js"
import { absoluteUrl, brSegments, type CheerioAPI, cleanText, intOrNull, isoDate, loadHtml, ownText, textOrNull, texts } from "./html.js"
import { PageChanged } from "./page-problem.js"

/**
 * Traxsource: server-rendered HTML, no JSON. Search rows carry neither a catalogue number nor
 * a release title: those live on the title (release) page, reached through the track page.
 */

/** A track row: on a search page (with label) or a title page (without). */
export interface TraxsourceTrack {
  readonly trackId: number
  readonly title: string
  readonly version: string | null
  readonly artists: ReadonlyArray<string>
  readonly remixers: ReadonlyArray<string>
  readonly label: string | null
  /** "Amin", "F#min". */
  readonly key: string | null
  readonly bpm: number | null
  readonly genre: string | null
  readonly releaseDate: string | null
  readonly preorder: boolean
  /** "6:24". */
  readonly duration: string | null
  /** From the buy button's `data-cart`; a shortcut to the title page when present. */
  readonly titleId: number | null
  readonly trackNumber: number | null
  readonly url: string
}

/** A track page: the release link, and the details table. */
export interface TraxsourceTrackPage {
  readonly title: string
  readonly version: string | null
  readonly artists: ReadonlyArray<string>
  readonly remixers: ReadonlyArray<string>
  readonly releaseTitle: string | null
  readonly releaseUrl: string | null
  readonly label: string | null
  readonly releaseDate: string | null
  readonly duration: string | null
  readonly key: string | null
  readonly bpm: number | null
  readonly genre: string | null
}

/** A title (release) page: the one place with the catalogue number. */
export interface TraxsourceTitlePage {
  readonly releaseTitle: string
  readonly releaseArtists: ReadonlyArray<string>
  readonly label: string | null
  readonly catalogNumber: string | null
  readonly releaseDate: string | null
  readonly trackTotal: number
  readonly tracks: ReadonlyArray<TraxsourceTrack>
}

/** The title page of a release id (the slug is optional on Traxsource). */
export const traxsourceTitleUrl = (titleId: number, base: string): string => new URL(`/title/${titleId}`, base).toString()

const trackRow = ($: CheerioAPI, row: Cheerio<Element>, base: string): TraxsourceTrack | null => {
  const titleLink = row.find(".title a").first()
  const title = textOrNull(titleLink)
  const trackId = intOrNull(row.attr("data-trid")) ?? intOrNull(titleLink.attr("href")?.match(/\/track\/(\d+)/)?.[1])
  const url = absoluteUrl(titleLink.attr("href"), base)
  if (title === null || trackId === null || url === null) return null
  const versionEl = row.find(".title .version").first()
  const version = ownText(versionEl)
  const keyBpm = brSegments($, row.find(".key-bpm").first())
  const rDate = cleanText(row.find(".r-date").first().text())
  return {
    trackId,
    title,
    version: version === "" ? null : version,
    artists: texts($, row.find(".artists a.com-artists")),
    remixers: texts($, row.find(".artists a.com-remixers")),
    label: textOrNull(row.find(".label")),
    key: keyBpm[0] ?? null,
    bpm: intOrNull(keyBpm[1]),
    genre: textOrNull(row.find(".genre")),
    releaseDate: isoDate(rDate),
    preorder: /pre-?order/i.test(rDate),
    duration: cleanText(versionEl.find(".duration").text()).replace(/[()]/g, "") || null,
    titleId: intOrNull(row.find("[data-cart]").attr("data-cart")?.match(/title_id\D*(\d+)/)?.[1]),
    trackNumber: intOrNull(row.find(".tnum").first().text()),
    url
  }
}

const rows = ($: CheerioAPI, scope: Cheerio<Element>, base: string): ReadonlyArray<TraxsourceTrack> =>
  scope
    .find(".trk-row.play-trk")
    .toArray()
    .flatMap((el) => trackRow($, $(el), base) ?? [])

/**
 * The tracks of a search page (`/search/tracks?term=`; the "all" page has the same list).
 * A page without `#searchTrackList` holds no results (none found); rows that are there but
 * cannot be read mean the layout changed.
 */
export const parseTraxsourceSearch = (html: string, base: string): Either.Either<ReadonlyArray<TraxsourceTrack>, PageChanged> => {
  const $ = loadHtml(html)
  const list = $("#searchTrackList").first()
  const found = rows($, list, base)
  const rowCount = list.find(".trk-row").not(".hdr").length
  if (rowCount > 0 && found.length === 0) {
    return Either.left(new PageChanged({ site: "traxsource", page: "search", reason: "no track row has a title link" }))
  }
  if (list.length === 0 && $(".search-res, #srchForm").length === 0) {
    return Either.left(new PageChanged({ site: "traxsource", page: "search", reason: "no search result list on the page" }))
  }
  return Either.right(found)
}

/** A track page (`/track/<id>/<slug>`): title, version, credits, the release link and the details table. */
export const parseTraxsourceTrackPage = (html: string, base: string): Either.Either<TraxsourceTrackPage, PageChanged> => {
  const $ = loadHtml(html)
  const title = textOrNull($("h1.title"))
  if (title === null) return Either.left(new PageChanged({ site: "traxsource", page: "track", reason: "no h1.title" }))
  const details = new Map<string, string>()
  $(".tr-details tr").each((_, tr) => {
    const cells = $(tr).find("td")
    const key = cleanText(cells.eq(0).text()).replace(/:$/, "").toLowerCase()
    if (key !== "") details.set(key, cleanText(cells.eq(1).text()))
  })
  const release = $(".ttl-info a").first()
  const detail = (k: string): string | null => {
    const v = details.get(k)
    return v === undefined || v === "" ? null : v
  }
  return Either.right({
    title,
    version: textOrNull($("h1.version")),
    artists: texts($, $(".page-head .artists a.com-artists")),
    remixers: texts($, $(".page-head a.com-remixers")),
    releaseTitle: textOrNull(release),
    releaseUrl: absoluteUrl(release.attr("href"), base),
    label: detail("label") ?? textOrNull($("a.com-label")),
    releaseDate: isoDate(detail("released")),
    duration: detail("length"),
    key: detail("key"),
    bpm: intOrNull(detail("bpm")),
    genre: detail("genre")
  })
}

/** A title (release) page (`/title/<id>/<slug>`): label, "CAT | YYYY-MM-DD", and the tracklist. */
export const parseTraxsourceTitlePage = (html: string, base: string): Either.Either<TraxsourceTitlePage, PageChanged> => {
  const $ = loadHtml(html)
  const releaseTitle = textOrNull($(".page-head h1.title, h1.title").first())
  if (releaseTitle === null) return Either.left(new PageChanged({ site: "traxsource", page: "title", reason: "no h1.title" }))
  // "NGRCOMP03 | 2025-05-02"; a single part is the date alone (no catalogue number).
  const parts = cleanText($(".cat-rdate").first().text())
    .split("|")
    .map((p) => p.trim())
    .filter((p) => p !== "")
  const dateAt = parts.findIndex((p) => isoDate(p) !== null)
  const tracks = rows($, $("body"), base)
  return Either.right({
    releaseTitle,
    releaseArtists: texts($, $("h1.artists a.com-artists")),
    label: textOrNull($("a.com-label")),
    catalogNumber: dateAt > 0 ? cleanCatalogNumber(parts.slice(0, dateAt).join(" ")) : null,
    releaseDate: dateAt >= 0 ? isoDate(parts[dateAt]) : null,
    trackTotal: tracks.length,
    tracks
  })
}

export const traxsourceHit = (track: TraxsourceTrack): StoreTrackHit => ({
  site: "traxsource",
  title: track.title,
  mix: track.version,
  artists: track.artists,
  remixers: track.remixers,
  label: track.label,
  catalogNumber: null,
  release: null,
  releaseDate: track.releaseDate,
  url: track.url,
  releaseUrl: track.titleId === null ? null : traxsourceTitleUrl(track.titleId, track.url)
})
