import { jobDirPool, jobLayouts, type JobFiles, makeTempDir, runLiner } from "@liner/testkit"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { HOSTILE_IMG, HOSTILE_SCRIPT, seedReportStore, stageStatus } from "./support/report-store.js"

// `liner report` as a user runs it: the real binary on a real SQLite file seeded with a lookup log
// (see support/report-store.ts for the figures), in its three formats, and over job folders laid
// out as the host pipeline's.
let dir: { path: string; remove: () => void }
let env: Record<string, string>
const jobs = jobDirPool()

beforeEach(async () => {
  dir = makeTempDir()
  env = { HOME: dir.path, LINER_DB: join(dir.path, "liner.db") }
  await seedReportStore(env["LINER_DB"]!)
})
afterEach(async () => {
  dir.remove()
  await jobs.cleanup()
})

interface ReportDocument {
  readonly since: string | null
  readonly lookups: Record<string, number>
  readonly kpis: ReadonlyArray<{ readonly id: string; readonly value: number | null; readonly met: boolean | null }>
  readonly coverage: { readonly films: number; readonly filmsWithSoundtrack: number; readonly uncovered: ReadonlyArray<{ readonly film: string }> }
  readonly cache: { readonly repeatLookups: number; readonly hits: number }
  readonly stale: { readonly stale: number; readonly films: ReadonlyArray<{ readonly film: string }> }
  readonly dataQuality: { readonly tracks: number }
  readonly queue: { readonly total: number; readonly due: { readonly now: number }; readonly permanentlyFailed: number }
  readonly jobs: {
    readonly jobs: number
    readonly notRun: number
    readonly byStatus: Record<string, number>
    readonly coverage: number | null
    readonly withEnrichmentSoundtrack: number
    readonly records: ReadonlyArray<{ readonly path: string; readonly title: string | null; readonly year: number | null; readonly stage: { readonly status: string } | null; readonly enrichmentSongs: number | null; readonly problems: ReadonlyArray<string> }>
  } | null
}

const reportJson = async (...args: ReadonlyArray<string>): Promise<ReportDocument> => {
  const run = await runLiner(["report", "--format", "json", ...args], env)
  expect(run.stderr).toBe("")
  expect(run.code).toBe(0)
  return JSON.parse(run.stdout) as ReportDocument
}

const kpi = (doc: ReportDocument, id: string) => doc.kpis.find((k) => k.id === id)

describe("liner report", () => {
  it("prints aligned tables by default, each KPI beside its target", async () => {
    const run = await runLiner(["report"], env)
    expect(run).toMatchObject({ code: 0, stderr: "" })
    expect(run.stdout).toContain("9 lookups (soundtrack 7 · label 2), from 2026-03-01 10:00 to 2026-03-03 12:00 UTC")
    expect(run.stdout).toMatch(/^Coverage \(films with a soundtrack\) +66\.7 % +≥ 80 % +NO$/m)
    expect(run.stdout).toMatch(/^Cache hit rate \(repeat lookups\) +100\.0 % +≥ 90 % +yes$/m)
    expect(run.stdout).toMatch(/^musicbrainz latency \(p95\) +5000 ms +< 2000 ms +NO$/m)
    expect(run.stdout).toMatch(/^Tracks with a duration +75\.0 % +> 95 % +NO$/m)
    expect(run.stdout).toMatch(/^musicbrainz +6 +1200 ms +5000 ms +5000 ms +< 2000 ms +NO$/m)
    expect(run.stdout).toContain("1 of 5 soundtracks found were stale (20.0 %)")
    expect(run.stdout).toContain("3 items. Due now 1 · within a day 1 · within a week 1 · permanently failed 1.")
    // Titles are printed as the text they are (no HTML on a terminal).
    expect(run.stdout).toContain(`Rang De ${HOSTILE_SCRIPT}`.slice(0, 40))
  })

  it("--format json prints one document with every metric", async () => {
    const doc = await reportJson()
    expect(doc.lookups).toEqual({ soundtrack: 7, label: 2 })
    expect(doc.coverage).toMatchObject({ films: 6, filmsWithSoundtrack: 4 })
    expect(doc.coverage.uncovered.map((f) => f.film)).toEqual(["tt0000001", `Rang De ${HOSTILE_SCRIPT} (2006)`])
    expect(kpi(doc, "coverage")).toMatchObject({ value: 0.6667, met: false })
    expect(kpi(doc, "cache_hit_rate")).toMatchObject({ value: 1, met: true })
    expect(doc.stale).toMatchObject({ stale: 1, films: [{ film: `${HOSTILE_IMG} (1999)` }] })
    expect(doc.dataQuality.tracks).toBe(4)
    expect(doc.queue).toMatchObject({ total: 3, due: { now: 1 }, permanentlyFailed: 1 })
    expect(doc.jobs).toBeNull()
  })

  it("--since keeps lookups and stored answers from that day (or instant) on", async () => {
    const fromDay = await reportJson("--since", "2026-03-02")
    expect(fromDay.since).toBe("2026-03-02T00:00:00.000Z")
    expect(fromDay.lookups).toEqual({ soundtrack: 5, label: 2 })
    expect(fromDay.coverage).toMatchObject({ films: 5, filmsWithSoundtrack: 4 })
    expect(kpi(fromDay, "coverage")).toMatchObject({ value: 0.8, met: true })
    // Lagaan was looked up on the 1st: its lookup on the 2nd is still a repeat, and a hit.
    expect(fromDay.cache).toEqual(expect.objectContaining({ repeatLookups: 1, hits: 1 }))
    expect(fromDay.dataQuality.tracks).toBe(0)
    expect(fromDay.queue.total).toBe(3)
    const fromInstant = await reportJson("--since", "2026-03-03T09:30:00+00:00")
    expect(fromInstant.lookups).toEqual({ soundtrack: 1, label: 1 })
  })

  it("--format html writes one self-contained page with the charts to --out, every outside value escaped", async () => {
    const out = join(dir.path, "report.html")
    const run = await runLiner(["report", "--format", "html", "--out", out], env)
    expect(run).toMatchObject({ code: 0, stdout: "" })
    expect(run.stderr).toContain(`report written to ${out}`)
    const page = readFileSync(out, "utf8")
    expect(page.startsWith("<!DOCTYPE html>")).toBe(true)
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'`)
    for (const title of ["Answers by source", "Latency by source (ms)", "Lookups and coverage per day", "Queue by state"]) expect(page).toContain(title)
    expect(page.match(/<svg /g)).toHaveLength(4)
    expect(page).not.toMatch(/<script|<img|<iframe|<link|src=["']?http|href=["']?http/i)
    expect(page).toContain("Rang De &lt;script&gt;window.__pwned = &quot;script&quot;; alert(&quot;script&quot;)&lt;/script&gt; (2006)")
  })

  it("--format html without --out prints the page on standard output", async () => {
    const run = await runLiner(["report", "--format", "html"], env)
    expect(run.code).toBe(0)
    expect(run.stdout.startsWith("<!DOCTYPE html>")).toBe(true)
    expect(run.stdout.trimEnd().endsWith("</html>")).toBe(true)
  })

  it("an empty store still reports, with nothing judged", async () => {
    const empty = { ...env, LINER_DB: join(dir.path, "empty.db") }
    const table = await runLiner(["report"], empty)
    expect(table.code).toBe(0)
    expect(table.stdout).toContain("No lookup logged.")
    expect(table.stdout).toMatch(/^Coverage \(films with a soundtrack\) +– +≥ 80 % +no data$/m)
    const html = await runLiner(["report", "--format", "html"], empty)
    expect(html.code).toBe(0)
    expect(html.stdout).not.toContain("<svg")
  })

  it("--jobs reads each job's soundtrack/status.json and 02_tmdb/enrichment.json, at any depth, whichever host generation wrote it", async () => {
    const under = (prefix: string, files: JobFiles): JobFiles => Object.fromEntries(Object.entries(files).map(([path, file]) => [`${prefix}/${path}`, file]))
    const folder = await jobs.make({
      ...under("2026/03/01/1/20260301-0001", { ...jobLayouts.older(), "soundtrack/status.json": stageStatus("success", "2026-03-01T10:00:00.000Z") }),
      ...under("2026/03/02/rpatel/7", { ...jobLayouts.newer(), "soundtrack/status.json": stageStatus("not_found", "2026-03-02T10:00:00.000Z", "no source has this film's soundtrack") }),
      ...under("2026/03/02/rpatel/8", { ...jobLayouts.newer(), "soundtrack/status.json": stageStatus("skipped", "2026-03-02T11:00:00.000Z") }),
      ...under("2026/03/03/1/20260303-0001", jobLayouts.older()),
      ...under("2026/03/03/1/20260303-0002", { ...jobLayouts.newer(), "soundtrack/status.json": "{ not json" })
    })
    const doc = await runLiner(["report", "--format", "json", "--jobs", folder.dir], env)
    expect(doc.code).toBe(0)
    expect(doc.stderr).toBe("liner: 1 job has files that could not be read (see the jobs table)\n")
    const summary = (JSON.parse(doc.stdout) as ReportDocument).jobs!
    expect(summary).toMatchObject({ jobs: 5, notRun: 2, byStatus: { success: 1, not_found: 1, skipped: 1 }, coverage: 0.5, withEnrichmentSoundtrack: 2 })
    expect(summary.records.map((r) => [r.path, r.title, r.year, r.stage?.status ?? null, r.enrichmentSongs])).toEqual([
      ["2026/03/01/1/20260301-0001", "Jaane Tu... Ya Jaane Na", 2008, "success", 6],
      ["2026/03/02/rpatel/7", "Jaane Tu... Ya Jaane Na", 2008, "not_found", null],
      ["2026/03/02/rpatel/8", "Jaane Tu... Ya Jaane Na", 2008, "skipped", null],
      ["2026/03/03/1/20260303-0001", "Jaane Tu... Ya Jaane Na", 2008, null, 6],
      ["2026/03/03/1/20260303-0002", "Jaane Tu... Ya Jaane Na", 2008, null, null]
    ])
    expect(summary.records[4]!.problems).toEqual([expect.stringMatching(/^soundtrack\/status\.json is not valid JSON/)])
    expect((JSON.parse(doc.stdout) as ReportDocument).kpis.find((k) => k.id === "jobs_coverage")).toMatchObject({ value: 0.5, met: false })

    // --since dates the jobs by their stage's end; jobs whose stage never ran cannot be dated.
    const since = JSON.parse((await runLiner(["report", "--format", "json", "--jobs", folder.dir, "--since", "2026-03-02"], env)).stdout) as ReportDocument
    expect(since.jobs?.records.map((r) => r.path)).toEqual(["2026/03/02/rpatel/7", "2026/03/02/rpatel/8"])

    const table = await runLiner(["report", "--jobs", folder.dir], env)
    expect(table.code).toBe(0)
    expect(table.stdout).toContain(`JOBS IN ${folder.dir.toUpperCase()}`)
    expect(table.stdout).toMatch(/^2026\/03\/02\/rpatel\/7 +Jaane Tu\.\.\. Ya Jaane Na \(2008\) +not found +no source has this film's soundtrack/m)
  })

  it("bad input is a clear message and exit 2, nothing written", async () => {
    const out = join(dir.path, "never.html")
    const cases: ReadonlyArray<[ReadonlyArray<string>, RegExp]> = [
      [["--since", "yesterday"], /--since takes a date such as 2026-01-31 or an instant such as 2026-01-31T18:00:00Z, not "yesterday"/],
      [["--since", "2026-02-31"], /--since takes a date .*not "2026-02-31"/],
      [["--format", "pdf"], /Expected one of the following cases: table, json, html/],
      [["--jobs", join(dir.path, "no-such-folder")], /the jobs folder .*no-such-folder does not exist/],
      [["--jobs", env["LINER_DB"]!], /Expected path '.*liner\.db' to be a directory/],
      [["--out", join(dir.path, "no-such-folder", "r.html")], /cannot write .*no-such-folder\/r\.html: ENOENT/]
    ]
    for (const [args, message] of cases) {
      const run = await runLiner(["report", ...args, ...(args[0] === "--out" ? [] : ["--out", out])], env)
      expect({ args, code: run.code }).toEqual({ args, code: 2 })
      expect(run.stderr).toMatch(message)
      expect(run.stderr).not.toMatch(/\n\s+at /)
    }
    expect(existsSync(out)).toBe(false)
  })
})
