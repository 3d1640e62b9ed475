import { describe, expect, it } from "@effect/vitest"
import { makeTempDir } from "@liner/testkit"
import { Effect, Option } from "effect"
import { afterEach } from "vitest"
import type { Attempt } from "../../src/domain/attempt.js"
import type { Track } from "../../src/domain/soundtrack.js"
import { type JobRecord, summariseJobs } from "../../src/report/job-records.js"
import { buildMetricsReport, type MetricsReport } from "../../src/report/metrics-report.js"
import { logLookup } from "../../src/store/lookup-log.js"
import { enqueueQueueItem } from "../../src/store/queue-items.js"
import { saveSoundtrack } from "../../src/store/soundtracks.js"
import { type Store, StoreLayer } from "../../src/store/store.js"
import { freshStoreLocation } from "../support/test-store.js"

// Each KPI of `liner report`, computed from a lookup log seeded with the cascade's own logger in a
// real SQLite file, against figures worked out by hand below.

const dirs: Array<{ remove: () => void }> = []
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

const withStore = <A, E>(body: Effect.Effect<A, E, Store>) => {
  const dir = makeTempDir()
  dirs.push(dir)
  return body.pipe(Effect.provide(StoreLayer.at(freshStoreLocation(dir.path))))
}

const day1 = "2027-03-01"
const day2 = "2027-03-02"
const day3 = "2027-03-03"
const now = "2027-03-03T23:00:00.000Z"

const tried = (tier: string, outcome: Attempt["outcome"], durationMs: number, more: Partial<Attempt> = {}): Attempt => ({ tier, outcome, durationMs, ...more })
const store = [tried("pinned", "not_found", 0), tried("cache", "not_found", 1)]

const lagaan = { title: "Lagaan", year: 2001 }
const sholay = { title: "Sholay", year: 1975 }
const don = { title: "Don", year: 2006 }
const dilSe = { title: "Dil Se", year: 1998 }
const guide = { title: "Guide", year: 1965 }

const soundtrack = (day: string, time: string, query: object, status: string, source: string | null, attempts: ReadonlyArray<Attempt>) =>
  logLookup({ kind: "soundtrack", query, status, source, startedAt: `${day}T${time}.000Z`, durationMs: attempts.reduce((n, a) => n + a.durationMs, 0), attempts })

/** Ten lookups over three days (numbered as in the comments of the expectations). */
const seedLog = Effect.all([
  // 1. Lagaan: MusicBrainz has it.
  soundtrack(day1, "10:00:00", lagaan, "found", "musicbrainz", [...store, tried("musicbrainz", "found", 1500, { requests: 2 })]),
  // 3. Sholay: nobody has it; the miss is remembered.
  soundtrack(day1, "11:00:00", sholay, "not_found", null, [...store, tried("musicbrainz", "not_found", 2500, { requests: 3 }), tried("local", "not_found", 50)]),
  // 2. Lagaan again: the cache answers.
  soundtrack(day2, "09:00:00", lagaan, "found", "cache", [tried("pinned", "not_found", 0), tried("cache", "found", 2)]),
  // 4. Sholay again: the remembered miss answers, MusicBrainz is not asked.
  soundtrack(day2, "09:30:00", sholay, "not_found", null, [
    ...store,
    tried("local", "not_found", 40),
    tried("musicbrainz", "skipped", 0, { detail: "not found on 2027-03-01T11:00:00.000Z; asked again after 2027-03-08T11:00:00.000Z" })
  ]),
  // 5. Don: MusicBrainz times out.
  soundtrack(day2, "10:00:00", don, "unavailable", null, [...store, tried("musicbrainz", "failed", 3000, { requests: 4, detail: "timed out" }), tried("local", "not_found", 10)]),
  // 6. Dil Se: only the curated database has it.
  soundtrack(day2, "11:00:00", dilSe, "found", "local", [...store, tried("musicbrainz", "not_found", 1000, { requests: 1 }), tried("local", "found", 30)]),
  logLookup({ kind: "label", query: { title: "Frozen Ground [Anjunabeats]" }, status: "found", source: "title", startedAt: `${day2}T12:00:00.000Z`, durationMs: 0, attempts: [tried("title", "found", 0)] }),
  // 7. Dil Se again: MusicBrainz is asked again (a curated answer is not cached).
  soundtrack(day3, "09:00:00", dilSe, "found", "local", [...store, tried("musicbrainz", "not_found", 2000, { requests: 1 }), tried("local", "found", 25)]),
  // 8. Guide: MusicBrainz fails, an expired cached answer is served (stale).
  soundtrack(day3, "10:00:00", guide, "found", "cache", [...store, tried("musicbrainz", "failed", 0, { requests: 1, detail: "could not connect" }), tried("local", "not_found", 20)]),
  logLookup({
    kind: "label",
    query: { title: "Velvet Static", artist: "Mara Lindqvist" },
    status: "not_found",
    source: null,
    startedAt: `${day3}T12:00:00.000Z`,
    durationMs: 820,
    attempts: [tried("title", "not_found", 0), tried("learned", "not_found", 20), tried("musicbrainz", "not_found", 800, { requests: 1 })]
  })
], { discard: true })

const track = (position: number, fields: Partial<Track>): Track => ({
  position,
  title: `Song ${position}`,
  artists: ["Lata Mangeshkar"],
  composers: ["R. D. Burman"],
  lyricists: ["Anand Bakshi"],
  durationMs: 240_000,
  ...fields
})

const album = (title: string) => ({ title, releaseDate: null, label: null, musicbrainz: null, spotify: null })

/** Four stored tracks: a pinned soundtrack (day 1) complete, a MusicBrainz one (day 3) with gaps. */
const seedTracks = Effect.all([
  saveSoundtrack({ film: { title: "Sholay", year: 1975, imdbId: null }, origin: "pinned", soundtrack: { album: album("Sholay"), tracks: [track(1, {}), track(2, {})], alternatives: [] }, matchedBy: null, confidence: null, fetchedAt: `${day1}T08:00:00.000Z`, expiresAt: null }),
  saveSoundtrack({
    film: { title: "Lagaan", year: 2001, imdbId: null },
    origin: "musicbrainz",
    soundtrack: { album: album("Lagaan"), tracks: [track(1, { lyricists: [], durationMs: null }), track(2, { title: " ", artists: [] })], alternatives: [] },
    matchedBy: "title",
    confidence: 0.9,
    fetchedAt: `${day3}T08:00:00.000Z`,
    expiresAt: null
  })
], { discard: true })

const seedQueue = Effect.all([
  enqueueQueueItem({ kind: "soundtrack", key: "title:sholay:1975", query: sholay, options: {}, now: `${day1}T11:00:00.000Z`, first: Option.some({ outcome: "not_found", detail: null, state: { status: "cooling_down", nextAttemptAt: "2027-03-05T00:00:00.000Z", attempts: { notFound: 1, unavailable: 0 } } }) }),
  enqueueQueueItem({ kind: "soundtrack", key: "title:don:2006", query: don, options: {}, now: `${day2}T10:00:00.000Z`, first: Option.some({ outcome: "unavailable", detail: "timed out", state: { status: "cooling_down", nextAttemptAt: "2027-03-04T00:00:00.000Z", attempts: { notFound: 0, unavailable: 1 } } }) }),
  enqueueQueueItem({ kind: "label", key: "track:velvet static|mara lindqvist", query: { title: "Velvet Static" }, options: {}, now: `${day3}T12:00:00.000Z`, first: Option.some({ outcome: "not_found", detail: null, state: { status: "permanently_failed", nextAttemptAt: null, attempts: { notFound: 5, unavailable: 0 } } }) })
], { discard: true })

const seeded = (since: string | null, jobs: Option.Option<ReadonlyArray<JobRecord>> = Option.none()) =>
  withStore(Effect.gen(function* () {
    yield* seedLog
    yield* seedTracks
    yield* seedQueue
    return yield* buildMetricsReport({ now, since, jobs })
  }))

const kpiOf = (report: MetricsReport, id: string) => report.kpis.find((k) => k.id === id)

describe("the metrics report", () => {
  it.effect("coverage counts films, not lookups: 3 of 5 films got a soundtrack (a stale answer is one), below the 80 % target", () =>
    Effect.gen(function* () {
      const report = yield* seeded(null)
      expect(report.coverage).toMatchObject({ lookups: 8, films: 5, filmsWithSoundtrack: 3, share: 0.6, uncoveredTotal: 2 })
      expect(report.coverage.uncovered).toEqual([
        { film: "Don (2006)", lookups: 1, lastStatus: "unavailable", lastLookupAt: `${day2}T10:00:00.000Z` },
        { film: "Sholay (1975)", lookups: 2, lastStatus: "not_found", lastLookupAt: `${day2}T09:30:00.000Z` }
      ])
      expect(kpiOf(report, "coverage")).toEqual({ id: "coverage", name: "Coverage (films with a soundtrack)", value: 0.6, unit: "share", target: { comparison: "at_least", value: 0.8 }, met: false })
      expect(report.lookups).toEqual({ soundtrack: 8, label: 2 })
      expect(report.period).toEqual({ first: `${day1}T10:00:00.000Z`, last: `${day3}T12:00:00.000Z` })
    }))

  it.effect("the cache hit rate counts repeat lookups only: a cached soundtrack and a remembered miss hit, a curated answer asked of MusicBrainz again does not", () =>
    Effect.gen(function* () {
      const report = yield* seeded(null)
      expect(report.cache).toEqual({ repeatLookups: 3, hits: 2, rate: 0.6667, firstLookups: 5 })
      expect(kpiOf(report, "cache_hit_rate")).toMatchObject({ value: 0.6667, target: { comparison: "at_least", value: 0.9 }, met: false })
    }))

  it.effect("source mix: answers by source per kind, then what found nothing by status", () =>
    Effect.gen(function* () {
      const report = yield* seeded(null)
      expect(report.sourceMix.map((r) => [r.kind, r.answer, r.found, r.lookups])).toEqual([
        ["label", "title", true, 1],
        ["label", "not_found", false, 1],
        ["soundtrack", "cache", true, 2],
        ["soundtrack", "local", true, 2],
        ["soundtrack", "musicbrainz", true, 1],
        ["soundtrack", "not_found", false, 2],
        ["soundtrack", "unavailable", false, 1]
      ])
      expect(report.sourceMix.find((r) => r.kind === "soundtrack" && r.answer === "cache")?.share).toBe(0.25)
    }))

  it.effect("latency per source (p50 / p95 / max of its attempts, skipped ones left out), each against its target", () =>
    Effect.gen(function* () {
      const report = yield* seeded(null)
      const musicbrainz = report.latency.find((l) => l.source === "musicbrainz")
      // 0, 800, 1000, 1500, 2000, 2500, 3000 ms (the skipped attempt of lookup 4 left out).
      expect(musicbrainz).toEqual({ source: "musicbrainz", count: 7, minMs: 0, p25Ms: 800, p50Ms: 1500, p75Ms: 2500, p95Ms: 3000, maxMs: 3000, targetMs: 2000, met: false })
      const local = report.latency.find((l) => l.source === "local")
      expect(local).toMatchObject({ count: 6, p50Ms: 25, p95Ms: 50, maxMs: 50, targetMs: 100, met: true })
      expect(report.latency.find((l) => l.source === "title")).toMatchObject({ targetMs: null, met: null })
      expect(kpiOf(report, "latency_musicbrainz_p95")).toMatchObject({ value: 3000, unit: "ms", target: { comparison: "less_than", value: 2000 }, met: false })
      expect(kpiOf(report, "latency_local_p95")).toMatchObject({ value: 50, met: true })
      // Spotify never ran: nothing to judge.
      expect(kpiOf(report, "latency_spotify_p95")).toMatchObject({ value: null, met: null })
    }))

  it.effect("requests per source: the requests its attempts made, its failures, the attempts skipped", () =>
    Effect.gen(function* () {
      const report = yield* seeded(null)
      expect(report.requests.find((r) => r.source === "musicbrainz")).toEqual({ source: "musicbrainz", attempts: 7, requests: 13, failed: 2, skipped: 1 })
      expect(report.requests.find((r) => r.source === "local")).toEqual({ source: "local", attempts: 6, requests: 0, failed: 0, skipped: 0 })
    }))

  it.effect("data quality: the share of stored tracks with each field, against more than 95 %, and the films answered stale", () =>
    Effect.gen(function* () {
      const report = yield* seeded(null)
      expect(report.dataQuality.tracks).toBe(4)
      expect(report.dataQuality.fields.map((f) => [f.field, f.tracks, f.share, f.met])).toEqual([
        ["title", 3, 0.75, false],
        ["artist", 3, 0.75, false],
        ["duration", 3, 0.75, false],
        ["composer", 4, 1, true],
        ["lyricist", 3, 0.75, false]
      ])
      expect(report.dataQuality.byOrigin.map((o) => [o.origin, o.tracks, o.fields.every((f) => f.met)])).toEqual([
        ["musicbrainz", 2, false],
        ["pinned", 2, true]
      ])
      expect(kpiOf(report, "completeness_composer")).toMatchObject({ value: 1, target: { comparison: "more_than", value: 0.95 }, met: true })
      expect(kpiOf(report, "completeness_duration")).toMatchObject({ value: 0.75, met: false })
      expect(report.stale).toEqual({ found: 5, stale: 1, share: 0.2, films: [{ film: "Guide (1965)", at: `${day3}T10:00:00.000Z` }] })
    }))

  it.effect("lookups and coverage per day", () =>
    Effect.gen(function* () {
      const report = yield* seeded(null)
      expect(report.overTime).toEqual([
        { day: day1, lookups: { soundtrack: 2 }, films: 2, filmsWithSoundtrack: 1, coverage: 0.5 },
        { day: day2, lookups: { soundtrack: 4, label: 1 }, films: 4, filmsWithSoundtrack: 2, coverage: 0.5 },
        { day: day3, lookups: { soundtrack: 2, label: 1 }, films: 2, filmsWithSoundtrack: 2, coverage: 1 }
      ])
    }))

  it.effect("the queue as it stands: by kind and state, due soon, permanently failed", () =>
    Effect.gen(function* () {
      const report = yield* seeded(null)
      expect(report.queue).toMatchObject({
        total: 3,
        byKind: { soundtrack: { cooling_down: 2 }, label: { permanently_failed: 1 } },
        due: { now: 0, withinDay: 1, withinWeek: 2 },
        permanentlyFailed: 1
      })
    }))

  it.effect("--since: only lookups and stored answers from then on; a film looked up before counts as a repeat", () =>
    Effect.gen(function* () {
      const report = yield* seeded(`${day2}T00:00:00.000Z`)
      expect(report.lookups).toEqual({ soundtrack: 6, label: 2 })
      expect(report.period?.first).toBe(`${day2}T09:00:00.000Z`)
      expect(report.overTime.map((d) => d.day)).toEqual([day2, day3])
      // Lagaan and Sholay were looked up on day 1: their lookups on day 2 are repeats (both hit);
      // Dil Se's second lookup is a repeat that missed.
      expect(report.cache).toEqual({ repeatLookups: 3, hits: 2, rate: 0.6667, firstLookups: 3 })
      expect(report.coverage).toMatchObject({ films: 5, filmsWithSoundtrack: 3 })
      // Only the MusicBrainz soundtrack was stored on day 3.
      expect(report.dataQuality.tracks).toBe(2)
      // The queue is as it stands now, whatever the period.
      expect(report.queue.total).toBe(3)
    }))

  it.effect("an empty store: every figure is there, no KPI is judged", () =>
    Effect.gen(function* () {
      const report = yield* withStore(buildMetricsReport({ now, since: null, jobs: Option.none() }))
      expect(report.period).toBeNull()
      expect(report.coverage).toMatchObject({ films: 0, share: null })
      expect(report.kpis.length).toBeGreaterThan(0)
      expect(report.kpis.every((k) => k.value === null && k.met === null)).toBe(true)
      expect(report.jobs).toBeNull()
    }))
})

const job = (path: string, stage: JobRecord["stage"], enrichmentSongs: number | null = null): JobRecord => ({ path, title: path, year: 2008, stage, enrichmentSongs, problems: [] })
const ran = (status: string, finishedAt: string, durationMs = 1000) => ({ status, reason: null, finishedAt, durationMs })

describe("the host's jobs in the report", () => {
  const jobs = [
    job("a", ran("success", `${day1}T10:00:00.000Z`, 1200), 5),
    job("b", ran("not_found", `${day2}T10:00:00.000Z`, 3000)),
    job("c", ran("unavailable", `${day2}T11:00:00.000Z`, 9000)),
    job("d", ran("skipped", `${day3}T10:00:00.000Z`, 0)),
    job("e", null, 3)
  ]

  it("job coverage: success ÷ the jobs whose stage looked the film up; a disabled stage and a job not run yet are left out", () => {
    const summary = summariseJobs(jobs, null)
    expect(summary).toMatchObject({ jobs: 5, notRun: 1, byStatus: { success: 1, not_found: 1, unavailable: 1, skipped: 1 }, coverage: 0.3333, withEnrichmentSoundtrack: 2 })
    expect(summary.stageDuration).toMatchObject({ count: 4, p50Ms: 1200, maxMs: 9000 })
  })

  it("--since keeps the jobs whose stage finished from then on", () => {
    expect(summariseJobs(jobs, `${day2}T10:30:00.000Z`).records.map((r) => r.path)).toEqual(["c", "d"])
  })

  it.effect("given jobs, the report holds them and judges their coverage against 80 %", () =>
    Effect.gen(function* () {
      const report = yield* seeded(null, Option.some(jobs))
      expect(report.jobs?.jobs).toBe(5)
      expect(kpiOf(report, "jobs_coverage")).toMatchObject({ value: 0.3333, target: { comparison: "at_least", value: 0.8 }, met: false })
    }))
})
