import { Command } from "@effect/cli"
import { FetchHttpClient } from "@effect/platform"
import { NodeContext } from "@effect/platform-node"
import { type LabelFinder, type LabelResult, type Store, StoreLayer } from "@liner/core"
import { defaultLabelTimeouts, labelFinderLayer, MusicBrainzConfig, musicBrainzClientLayer, musicBrainzLabelTier } from "@liner/providers"
import { defaultScraperConfig, makeStoreScrapers } from "@liner/scrapers"
import { defaultMusicBrainzCatalogue, type FakeMusicBrainz, type FakeStores, makeTempDir, startFakeMusicBrainz, startFakeStores } from "@liner/testkit"
import { ConfigProvider, Duration, Effect, Layer, Option } from "effect"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest"
import { labelCommand, labelLayer as liveLabelLayer } from "../src/commands/label.js"
import { exitCodeOfCause } from "../src/report-failure.js"

// `liner label` run in-process through its real command-line parser, with every tier real:
// MusicBrainz and the three stores as local fakes of their web services, SQLite in a temp dir.
let mb: FakeMusicBrainz
let stores: FakeStores
let dir: { path: string; remove: () => void }
beforeAll(async () => {
  stores = await startFakeStores()
})
afterAll(async () => {
  await stores.close()
})
beforeEach(async () => {
  mb = await startFakeMusicBrainz({ catalogue: defaultMusicBrainzCatalogue().catalogue, rate: null })
  dir = makeTempDir()
  stores.reset()
})
afterEach(async () => {
  await mb.close()
  dir.remove()
})

/** The cascade over the fakes, with retries in milliseconds so failure cases run fast. */
const labelLayer: LayerFor = () => {
  const scrapers = makeStoreScrapers({
    ...defaultScraperConfig,
    baseUrls: { beatport: stores.baseUrl("beatport"), junodownload: stores.baseUrl("junodownload"), traxsource: stores.baseUrl("traxsource") },
    delay: Duration.millis(5),
    requestTimeout: Duration.seconds(10),
    retry: { base: "20 millis", times: 1, maxRetryAfter: "2 seconds" }
  })
  return labelFinderLayer({
    musicbrainz: Option.some({ tier: musicBrainzLabelTier, timeout: defaultLabelTimeouts.musicbrainz }),
    scrapers: scrapers.tiers.map((tier) => ({ tier, timeout: defaultLabelTimeouts.scraper }))
  }).pipe(
    Layer.provide(
      musicBrainzClientLayer.pipe(
        Layer.provide(MusicBrainzConfig.make({ baseUrl: mb.url, rate: 50, contact: "liner-tests@example.org", requestTimeout: "3 seconds", retry: { base: "10 millis", times: 1, maxRetryAfter: "2 seconds" } })),
        Layer.provide(FetchHttpClient.layer)
      )
    ),
    Layer.provideMerge(StoreLayer.at(join(dir.path, "liner.db")))
  )
}

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

type LayerFor = (flags: { readonly scrape: boolean }) => Layer.Layer<LabelFinder | Store, unknown>

const runLabel = async (args: ReadonlyArray<string>, layerFor: LayerFor = labelLayer, env: ReadonlyMap<string, string> = new Map()): Promise<Run> => {
  let stdout = ""
  let stderr = ""
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true))
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true))
  try {
    const root = Command.make("liner").pipe(Command.withSubcommands([labelCommand.pipe(Command.provide((flags) => layerFor(flags)))]))
    const cli = Command.run(root, { name: "liner", version: "0.0.0" })
    const code = await Effect.runPromise(
      cli(["node", "liner", "label", ...args]).pipe(
        Effect.as(0),
        Effect.catchAllCause(exitCodeOfCause),
        Effect.provide(NodeContext.layer),
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map(env)))
      )
    )
    return { code, stdout, stderr }
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
}

const batchFile = (name: string, content: string): string => {
  const path = join(dir.path, name)
  writeFileSync(path, content)
  return path
}

const jsonLines = (stdout: string): Array<LabelResult> =>
  stdout
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as LabelResult)

describe("liner label", () => {
  it("prints exactly the JSON document and exits 0 when found", async () => {
    const run = await runLabel(["Solar Drift (Extended Mix)", "--artist", "Anna Lunoe & Marco Vesti", "--json"])
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as LabelResult
    expect(Object.keys(result)).toEqual(["query", "status", "label", "catalogNumber", "source", "confidence", "evidence", "attempts"])
    expect(result).toMatchObject({
      query: { title: "Solar Drift (Extended Mix)", artist: "Anna Lunoe & Marco Vesti", labelKnown: null },
      status: "found",
      label: "Afterlife Records",
      catalogNumber: "AL042",
      source: "musicbrainz"
    })
    expect(result.confidence).toBeGreaterThan(0.5)
    expect(run.stderr).toBe("")
  })

  it("prints a readable answer with the tiers for people", async () => {
    const run = await runLabel(["Velvet Static [Nightglass Records]", "--artist", "Mara Lindqvist"])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`Mara Lindqvist – "Velvet Static [Nightglass Records]": Nightglass Records`)
    expect(run.stdout).toContain("via title, confidence 0.7")
    expect(run.stdout).toMatch(/Tiers:\n {2}title: found/)
  })

  it("exits 1 when every tier answered and none had it, naming the opt-in scrapers", async () => {
    const run = await runLabel(["Nowhere Track", "--artist", "Nobody Known"])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain("no label found")
    expect(run.stdout).toContain("beatport: skipped (scraping is opt-in (--scrape))")
    expect(stores.requests()).toHaveLength(0)
  })

  it("skips a track that already carries a label (exit 0) unless --force", async () => {
    const skipped = await runLabel(["Deep Water", "--artist", "Nora Fine", "--label-known", "Anjunadeep", "--json"])
    expect(skipped.code).toBe(0)
    expect(JSON.parse(skipped.stdout)).toMatchObject({ status: "skipped", label: "Anjunadeep", source: null })
    expect(mb.requests).toHaveLength(0)
    const forced = await runLabel(["Deep Water (Extended Mix)", "--artist", "Nora Fine", "--label-known", "Anjunadeep", "--force", "--json"])
    expect(JSON.parse(forced.stdout)).toMatchObject({ status: "found", source: "musicbrainz", catalogNumber: "ANJDEE450" })
  })

  it("with --scrape asks the stores last and exits 75 'blocked' when their bot checks stop it", async () => {
    for (const site of ["beatport", "junodownload", "traxsource"] as const) stores.setScenario(site, { kind: "challenge" })
    const run = await runLabel(["Kalte Nächte", "--artist", "Henrik Bäcklund", "--scrape", "--json"])
    expect(run.code).toBe(75)
    const result = JSON.parse(run.stdout) as LabelResult
    expect(result.status).toBe("blocked")
    expect(result.attempts.map((a) => [a.tier, a.outcome])).toEqual([
      ["title", "not_found"],
      ["learned", "not_found"],
      ["musicbrainz", "not_found"],
      ["beatport", "failed"],
      ["junodownload", "failed"],
      ["traxsource", "failed"]
    ])
    expect(run.stderr).toContain("liner: beatport failed:")
  })

  it("exits 75 'unavailable' when MusicBrainz fails and nothing else knows", async () => {
    mb.failWith(20, 503)
    const run = await runLabel(["Solar Drift", "--artist", "Anna Lunoe", "--json"])
    expect(run.code).toBe(75)
    expect(JSON.parse(run.stdout)).toMatchObject({ status: "unavailable", label: null })
  })

  it.each([
    [[""], /the track title is empty/],
    [["   ", "--artist", "X"], /the track title is empty/],
    [[], /the track title is missing/],
    [["Track", "--batch", "x.csv"], /--batch reads the tracks from the file/]
  ])("%j is bad input: exit 2", async (args, message) => {
    const run = await runLabel(args)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stdout).toBe("")
  })
})

describe("liner label --batch", () => {
  it("runs every tier over a track list and prints a summary with counts by source", async () => {
    const file = batchFile(
      "set.csv",
      [
        "title,artist,label",
        '"Velvet Static [Nightglass Records]",Mara Lindqvist,',
        '"Night Ferry (Nightglass Records)","Mara Lindqvist, Henrik Bäcklund",',
        "Glass Hours (Extended Mix),Mara Lindqvist,",
        '"Solar Drift","Marco Vesti & Anna Lunoe",',
        '"Kalte Nächte (Jonas Ørsted Remix)",Henrik Bäcklund,',
        "Deep Water,Nora Fine,Anjunadeep",
        ",Nobody,"
      ].join("\n")
    )
    const run = await runLabel(["--batch", file, "--scrape", "--json"])
    const results = jsonLines(run.stdout)
    expect(results.map((r) => [r.query.title, r.status, r.source, r.label])).toEqual([
      ["Velvet Static [Nightglass Records]", "found", "title", "Nightglass Records"],
      ["Night Ferry (Nightglass Records)", "found", "title", "Nightglass Records"],
      ["Glass Hours (Extended Mix)", "found", "learned", "Nightglass Records"],
      ["Solar Drift", "found", "musicbrainz", "Afterlife Records"],
      ["Kalte Nächte (Jonas Ørsted Remix)", "found", "beatport", "Polarlicht Tonträger"],
      ["Deep Water", "skipped", null, "Anjunadeep"]
    ])
    expect(run.stderr).toContain(`liner: ${file}:8: the track title is missing`)
    expect(run.stderr).toContain("processed 7 · found 5 · not found 0 · failed 0 · skipped 1 · invalid 1")
    expect(run.stderr).toContain("by source: title 2, beatport 1, learned 1, musicbrainz 1")
    expect(run.code).toBe(2)
  })

  it("reads JSON lines, prints one plain line per track without --json, and exits 75 with failures kept for a re-run", async () => {
    const file = batchFile(
      "set.jsonl",
      ['{"title":"Velvet Static [Nightglass]","artist":"Mara Lindqvist"}', '{"title":"Solar Drift","artist":"Anna Lunoe & Marco Vesti"}'].join("\n")
    )
    mb.failWith(20, 503)
    const first = await runLabel(["--batch", file])
    expect(first.code).toBe(75)
    expect(first.stdout.split("\n")[0]).toMatch(/^found\s+title\s+Nightglass\t/)
    expect(first.stdout.split("\n")[1]).toMatch(/^unavailable\s+-\s+-\t/)
    expect(first.stderr).toContain("processed 2 · found 1 · not found 0 · failed 1 · skipped 0")
    mb.reset()

    const second = await runLabel(["--batch", file, "--json"])
    expect(second.code).toBe(0)
    expect(jsonLines(second.stdout).map((r) => [r.status, r.source])).toEqual([
      ["found", "title"],
      ["found", "musicbrainz"]
    ])
    expect(second.stderr).toContain("1 answered by an earlier run of this batch")
  })
})

describe("liner label wired from the environment", () => {
  const env = () =>
    new Map([
      ["LINER_MUSICBRAINZ_URL", mb.url],
      ["LINER_MUSICBRAINZ_RATE", "50"],
      ["LINER_CONTACT", "liner-tests@example.org"],
      ["LINER_BEATPORT_URL", stores.baseUrl("beatport")],
      ["LINER_JUNODOWNLOAD_URL", stores.baseUrl("junodownload")],
      ["LINER_TRAXSOURCE_URL", stores.baseUrl("traxsource")],
      ["LINER_SCRAPE_DELAY", "5 millis"]
    ])
  const live: LayerFor = (flags) => liveLabelLayer(flags).pipe(Layer.provideMerge(StoreLayer.at(join(dir.path, "liner.db"))))

  it("reaches MusicBrainz and, with --scrape, the stores named by LINER_*_URL", async () => {
    const file = batchFile("live.csv", 'title,artist\n"Solar Drift",Anna Lunoe & Marco Vesti\n"Kalte Nächte (Jonas Ørsted Remix)",Henrik Bäcklund\n')
    const run = await runLabel(["--batch", file, "--scrape", "--json"], live, env())
    expect(run.code).toBe(0)
    expect(jsonLines(run.stdout).map((r) => [r.source, r.label])).toEqual([
      ["musicbrainz", "Afterlife Records"],
      ["beatport", "Polarlicht Tonträger"]
    ])
    expect(mb.requests.length).toBeGreaterThan(0)
  })

  it("without --scrape never asks a store; USE_MUSICBRAINZ=false turns MusicBrainz off", async () => {
    const run = await runLabel(["Kalte Nächte", "--artist", "Henrik Bäcklund", "--json"], live, new Map([...env(), ["USE_MUSICBRAINZ", "false"]]))
    expect(run.code).toBe(1)
    const result = JSON.parse(run.stdout) as LabelResult
    expect(result.attempts.find((a) => a.tier === "musicbrainz")).toMatchObject({ outcome: "skipped", detail: "turned off (USE_MUSICBRAINZ=false)" })
    expect(stores.requests()).toHaveLength(0)
    expect(mb.requests).toHaveLength(0)
  })

  it("a bad learned-tier setting is a configuration error: exit 2", async () => {
    const run = await runLabel(["Kalte Nächte"], live, new Map([...env(), ["LINER_LABEL_LEARNED_THRESHOLD", "2"]]))
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/LINER_LABEL_LEARNED_THRESHOLD must be between 0 and 1/)
  })
})
