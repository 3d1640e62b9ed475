import { type Answer, type LabelFinding, type LabelQuery, runCascade, TierFailure } from "@liner/core"
import { type FakeStores, startFakeStores, startForwardProxy } from "@liner/testkit"
import { Either } from "effect"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { makeStoreScrapers, type ScraperConfig, type StoreSite } from "../src/index.js"
import { run, runEither, searchParam, testConfig } from "./harness.js"

let stores: FakeStores
beforeAll(async () => {
  stores = await startFakeStores()
})
afterAll(async () => {
  await stores.close()
})
beforeEach(() => stores.reset())

const lookup = (site: StoreSite, query: LabelQuery, overrides: Partial<ScraperConfig> = {}) =>
  runEither(makeStoreScrapers(testConfig(stores, overrides)).tier(site).lookup(query))

const found = (answer: Answer<LabelFinding>): LabelFinding & { readonly confidence: number } => {
  if (answer._tag !== "Found") throw new Error(`expected Found, got ${JSON.stringify(answer)}`)
  return { ...answer.value, confidence: answer.confidence }
}

const answerOf = <A, E>(result: Either.Either<A, E>): A => {
  if (Either.isLeft(result)) throw new Error(`expected an answer, got ${String(result.left)}`)
  return result.right
}

const failureOf = <A, E>(result: Either.Either<A, E>): E => {
  if (Either.isRight(result)) throw new Error(`expected a failure, got ${JSON.stringify(result.right)}`)
  return result.left
}

const firstPath = (site: StoreSite): string => stores.pageRequests(site)[0]?.path ?? ""
const paths = (site: StoreSite) => stores.pageRequests(site).map((r) => decodeURIComponent(r.pathname))

const mara = { artist: "Mara Lindqvist", title: "Velvet Static" }
const maraDub = { artist: "Mara Lindqvist", title: "Velvet Static (Dub)" }
const henrik = { artist: "Henrik Bäcklund", title: "Kalte Nächte" }

describe("Beatport label tier", () => {
  it("finds the label; two versions of one title on one label agree instead of competing", async () => {
    const finding = found(answerOf(await lookup("beatport", mara)))
    expect(finding).toMatchObject({ label: "Nightglass Records", catalogNumber: "NGR042" })
    expect(finding.evidence).toMatchObject({ matchedTitle: "Velvet Static (Original Mix)", matchedArtists: ["Mara Lindqvist"], score: 1 })
    expect(finding.evidence.url).toBe(`${stores.baseUrl("beatport")}/track/velvet-static/20110001`)
    expect(finding.confidence).toBe(0.8)
    expect(searchParam(firstPath("beatport"), "q")).toBe("Mara Lindqvist Velvet Static")
  })

  it("finds a label that only the track page shows (search item without label or cat#)", async () => {
    const finding = found(answerOf(await lookup("beatport", maraDub)))
    expect(finding).toMatchObject({ label: "Nightglass Records", catalogNumber: "NGRCOMP03" })
    expect(finding.evidence.url).toBe(`${stores.baseUrl("beatport")}/track/velvet-static/20345678`)
    expect(paths("beatport")).toEqual(["/search/tracks", "/track/velvet-static/20345678"])
  })

  it("handles non-ASCII in the query and the answer", async () => {
    const finding = found(answerOf(await lookup("beatport", { artist: "Henrik Bäcklund", title: "Kalte Nächte (Jonas Ørsted Remix)" })))
    expect(finding).toMatchObject({ label: "Polarlicht Tonträger", catalogNumber: "PLT019" })
    expect(finding.evidence.url).toBe(`${stores.baseUrl("beatport")}/track/kalte-nachte/19870012`)
    // Brackets are stripped from the search (Beatport answers 403 to more than one pair of `()`).
    expect(searchParam(firstPath("beatport"), "q")).toBe("Henrik Bäcklund Kalte Nächte")
  })

  it("does not let a near-duplicate title win", async () => {
    const kalte = "beatport/search-tracks_henrik-backlund-kalte-nachte.html"
    stores.setScenario("beatport", { kind: "serve", file: kalte, paths: /^\/search/ })
    // "Kalte Nacht" by Nordlicht Kollektiv is on the page: right artist, near-duplicate title.
    const answer = answerOf(await lookup("beatport", { artist: "Nordlicht Kollektiv", title: "Kalte Nächte" }))
    expect(answer._tag).toBe("NotFound")
    // Without an artist, the title alone still tells "Kalte Nächte" from "Kalte Nacht".
    expect(found(answerOf(await lookup("beatport", { title: "Kalte Nächte" }))).label).toBe("Polarlicht Tonträger")
    // And "Velvet Statics" (Port Ellis, Greyline Audio) does not pass for "Velvet Static".
    stores.setScenario("beatport", { kind: "serve", file: "beatport/search-tracks_mara-lindqvist-velvet-static.html", paths: /^\/search/ })
    expect(found(answerOf(await lookup("beatport", { title: "Velvet Static" }))).label).toBe("Nightglass Records")
  })

  it("answers ambiguous when one title is on two labels and nothing else tells them apart", async () => {
    stores.setScenario("beatport", {
      kind: "serve",
      file: "beatport/search-tracks_mara-lindqvist-velvet-static.html",
      paths: /^\/search/,
      rewrite: (html) => html.replaceAll('"Velvet Statics"', '"Velvet Static"')
    })
    const answer = answerOf(await lookup("beatport", { title: "Velvet Static" }))
    expect(answer._tag).toBe("Ambiguous")
    if (answer._tag !== "Ambiguous") return
    expect(answer.candidates.map((c) => c.label).join(" | ")).toMatch(/Nightglass Records.*Greyline Audio|Greyline Audio.*Nightglass Records/)
  })

  it("answers not found for an empty search", async () => {
    const answer = answerOf(await lookup("beatport", { title: "zzqx no such track" }))
    expect(answer._tag).toBe("NotFound")
    expect(stores.pageRequests("beatport")).toHaveLength(1)
  })

  it("reads a managed challenge as blocked, does not retry it, and leaves the site alone afterwards", async () => {
    stores.setScenario("beatport", { kind: "challenge" })
    const scrapers = makeStoreScrapers(testConfig(stores))
    const failure = failureOf(await runEither(scrapers.tier("beatport").lookup(mara)))
    expect(failure).toBeInstanceOf(TierFailure)
    expect(failure).toMatchObject({ tier: "beatport", kind: "blocked", retryable: true, requests: 1 })
    expect(stores.pageRequests("beatport")).toHaveLength(1)
    // A second lookup does not knock again while the site is suspended.
    const again = failureOf(await runEither(scrapers.tier("beatport").lookup(henrik)))
    expect(again).toMatchObject({ kind: "blocked", requests: 0 })
    expect(stores.pageRequests("beatport")).toHaveLength(1)
  })

  it("reads Beatport's own human test (HTTP 200) as blocked", async () => {
    stores.setScenario("beatport", { kind: "human-test" })
    const failure = failureOf(await lookup("beatport", mara))
    expect(failure).toMatchObject({ kind: "blocked", retryable: true })
    expect(failure.reason).toMatch(/human test/)
    expect(stores.pageRequests("beatport")).toHaveLength(1)
  })

  it("reads a Beatport page without __NEXT_DATA__ as blocked, not as no results", async () => {
    stores.setScenario("beatport", {
      kind: "rewrite",
      rewrite: (html) => html.replace(/<script id="__NEXT_DATA__"[\s\S]*?<\/script>/, "")
    })
    const failure = failureOf(await lookup("beatport", mara))
    expect(failure).toMatchObject({ kind: "blocked", retryable: true })
    expect(failure.reason).toMatch(/__NEXT_DATA__/)
  })

  it("backs off after a plain 403 and gives up as blocked when it persists", async () => {
    stores.setScenario("beatport", { kind: "status", status: 403 })
    const failure = failureOf(await lookup("beatport", mara))
    expect(failure).toMatchObject({ kind: "blocked", retryable: true, requests: 3 })
    expect(stores.pageRequests("beatport")).toHaveLength(3)
  })
})

describe("Juno Download label tier", () => {
  it("waits out a 429 (Retry-After) and then succeeds, cat# from the product page", async () => {
    stores.setScenario("junodownload", { kind: "status", status: 429, times: 1 })
    const finding = found(answerOf(await lookup("junodownload", henrik)))
    expect(finding).toMatchObject({ label: "Polarlicht Tonträger", catalogNumber: "PLT019" })
    expect(stores.pageRequests("junodownload").map((r) => r.status)).toEqual([429, 200, 200])
    expect(paths("junodownload")).toEqual(["/search/", "/search/", "/products/henrik-backlund-kalte-nachte/5870123-02/"])
    const search = firstPath("junodownload")
    expect(searchParam(search, "q[all][]")).toBe("Henrik Bäcklund Kalte Nächte")
    expect(searchParam(search, "list_view")).toBe("tracks")
  })

  it("finds a label that only the product page shows (VA release listed without label)", async () => {
    const finding = found(answerOf(await lookup("junodownload", maraDub)))
    expect(finding).toMatchObject({ label: "Nightglass Records", catalogNumber: "NGRCOMP03" })
    expect(finding.evidence.url).toBe(`${stores.baseUrl("junodownload")}/products/nightglass-sampler-vol-3/5967890-02/?track_number=1`)
    expect(paths("junodownload")).toEqual(["/search/", "/products/nightglass-sampler-vol-3/5967890-02/"])
  })

  it("keeps the near-duplicate 'Velvet Statics' (Port Ellis) out", async () => {
    const finding = found(answerOf(await lookup("junodownload", mara)))
    expect(finding.label).toBe("Nightglass Records")
  })

  it("sends a browser User-Agent and the site as Referer", async () => {
    await lookup("junodownload", henrik)
    for (const r of stores.pageRequests("junodownload")) {
      expect(r.userAgent).toMatch(/^Mozilla\/5\.0 /)
      expect(r.referer).toBe(`${stores.baseUrl("junodownload")}/`)
    }
  })
})

describe("Traxsource label tier", () => {
  it("goes search row → track page → title page when the row has no label", async () => {
    const finding = found(answerOf(await lookup("traxsource", maraDub)))
    expect(finding).toMatchObject({ label: "Nightglass Records", catalogNumber: "NGRCOMP03" })
    expect(paths("traxsource")).toEqual(["/search/tracks", "/track/12987656/velvet-static-dub", "/title/2456790/nightglass-sampler-vol-3"])
  })

  it("finds a non-ASCII label and its catalogue number on the title page", async () => {
    const finding = found(answerOf(await lookup("traxsource", henrik)))
    expect(finding).toMatchObject({ label: "Polarlicht Tonträger", catalogNumber: "PLT019" })
  })

  it("backs off after a 502 and then succeeds", async () => {
    stores.setScenario("traxsource", { kind: "status", status: 502, times: 1 })
    const finding = found(answerOf(await lookup("traxsource", henrik)))
    expect(finding.label).toBe("Polarlicht Tonträger")
    expect(stores.pageRequests("traxsource")[0]?.status).toBe(502)
  })

  it("fails retryably after bounded retries when the 502s go on", async () => {
    stores.setScenario("traxsource", { kind: "status", status: 502 })
    const failure = failureOf(await lookup("traxsource", henrik))
    expect(failure).toMatchObject({ kind: "server", retryable: true, requests: 3 })
    expect(stores.pageRequests("traxsource")).toHaveLength(3)
  })

  it("respects robots.txt: a disallowed search is skipped, not fetched", async () => {
    stores.setRobots("traxsource", "User-agent: *\nDisallow: /search/\n")
    const answer = answerOf(await lookup("traxsource", henrik))
    expect(answer._tag).toBe("Skipped")
    expect(stores.pageRequests("traxsource")).toHaveLength(0)
    expect(stores.requests("traxsource").map((r) => r.pathname)).toEqual(["/robots.txt"])
  })
})

describe("proxies and the cascade", () => {
  it("rotates requests through the configured proxies", async () => {
    const first = await startForwardProxy()
    const second = await startForwardProxy()
    try {
      const scrapers = makeStoreScrapers(testConfig(stores, { proxyUrls: [first.url, second.url] }))
      found(answerOf(await runEither(scrapers.tier("traxsource").lookup(maraDub))))
      found(answerOf(await runEither(scrapers.tier("beatport").lookup(mara))))
      expect(first.targets.length).toBeGreaterThan(0)
      expect(second.targets.length).toBeGreaterThan(0)
      const pages = [...stores.pageRequests("traxsource"), ...stores.pageRequests("beatport")]
      expect(pages.every((r) => r.viaProxy)).toBe(true)
      expect(first.targets.length + second.targets.length).toBe(pages.length)
    } finally {
      await first.close()
      await second.close()
    }
  })

  it("fails retryably when the proxy cannot be reached, and keeps its credentials out of the reason", async () => {
    const failure = failureOf(await lookup("traxsource", henrik, { proxyUrls: ["http://liner:s3cret-pass@127.0.0.1:1"] }))
    expect(failure).toMatchObject({ tier: "traxsource", retryable: true })
    expect(failure.kind === "network" || failure.kind === "timeout").toBe(true)
    expect(JSON.stringify(failure)).not.toContain("s3cret")
    expect(failure.message).not.toContain("s3cret")
  })

  it("runs in the cascade: a blocked store is recorded as failed and the next store answers", async () => {
    stores.setScenario("beatport", { kind: "challenge" })
    const scrapers = makeStoreScrapers(testConfig(stores))
    const outcome = await run(runCascade(scrapers.tiers.map((tier) => ({ tier, timeout: "20 seconds" })), henrik))
    expect(outcome.hit._tag === "Some" && outcome.hit.value.tier).toBe("junodownload")
    expect(outcome.attempts.map((a) => [a.tier, a.outcome, a.requests])).toEqual([
      ["beatport", "failed", 1],
      ["junodownload", "found", 2]
    ])
  })
})
