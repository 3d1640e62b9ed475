import { jobDirPool, jobLayouts, makeTempDir, runLiner } from "@liner/testkit"
import { existsSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { chromium } from "playwright-core"
import { afterEach, describe, expect, it } from "vitest"
import { HOSTILE_IMG, HOSTILE_SCRIPT, HOSTILE_SOURCE, seedReportStore, stageStatus } from "./support/report-store.js"

// The HTML report in a real browser: Debian's Chromium, headless, driven by playwright-core (never
// a downloaded browser). The page must draw its charts, run no script whatever the titles hold,
// and ask nothing of the network. A missing Chromium fails the test, in CI and here alike.
const CHROMIUM = "/usr/bin/chromium"

// What the functions run in the page read of its globals (the tests compile without the DOM library).
interface PageNodes extends Iterable<PageElement> {
  readonly length: number
}
interface PageElement {
  readonly textContent: string | null
  querySelector(selectors: string): PageElement | null
  querySelectorAll(selectors: string): PageNodes
  getBoundingClientRect(): { readonly width: number }
}
declare const document: { querySelectorAll(selectors: string): PageNodes }
declare const window: { readonly __pwned?: unknown }
const PAGE_URL = "http://report.liner.invalid/report.html"
const SCREENSHOT = join(tmpdir(), "liner-report-browser.png")

const dirs: Array<{ remove: () => void }> = []
const jobs = jobDirPool()
afterEach(async () => {
  dirs.splice(0).forEach((d) => d.remove())
  await jobs.cleanup()
})

const requireChromium = () => {
  if (existsSync(CHROMIUM)) return
  throw new Error(
    `Chromium is not installed at ${CHROMIUM}: the report's browser test needs it. Install it with ` +
      "`apt-get update && apt-get install -y --no-install-recommends chromium` (.ci/run does this in CI)." +
      (process.env["CI"] === "true" ? " CI must install it: this run cannot vouch for the HTML report." : "")
  )
}

/** A report page from a store (and a job) full of hostile titles. */
const hostileReport = async (): Promise<string> => {
  const dir = makeTempDir()
  dirs.push(dir)
  const env = { HOME: dir.path, LINER_DB: join(dir.path, "liner.db") }
  await seedReportStore(env.LINER_DB)
  const folder = await jobs.make({
    ...Object.fromEntries(Object.entries(jobLayouts.newer()).map(([path, file]) => [`job-1/${path}`, file])),
    "job-1/02_tmdb/enrichment.json": JSON.stringify({ title: HOSTILE_IMG, year: 2008, found: true }),
    "job-1/soundtrack/status.json": stageStatus("not_found", "2026-03-02T10:00:00.000Z", HOSTILE_SCRIPT)
  })
  const out = join(dir.path, "report.html")
  const run = await runLiner(["report", "--format", "html", "--out", out, "--jobs", folder.dir], env)
  expect(run.code).toBe(0)
  return readFileSync(out, "utf8")
}

describe("the HTML report in headless Chromium", () => {
  it("draws its four charts, runs no script and fetches nothing, whatever the titles hold", async () => {
    requireChromium()
    const html = await hostileReport()
    const profile = makeTempDir("liner-chromium-")
    dirs.push(profile)
    const context = await chromium.launchPersistentContext(profile.path, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
      viewport: { width: 1280, height: 900 }
    })
    try {
      // Every request goes through here: the page itself is answered, anything else is recorded and refused.
      const requested: Array<string> = []
      await context.route("**/*", (route) => {
        const url = route.request().url()
        requested.push(url)
        return url === PAGE_URL ? route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }) : route.abort()
      })
      const page = await context.newPage()
      const dialogs: Array<string> = []
      const pageErrors: Array<string> = []
      const sockets: Array<string> = []
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message())
        void dialog.dismiss()
      })
      page.on("pageerror", (error) => pageErrors.push(error.message))
      page.on("websocket", (socket) => sockets.push(socket.url()))
      await page.goto(PAGE_URL, { waitUntil: "load" })

      const charts = await page.evaluate(() =>
        [...document.querySelectorAll("figure > svg")].map((svg) => {
          const marks = (type: string, element: string) => svg.querySelectorAll(`g.mark-${type}.role-mark ${element}`).length
          return {
            title: svg.querySelector(".role-title-text")?.textContent ?? "",
            width: svg.getBoundingClientRect().width,
            rects: marks("rect", "path"),
            rules: marks("rule", "line"),
            lines: marks("line", "path"),
            symbols: marks("symbol", "path")
          }
        })
      )
      const byTitle = Object.fromEntries(charts.map((c) => [c.title, c]))
      expect(Object.keys(byTitle)).toEqual(["Answers by source", "Latency by source (ms)", "Lookups and coverage per day", "Queue by state"])
      for (const chart of charts) expect(chart.width).toBeGreaterThan(200)
      // One bar per (kind, answer): soundtrack musicbrainz, cache, local, the hostile source, not found,
      // unavailable; label title, not found.
      expect(byTitle["Answers by source"]!.rects).toBe(8)
      // Per source (musicbrainz, local, pinned, cache, title, the hostile tier): a whisker, a box, a
      // median tick, a p95 dot; and a target tick for musicbrainz and local.
      expect(byTitle["Latency by source (ms)"]).toMatchObject({ rules: 6, symbols: 6, rects: 6 + 6 + 2 })
      // Three days of bars (soundtrack; label on two days) and one coverage line with its points.
      expect(byTitle["Lookups and coverage per day"]).toMatchObject({ rects: 5, lines: 1, symbols: 3 })
      // soundtrack cooling down, label permanently failed.
      expect(byTitle["Queue by state"]!.rects).toBe(2)

      // The hostile titles are text on the page, never markup.
      const page$ = await page.evaluate(() => ({
        active: document.querySelectorAll("script, img, image, iframe, object, embed, link, foreignObject").length,
        cells: [...document.querySelectorAll("td")].map((td) => td.textContent ?? ""),
        svgText: [...document.querySelectorAll("svg text")].map((t) => t.textContent ?? "").join("\n"),
        pwned: window.__pwned ?? null
      }))
      expect(page$.active).toBe(0)
      expect(page$.pwned).toBeNull()
      expect(page$.cells).toContain(`Rang De ${HOSTILE_SCRIPT} (2006)`)
      expect(page$.cells).toContain(`${HOSTILE_IMG} (1999)`)
      expect(page$.cells).toContain(HOSTILE_SOURCE)
      expect(page$.cells).toContain(HOSTILE_SCRIPT)
      expect(page$.cells).toContain(`${HOSTILE_IMG} (2008)`)
      expect(page$.svgText).toContain("<img src=x")

      expect(dialogs).toEqual([])
      expect(pageErrors).toEqual([])
      expect(sockets).toEqual([])
      expect(requested).toEqual([PAGE_URL])

      await page.screenshot({ path: SCREENSHOT, fullPage: true })
      console.info(`report screenshot: ${SCREENSHOT}`)
    } finally {
      await context.close()
    }
  })
})
