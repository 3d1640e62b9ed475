import { Effect, Either } from "effect"
import type { FetchedPage } from "../fetch/fetched-page.js"
import { SiteFailure } from "../fetch/site-client.js"
import type { StoreTrackHit } from "../hit.js"
import { beatportHit, parseBeatportSearch, parseBeatportTrack } from "../parse/beatport.js"
import { junoHit, junoProductUrl, junoSearchTracks, parseJunoProduct, parseJunoSearch } from "../parse/junodownload.js"
import { PageChanged, type PageProblem } from "../parse/page-problem.js"
import { parseTraxsourceSearch, parseTraxsourceTitlePage, parseTraxsourceTrackPage, traxsourceHit } from "../parse/traxsource.js"
import type { StoreSite } from "../site.js"
import { fillMissing, type GetPage, type StoreAdapter } from "./store-adapter.js"

/** A search page must answer 200; anything else means the URL scheme changed. */
const searchPage = <A>(
  site: StoreSite,
  page: FetchedPage,
  parse: (html: string) => Either.Either<A, PageProblem>
): Either.Either<A, PageProblem> =>
  page.status === 200
    ? parse(page.body)
    : Either.left(new PageChanged({ site, page: "search", reason: `the search page answered HTTP ${page.status}` }))

/** A detail page's parsed content, or undefined when it is missing or unreadable; blocked fails. */
const detail = <A>(
  site: StoreSite,
  get: GetPage,
  url: string,
  parse: (html: string) => Either.Either<A, PageProblem>
): Effect.Effect<A | undefined, SiteFailure> =>
  Effect.flatMap(get(url), (page) => {
    if (page.status !== 200) return Effect.succeed(undefined)
    const parsed = parse(page.body)
    if (Either.isRight(parsed)) return Effect.succeed(parsed.right)
    const problem = parsed.left
    return problem._tag === "PageBlocked"
      ? Effect.fail(new SiteFailure({ site, url, kind: "blocked", reason: problem.reason, retryable: false }))
      : Effect.succeed(undefined)
  })

const searchUrl = (base: string, path: string, params: ReadonlyArray<readonly [string, string]>): string => {
  const url = new URL(path, base)
  for (const [k, v] of params) url.searchParams.append(k, v)
  return url.toString()
}

const complete = (hit: StoreTrackHit): boolean => hit.label !== null && hit.catalogNumber !== null

/** Beatport: search JSON, then the track page (its release carries the label). */
export const beatportAdapter = (base: string): StoreAdapter => ({
  site: "beatport",
  searchUrl: (text) => searchUrl(base, "/search/tracks", [["q", text]]),
  parseSearch: (page) =>
    Either.map(
      searchPage("beatport", page, (html) => parseBeatportSearch(html, base)),
      (tracks) => tracks.map(beatportHit)
    ),
  complete: (hit, get) =>
    complete(hit)
      ? Effect.succeed(hit)
      : Effect.map(detail("beatport", get, hit.url, (html) => parseBeatportTrack(html, base)), (track) =>
          track === undefined ? hit : fillMissing(hit, { ...track, release: track.releaseTitle })
        )
})

/** Juno Download: the track-view search, then the product (release) page. */
export const junoAdapter = (base: string): StoreAdapter => ({
  site: "junodownload",
  searchUrl: (text) =>
    searchUrl(base, "/search/", [
      ["q[all][]", text],
      ["solrorder", "relevancy"],
      ["list_view", "tracks"]
    ]),
  parseSearch: (page) =>
    Either.map(
      searchPage("junodownload", page, (html) => parseJunoSearch(html, base)),
      (result) => junoSearchTracks(result).map(junoHit)
    ),
  complete: (hit, get) =>
    complete(hit)
      ? Effect.succeed(hit)
      : Effect.map(detail("junodownload", get, junoProductUrl(hit.url), (html) => parseJunoProduct(html, base)), (release) =>
          release === undefined ? hit : fillMissing(hit, { ...release, release: release.releaseTitle })
        )
})

/** Traxsource: search rows, then the track page (label, release link), then the title page (cat#). */
export const traxsourceAdapter = (base: string): StoreAdapter => ({
  site: "traxsource",
  searchUrl: (text) => searchUrl(base, "/search/tracks", [["term", text]]),
  parseSearch: (page) =>
    Either.map(
      searchPage("traxsource", page, (html) => parseTraxsourceSearch(html, base)),
      (tracks) => tracks.map(traxsourceHit)
    ),
  complete: (hit, get) =>
    Effect.gen(function* () {
      if (complete(hit)) return hit
      const track = yield* detail("traxsource", get, hit.url, (html) => parseTraxsourceTrackPage(html, base))
      const withTrack = track === undefined ? hit : fillMissing(hit, { ...track, release: track.releaseTitle })
      // The release link of the track page; else the title id of the row's buy button (unverified on the live site).
      const releaseUrl = track?.releaseUrl ?? hit.releaseUrl
      if (withTrack.catalogNumber !== null || releaseUrl === null) return withTrack
      const title = yield* detail("traxsource", get, releaseUrl, (html) => parseTraxsourceTitlePage(html, base))
      return title === undefined ? withTrack : fillMissing(withTrack, { ...title, release: title.releaseTitle })
    })
})

export const storeAdapter = (site: StoreSite, base: string): StoreAdapter => {
  switch (site) {
    case "beatport":
      return beatportAdapter(base)
    case "junodownload":
      return junoAdapter(base)
    case "traxsource":
      return traxsourceAdapter(base)
  }
}
