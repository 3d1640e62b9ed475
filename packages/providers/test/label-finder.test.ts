import { describe, expect, it } from "@effect/vitest"
import { FetchHttpClient } from "@effect/platform"
import { LabelFinder, type LabelFindOptions, type LabelQuery, labelTallies, readLookups, StoreLayer } from "@liner/core"
import { defaultMusicBrainzCatalogue, type FakeMusicBrainz, makeTempDir, startFakeMusicBrainz } from "@liner/testkit"
import { Effect, Layer, Option } from "effect"
import { join } from "node:path"
import { afterEach, beforeEach } from "vitest"
import { labelFinderLayer } from "../src/label/finder.js"
import { musicBrainzClientLayer } from "../src/musicbrainz/client.js"
import { MusicBrainzConfig } from "../src/musicbrainz/config.js"
import { musicBrainzLabelTier } from "../src/musicbrainz/label-tier.js"

// The label cascade over a real SQLite file, with MusicBrainz as a local fake of its web service.
let mb: FakeMusicBrainz
let dir: { path: string; remove: () => void }
beforeEach(async () => {
  mb = await startFakeMusicBrainz({ catalogue: defaultMusicBrainzCatalogue().catalogue, rate: null })
  dir = makeTempDir()
})
afterEach(async () => {
  await mb.close()
  dir.remove()
})

const mbClient = () =>
  musicBrainzClientLayer.pipe(
    Layer.provide(
      MusicBrainzConfig.make({ baseUrl: mb.url, rate: 50, contact: "liner-tests@example.org", requestTimeout: "3 seconds", retry: { base: "10 millis", times: 2, maxRetryAfter: "2 seconds" } })
    ),
    Layer.provide(FetchHttpClient.layer)
  )

const withMusicBrainz = () =>
  labelFinderLayer({ musicbrainz: Option.some({ tier: musicBrainzLabelTier, timeout: "20 seconds" }), scrapers: [] }).pipe(
    Layer.provide(mbClient()),
    Layer.provideMerge(StoreLayer.at(join(dir.path, "liner.db")))
  )

const withoutMusicBrainz = () =>
  labelFinderLayer<never>({ musicbrainz: Option.none(), musicbrainzOff: "USE_MUSICBRAINZ=false", scrapers: [] }).pipe(
    Layer.provideMerge(StoreLayer.at(join(dir.path, "liner.db")))
  )

const find = (query: LabelQuery, options: LabelFindOptions = {}) => Effect.flatMap(LabelFinder, (f) => f.find(query, options))
const tiersOf = (result: { attempts: ReadonlyArray<{ tier: string; outcome: string }> }) => result.attempts.map((a) => [a.tier, a.outcome])

describe("the label cascade", () => {
  it.live("tier 1 answers from the title and its answer is the whole JSON document", () =>
    Effect.gen(function* () {
      const result = yield* find({ title: "Velvet Static [Nightglass Records]", artist: "Mara Lindqvist" })
      expect(result).toEqual({
        query: { title: "Velvet Static [Nightglass Records]", artist: "Mara Lindqvist", labelKnown: null },
        status: "found",
        label: "Nightglass Records",
        catalogNumber: null,
        source: "title",
        confidence: 0.7,
        evidence: { matchedTitle: "Velvet Static [Nightglass Records]" },
        attempts: [expect.objectContaining({ tier: "title", outcome: "found" })]
      })
      expect(mb.requests).toHaveLength(0)
    }).pipe(Effect.provide(withMusicBrainz()))
  )

  it.live("accepted labels feed tier 2, which then answers without the network; its own answers do not feed it", () =>
    Effect.gen(function* () {
      yield* find({ title: "Velvet Static [Nightglass Records]", artist: "Mara Lindqvist" })
      yield* find({ title: "Night Ferry (Nightglass Records)", artist: "Mara Lindqvist & Henrik Bäcklund" })
      const learned = yield* find({ title: "Glass Hours (Extended Mix)", artist: "Mara Lindqvist" })
      expect(learned).toMatchObject({ status: "found", source: "learned", label: "Nightglass Records", confidence: 0.8 })
      expect(learned.evidence).toEqual({ matchedArtists: ["Mara Lindqvist"], score: 1 })
      expect(tiersOf(learned)).toEqual([
        ["title", "not_found"],
        ["learned", "found"]
      ])
      expect(mb.requests).toHaveLength(0)
      expect(yield* labelTallies("Mara Lindqvist")).toMatchObject([{ label: "Nightglass Records", tracks: 2 }])
    }).pipe(Effect.provide(withMusicBrainz()))
  )

  it.live("tier 3 asks MusicBrainz when the title and the learned knowledge have nothing, and remembers the answer", () =>
    Effect.gen(function* () {
      const result = yield* find({ title: "Solar Drift (Original Mix)", artist: "Marco Vesti & Anna Lunoe" })
      expect(result).toMatchObject({ status: "found", source: "musicbrainz", label: "Afterlife Records", catalogNumber: "AL042" })
      expect(result.evidence).toMatchObject({ matchedTitle: "Solar Drift", matchedArtists: ["Anna Lunoe", "Marco Vesti"] })
      expect(result.evidence.url).toMatch(new RegExp(`^${mb.url}/recording/`))
      expect(tiersOf(result)).toEqual([
        ["title", "not_found"],
        ["learned", "not_found"],
        ["musicbrainz", "found"]
      ])
      expect(result.attempts[2]?.requests).toBe(2)
      expect(yield* labelTallies("Anna Lunoe")).toMatchObject([{ label: "Afterlife Records", tracks: 1 }])
    }).pipe(Effect.provide(withMusicBrainz()))
  )

  it.live("all tiers answering none is not_found, and the scrapers are shown skipped as opt-in", () =>
    Effect.gen(function* () {
      const result = yield* find({ title: "Nowhere Track", artist: "Nobody Known" })
      expect(result).toMatchObject({ status: "not_found", label: null, source: null, confidence: null, evidence: {} })
      expect(tiersOf(result)).toEqual([
        ["title", "not_found"],
        ["learned", "not_found"],
        ["musicbrainz", "not_found"],
        ["beatport", "skipped"],
        ["junodownload", "skipped"],
        ["traxsource", "skipped"]
      ])
      expect(result.attempts[3]?.detail).toBe("scraping is opt-in (--scrape)")
      const scraping = yield* find({ title: "Nowhere Track", artist: "Nobody Known" }, { scrape: true })
      expect(scraping.attempts[3]?.detail).toBe("the store scrapers are not available here")
    }).pipe(Effect.provide(withMusicBrainz()))
  )

  it.live("a failing MusicBrainz and no answer is unavailable, never not_found", () =>
    Effect.gen(function* () {
      mb.failWith(10, 503)
      const result = yield* find({ title: "Solar Drift", artist: "Anna Lunoe & Marco Vesti" })
      expect(result.status).toBe("unavailable")
      expect(result.attempts.find((a) => a.tier === "musicbrainz")).toMatchObject({ outcome: "failed" })
    }).pipe(Effect.provide(withMusicBrainz()))
  )

  it.live("tracks that already carry a label are skipped, echo it and teach tier 2; --force looks them up", () =>
    Effect.gen(function* () {
      const skipped = yield* find({ title: "Deep Water", artist: "Nora Fine", labelKnown: "Anjunadeep" })
      expect(skipped).toMatchObject({ status: "skipped", label: "Anjunadeep", source: null, confidence: null })
      expect(skipped.attempts.every((a) => a.outcome === "skipped")).toBe(true)
      expect(mb.requests).toHaveLength(0)
      expect(yield* labelTallies("Nora Fine")).toMatchObject([{ label: "Anjunadeep", tracks: 1 }])

      const forced = yield* find({ title: "Deep Water (Extended Mix)", artist: "Nora Fine", labelKnown: "Anjunadeep" }, { force: true })
      expect(forced).toMatchObject({ status: "found", source: "musicbrainz", label: "Anjunadeep", catalogNumber: "ANJDEE450" })
      expect(forced.query).toEqual({ title: "Deep Water (Extended Mix)", artist: "Nora Fine", labelKnown: "Anjunadeep" })
    }).pipe(Effect.provide(withMusicBrainz()))
  )

  it.live("MusicBrainz turned off is recorded as skipped with the reason, and every lookup is logged", () =>
    Effect.gen(function* () {
      const result = yield* find({ title: "Solar Drift", artist: "Anna Lunoe" })
      expect(result.status).toBe("not_found")
      expect(result.attempts.find((a) => a.tier === "musicbrainz")).toEqual({ tier: "musicbrainz", outcome: "skipped", durationMs: 0, detail: "USE_MUSICBRAINZ=false" })
      yield* find({ title: "Velvet Static [Nightglass]", artist: "Mara Lindqvist" })
      const logged = yield* readLookups("label")
      expect(logged.map((l) => [l.status, l.source])).toEqual([
        ["not_found", null],
        ["found", "title"]
      ])
      expect(logged[0]?.attempts.map((a) => a.tier)).toEqual(["title", "learned", "musicbrainz", "beatport", "junodownload", "traxsource"])
    }).pipe(Effect.provide(withoutMusicBrainz()))
  )
})
