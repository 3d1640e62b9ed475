import { type FakeStores, makeTempDir, runLiner, startFakeStores } from "@liner/testkit"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"

// `liner label` through the real (bundled) binary; the scrapers are loaded only with --scrape.
let dir: { path: string; remove: () => void }
let env: Record<string, string>
beforeEach(() => {
  dir = makeTempDir()
  env = { HOME: dir.path, LINER_DB: join(dir.path, "liner.db"), USE_MUSICBRAINZ: "false" }
})
afterEach(() => dir.remove())

describe("liner label (binary)", () => {
  it("answers from the title with the contract's JSON", async () => {
    const run = await runLiner(["label", "Frozen Ground [Anjunabeats]", "--json"], env)
    expect(run.code).toBe(0)
    const doc = JSON.parse(run.stdout) as Record<string, unknown>
    expect(Object.keys(doc)).toEqual(["query", "status", "label", "catalogNumber", "source", "confidence", "evidence", "attempts"])
    expect(doc).toMatchObject({ status: "found", label: "Anjunabeats", source: "title", confidence: 0.7 })
  })

  it("exits 1 when no tier knows the label, and 2 for an empty title", async () => {
    expect((await runLiner(["label", "Frozen Ground (Extended Mix)", "--artist", "Nobody"], env)).code).toBe(1)
    const empty = await runLiner(["label", "  "], env)
    expect(empty.code).toBe(2)
    expect(empty.stderr).toMatch(/title is empty/)
  })

  describe("with --scrape", () => {
    let stores: FakeStores
    beforeEach(async () => {
      stores = await startFakeStores()
    })
    afterEach(() => stores.close())

    const scrapeEnv = () => ({
      ...env,
      LINER_BEATPORT_URL: stores.baseUrl("beatport"),
      LINER_JUNODOWNLOAD_URL: stores.baseUrl("junodownload"),
      LINER_TRAXSOURCE_URL: stores.baseUrl("traxsource"),
      LINER_SCRAPE_DELAY: "10 millis"
    })

    it("finds the label in a store, and reports a bot check as blocked (75), never as not found", async () => {
      const found = await runLiner(["label", "Velvet Static", "--artist", "Mara Lindqvist", "--scrape", "--json"], scrapeEnv())
      expect(found.code).toBe(0)
      expect(JSON.parse(found.stdout)).toMatchObject({ status: "found", label: "Nightglass Records", source: "beatport" })

      for (const site of ["beatport", "junodownload", "traxsource"] as const) stores.setScenario(site, { kind: "challenge" })
      const blocked = await runLiner(["label", "Kalte Nächte", "--artist", "Henrik Bäcklund", "--scrape", "--json"], scrapeEnv())
      expect(blocked.code).toBe(75)
      expect(JSON.parse(blocked.stdout)).toMatchObject({ status: "blocked", label: null })
    })

    it("without --scrape no store is asked", async () => {
      const run = await runLiner(["label", "Velvet Static", "--artist", "Mara Lindqvist", "--json"], scrapeEnv())
      expect(run.code).toBe(1)
      expect(stores.requests()).toHaveLength(0)
    })
  })
})

describe("liner scrape check (binary)", () => {
  let stores: FakeStores
  beforeEach(async () => {
    stores = await startFakeStores()
  })
  afterEach(() => stores.close())

  const checkEnv = () => ({
    ...env,
    LINER_BEATPORT_URL: stores.baseUrl("beatport"),
    LINER_JUNODOWNLOAD_URL: stores.baseUrl("junodownload"),
    LINER_TRAXSOURCE_URL: stores.baseUrl("traxsource"),
    LINER_SCRAPE_DELAY: "10 millis",
    LINER_SCRAPE_CHECK_QUERY: "mara lindqvist velvet static"
  })

  it("reports ok per site, then blocked (75) when a site answers a challenge", async () => {
    const ok = await runLiner(["scrape", "check", "--json"], checkEnv())
    expect(JSON.parse(ok.stdout)).toEqual([
      expect.objectContaining({ site: "beatport", status: "ok" }),
      expect.objectContaining({ site: "junodownload", status: "ok" }),
      expect.objectContaining({ site: "traxsource", status: "ok" })
    ])
    expect(ok.code).toBe(0)
    stores.setScenario("junodownload", { kind: "challenge" })
    const blocked = await runLiner(["scrape", "check", "--json"], checkEnv())
    expect(JSON.parse(blocked.stdout)).toContainEqual(expect.objectContaining({ site: "junodownload", status: "blocked" }))
    expect(blocked.code).toBe(75)
  })
})
