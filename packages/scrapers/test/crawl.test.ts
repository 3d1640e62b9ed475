import { existsSync } from "node:fs"
import { join } from "node:path"
import { type FakeStores, startFakeStores, storeManifest, type StoreSite } from "@liner/testkit"
import { Duration, Either } from "effect"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import {
  defaultBaseUrls,
  makeCrawleeFetcher,
  makeSiteClient,
  parseBeatportSearch,
  parseBeatportTrack,
  parseJunoProduct,
  parseJunoSearch,
  parseTraxsourceSearch,
  parseTraxsourceTitlePage,
  parseTraxsourceTrackPage,
  makeSiteGate,
  type SiteClient
} from "../src/index.js"
import { run } from "./harness.js"
import {
  beatportShape,
  junoReleaseShape,
  junoTrackShape,
  rebase,
  traxsourceRowShape,
  traxsourceTitleShape,
  traxsourceTrackPageShape,
  withoutNotes
} from "./manifest-shapes.js"

/**
 * Every fixture served by the fake stores and fetched through the real Crawlee crawler (the
 * same client the tiers use): the parsers must extract the manifest's values from what the
 * crawler hands them, status, encoding and all.
 */

let stores: FakeStores
beforeAll(async () => {
  stores = await startFakeStores()
})
afterAll(async () => {
  await stores.close()
})
beforeEach(() => stores.reset())

const clientFor = (site: StoreSite): SiteClient =>
  makeSiteClient({
    site,
    fetcher: makeCrawleeFetcher({ referer: `${stores.baseUrl(site)}/`, proxyUrls: [], timeout: "10 seconds" }),
    gate: makeSiteGate(Duration.millis(5)),
    retry: { base: "20 millis", times: 2, maxRetryAfter: "5 seconds" },
    blockedCooldown: Duration.minutes(10)
  })

const parserFor = (file: string, base: string): ((html: string) => Either.Either<unknown, unknown>) => {
  if (file.startsWith("beatport/search")) return (h) => Either.map(parseBeatportSearch(h, base), (ts) => ts.map(beatportShape))
  if (file.startsWith("beatport/track")) return (h) => Either.map(parseBeatportTrack(h, base), beatportShape)
  if (file.startsWith("junodownload/search"))
    return (h) =>
      Either.map(parseJunoSearch(h, base), (p) => (p.view === "tracks" ? p.tracks.map(junoTrackShape) : p.releases.map(junoReleaseShape)))
  if (file.startsWith("junodownload/product")) return (h) => Either.map(parseJunoProduct(h, base), junoReleaseShape)
  if (file.startsWith("traxsource/search")) return (h) => Either.map(parseTraxsourceSearch(h, base), (rs) => rs.map(traxsourceRowShape))
  if (file.startsWith("traxsource/track")) return (h) => Either.map(parseTraxsourceTrackPage(h, base), traxsourceTrackPageShape)
  if (file.startsWith("traxsource/title")) return (h) => Either.map(parseTraxsourceTitlePage(h, base), traxsourceTitleShape)
  throw new Error(`no parser for ${file}`)
}

const crawlable = storeManifest().routes.filter(
  (r): r is typeof r & { site: StoreSite; match: { url: string } } => r.site !== "any" && r.match.url !== undefined
)

describe("fixtures crawled through the fake stores", () => {
  it("serves and parses every fixture that has a live URL", () => {
    expect(crawlable.length).toBe(14)
  })

  for (const route of crawlable) {
    it(`${route.file}: the crawler fetches it and the parser extracts the manifest's values`, async () => {
      const site = route.site
      const local = stores.baseUrl(site)
      const live = new URL(route.match.url)
      const url = `${local}${live.pathname}${live.search}`
      const page = await run(clientFor(site).get(url))
      expect(page.status).toBe(route.status)
      const parsed = parserFor(route.file, local)(page.body)
      expect(Either.isRight(parsed)).toBe(true)
      const expected = rebase(withoutNotes(route.expected_results ?? route.expected), defaultBaseUrls[site], local)
      expect(Either.getOrThrow(parsed)).toMatchObject(expected as object)
      // Browser-like headers: a generated browser User-Agent and the site as Referer.
      const sent = stores.pageRequests(site)
      expect(sent).toHaveLength(1)
      expect(sent[0]?.userAgent).toMatch(/^Mozilla\/5\.0 /)
      expect(sent[0]?.referer).toBe(`${local}/`)
    })
  }

  it("keeps Crawlee's storage in memory: no ./storage folder appears", () => {
    expect(existsSync(join(process.cwd(), "storage"))).toBe(false)
  })
})
