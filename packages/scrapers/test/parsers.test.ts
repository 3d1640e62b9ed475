import { readStoreFixture, storeManifest, type StoreRoute } from "@liner/testkit"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import {
  challengeReason,
  cleanCatalogNumber,
  defaultBaseUrls,
  parseBeatportSearch,
  parseBeatportTrack,
  parseJunoProduct,
  parseJunoSearch,
  parseTraxsourceSearch,
  parseTraxsourceTitlePage,
  parseTraxsourceTrackPage,
  redactCredentials
} from "../src/index.js"
import {
  beatportShape,
  junoReleaseShape,
  junoTrackShape,
  traxsourceRowShape,
  traxsourceTitleShape,
  traxsourceTrackPageShape,
  withoutNotes
} from "./manifest-shapes.js"

const manifest = storeManifest()
const route = (file: string): StoreRoute => {
  const found = manifest.routes.find((r) => r.file === file)
  if (found === undefined) throw new Error(`no manifest route for ${file}`)
  return found
}
const right = <A, E>(e: Either.Either<A, E>): A => {
  if (Either.isLeft(e)) throw new Error(`expected a parse, got ${String(e.left)}`)
  return e.right
}
const { beatport, junodownload, traxsource } = defaultBaseUrls

describe("Beatport parsers (__NEXT_DATA__ JSON)", () => {
  for (const file of [
    "beatport/search-tracks_mara-lindqvist-velvet-static.html",
    "beatport/search-tracks_henrik-backlund-kalte-nachte.html",
    "beatport/search-tracks_empty.html"
  ]) {
    it(`reads every search item of ${file} as the manifest lists it`, () => {
      const tracks = right(parseBeatportSearch(readStoreFixture(file), beatport))
      expect(tracks.map(beatportShape)).toMatchObject(withoutNotes(route(file).expected_results) as object)
    })
  }

  for (const file of ["beatport/track_velvet-static_20345678.html", "beatport/track_kalte-nachte_19870012.html"]) {
    it(`reads the track page ${file}, label from its release`, () => {
      const track = right(parseBeatportTrack(readStoreFixture(file), beatport))
      expect(beatportShape(track)).toMatchObject(withoutNotes(route(file).expected) as object)
    })
  }

  it('reads the "all" search shape (tracks.data[]) as well as /search/tracks', () => {
    const html = readStoreFixture("beatport/search-tracks_mara-lindqvist-velvet-static.html")
    const json = html.match(/<script id="__NEXT_DATA__" type="application\/json">(.*?)<\/script>/s)?.[1] ?? ""
    const doc = JSON.parse(json)
    const query = doc.props.pageProps.dehydratedState.queries[0]
    query.state.data = { tracks: { data: query.state.data.data }, releases: { data: [] }, artists: { data: [] } }
    const allPage = html.replace(json, JSON.stringify(doc))
    const tracks = right(parseBeatportSearch(allPage, beatport))
    expect(tracks.map((t) => t.trackId)).toEqual([20110001, 20110002, 20345678, 21870001])
  })

  it("calls a page without __NEXT_DATA__ blocked, never an empty result", () => {
    const parsed = parseBeatportSearch(readStoreFixture("beatport/human-test.html"), beatport)
    expect(Either.isLeft(parsed) && parsed.left._tag).toBe("PageBlocked")
  })

  it("calls a search page whose items lost their fields changed", () => {
    const html = readStoreFixture("beatport/search-tracks_mara-lindqvist-velvet-static.html").replaceAll('"track_name"', '"name_of_track"')
    const parsed = parseBeatportSearch(html, beatport)
    expect(Either.isLeft(parsed) && parsed.left._tag).toBe("PageChanged")
  })
})

describe("Juno Download parsers (HTML)", () => {
  it("reads the release-view search: 3-part and 2-part info blocks, VA tracklist, promo row skipped", () => {
    const file = "junodownload/search_mara-lindqvist-velvet-static.html"
    const page = right(parseJunoSearch(readStoreFixture(file), junodownload))
    expect(page.view).toBe("releases")
    if (page.view !== "releases") return
    expect(page.releases.map(junoReleaseShape)).toMatchObject(withoutNotes(route(file).expected_results) as object)
    // The VA release's tracklist names each track's artist: `Artist - "Title" - (7:02)`.
    expect(page.releases[1]?.tracks.map((t) => [t.artistsDisplay, t.titleDisplay, t.duration, t.bpm])).toEqual([
      [["Mara Lindqvist"], "Velvet Static (dub)", "7:02", 123],
      [["Port Ellis"], "Greyline", "6:10", 125],
      [["Sena Okafor"], "Low Sun", "6:33", 121]
    ])
  })

  it("reads the track-view search, <br>-separated label/genre and date/length/tempo node by node", () => {
    const file = "junodownload/search-tracks-view_henrik-backlund-kalte-nachte.html"
    const page = right(parseJunoSearch(readStoreFixture(file), junodownload))
    expect(page.view).toBe("tracks")
    if (page.view !== "tracks") return
    expect(page.tracks.map(junoTrackShape)).toMatchObject(withoutNotes(route(file).expected_results) as object)
    expect(page.tracks[0]).toMatchObject({ title: "Kalte Nächte", mix: "Jonas Ørsted remix" })
  })

  for (const file of [
    "junodownload/product_nightglass-sampler-vol-3_5967890-02.html",
    "junodownload/product_henrik-backlund-kalte-nachte_5870123-02.html"
  ]) {
    it(`reads the product page ${file}`, () => {
      const release = right(parseJunoProduct(readStoreFixture(file), junodownload))
      expect(junoReleaseShape(release)).toMatchObject(withoutNotes(route(file).expected) as object)
    })
  }
})

describe("Traxsource parsers (HTML)", () => {
  for (const file of [
    "traxsource/search-tracks_mara-lindqvist-velvet-static.html",
    "traxsource/search-tracks_henrik-backlund-kalte-nachte.html"
  ]) {
    it(`reads every search row of ${file}`, () => {
      const rows = right(parseTraxsourceSearch(readStoreFixture(file), traxsource))
      expect(rows.map(traxsourceRowShape)).toMatchObject(withoutNotes(route(file).expected_results) as object)
    })
  }

  it("reads the track page: release link and details table", () => {
    const file = "traxsource/track_12987656_velvet-static-dub.html"
    const page = right(parseTraxsourceTrackPage(readStoreFixture(file), traxsource))
    expect(traxsourceTrackPageShape(page)).toMatchObject(withoutNotes(route(file).expected) as object)
  })

  for (const file of ["traxsource/title_2456790_nightglass-sampler-vol-3.html", "traxsource/title_2399001_kalte-nachte.html"]) {
    it(`reads the title page ${file}: catalogue number, date, track numbers`, () => {
      const page = right(parseTraxsourceTitlePage(readStoreFixture(file), traxsource))
      expect(traxsourceTitleShape(page)).toMatchObject(withoutNotes(route(file).expected) as object)
    })
  }
})

describe("page checks", () => {
  const page = (body: string, status = 200, headers: Record<string, string> = {}) => ({ url: "http://x/", status, headers, body })

  it("recognises the managed challenge, Beatport's human test, and leaves real pages alone", () => {
    const challenge = readStoreFixture("_shared/challenge-interstitial.html")
    expect(challengeReason(page(challenge, 403, { "cf-mitigated": "challenge" }))).toMatch(/challenge/)
    expect(challengeReason(page(challenge, 403))).toMatch(/challenge/)
    expect(challengeReason(page(readStoreFixture("beatport/human-test.html")))).toMatch(/human test/)
    for (const file of manifest.routes.filter((r) => r.status === 200 && !r.file.includes("human-test")).map((r) => r.file)) {
      expect(challengeReason(page(readStoreFixture(file))), file).toBeNull()
    }
    // A track may be called "Just a Moment": only the interstitial's <title> says it.
    expect(challengeReason(page("<html><head><title>Search</title></head><body>Just a Moment (Original Mix)</body></html>"))).toBeNull()
  })

  it("keeps proxy credentials out of error text", () => {
    expect(redactCredentials("connect ECONNREFUSED via http://liner:s3cret@10.0.0.1:8000 for http://x/")).toBe(
      "connect ECONNREFUSED via http://***@10.0.0.1:8000 for http://x/"
    )
  })

  it("drops placeholder and barcode catalogue numbers", () => {
    expect(cleanCatalogNumber(" NGR042 ")).toBe("NGR042")
    expect(cleanCatalogNumber("502685 4563909")).toBe("502685 4563909")
    expect(cleanCatalogNumber("NA")).toBeNull()
    expect(cleanCatalogNumber("5054197123456")).toBeNull()
    expect(cleanCatalogNumber(null)).toBeNull()
  })
})
