import { changedLayout, type FakeStores, startFakeStores, storeSites } from "@liner/testkit"
import { Effect } from "effect"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { makeStoreScrapers, scrapeCheck, storeScrapersLayer } from "../src/index.js"
import { run, testConfig } from "./harness.js"

let stores: FakeStores
beforeAll(async () => {
  stores = await startFakeStores()
})
afterAll(async () => {
  await stores.close()
})
beforeEach(() => stores.reset())

const check = () => run(scrapeCheck.pipe(Effect.provide(storeScrapersLayer(testConfig(stores)))))

describe("scrapeCheck (liner scrape check)", () => {
  it("reports ok for every store whose known search page reads", async () => {
    const results = await check()
    expect(results.map((r) => [r.site, r.status])).toEqual([
      ["beatport", "ok"],
      ["junodownload", "ok"],
      ["traxsource", "ok"]
    ])
    expect(results[0]?.detail).toMatch(/Nightglass Records/)
    for (const site of storeSites) expect(stores.pageRequests(site)).toHaveLength(1)
  })

  it("reports blocked for a challenge or a bot check, without retrying", async () => {
    stores.setScenario("beatport", { kind: "human-test" })
    stores.setScenario("junodownload", { kind: "challenge" })
    const results = await check()
    expect(results.map((r) => [r.site, r.status])).toEqual([
      ["beatport", "blocked"],
      ["junodownload", "blocked"],
      ["traxsource", "ok"]
    ])
    expect(results[1]?.detail).toMatch(/challenge/)
    expect(stores.pageRequests("junodownload")).toHaveLength(1)
  })

  it("reports changed when the fields the parsers read were renamed", async () => {
    for (const site of storeSites) stores.setScenario(site, { kind: "rewrite", rewrite: changedLayout[site] })
    const results = await check()
    expect(results.map((r) => [r.site, r.status])).toEqual([
      ["beatport", "changed"],
      ["junodownload", "changed"],
      ["traxsource", "changed"]
    ])
    for (const r of results) expect(r.detail).not.toBe("")
  })

  it("reports unavailable for a server error, and changed for a search that finds nothing", async () => {
    stores.setScenario("traxsource", { kind: "status", status: 502 })
    const scrapers = makeStoreScrapers(testConfig(stores, { checkQuery: "zzqx no such track" }))
    const results = await run(scrapers.check)
    expect(results.find((r) => r.site === "traxsource")).toMatchObject({ status: "unavailable", detail: "HTTP 502" })
    expect(results.find((r) => r.site === "beatport")).toMatchObject({ status: "changed" })
    expect(stores.pageRequests("traxsource")).toHaveLength(1)
  })
})
