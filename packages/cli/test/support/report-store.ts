/**
 * A store whose lookup log, tracks and queue the report tests read: seeded through the store's own
 * functions (the ones the cascades and the queue call) in a real SQLite file. Some titles, a
 * source and a tier name are hostile HTML, as a page must survive them.
 */
import { type Attempt, enqueueQueueItem, logLookup, saveSoundtrack, StoreLayer, type Track } from "@liner/core"
import { Effect, Option } from "effect"

export const HOSTILE_SCRIPT = `<script>window.__pwned = "script"; alert("script")</script>`
export const HOSTILE_IMG = `"><img src=x onerror="window.__pwned='img';alert(1)">`
export const HOSTILE_SOURCE = `<img src=x onerror=alert(2)>`

const tried = (tier: string, outcome: Attempt["outcome"], durationMs: number, requests?: number): Attempt => ({ tier, outcome, durationMs, ...(requests === undefined ? {} : { requests }) })
const stored = [tried("pinned", "not_found", 0), tried("cache", "not_found", 1)]

const soundtrack = (at: string, query: object, status: string, source: string | null, attempts: ReadonlyArray<Attempt>) =>
  logLookup({ kind: "soundtrack", query, status, source, startedAt: at, durationMs: attempts.reduce((n, a) => n + a.durationMs, 0), attempts })

/**
 * Three days of March 2026: six films looked up (4 with a soundtrack, one of them stale), Lagaan
 * twice (the cache answers), two label lookups; four stored tracks; three queue items.
 */
const seed = Effect.all(
  [
    soundtrack("2026-03-01T10:00:00.000Z", { title: "Lagaan", year: 2001 }, "found", "musicbrainz", [...stored, tried("musicbrainz", "found", 1200, 2)]),
    soundtrack("2026-03-01T11:00:00.000Z", { title: `Rang De ${HOSTILE_SCRIPT}`, year: 2006 }, "not_found", null, [...stored, tried("musicbrainz", "not_found", 2600, 3), tried("local", "not_found", 40)]),
    soundtrack("2026-03-02T09:00:00.000Z", { title: "Lagaan", year: 2001 }, "found", "cache", [tried("pinned", "not_found", 0), tried("cache", "found", 2)]),
    soundtrack("2026-03-02T10:00:00.000Z", { title: HOSTILE_IMG, year: 1999 }, "found", "cache", [...stored, tried("musicbrainz", "failed", 3000, 4), tried("local", "not_found", 20)]),
    soundtrack("2026-03-02T11:00:00.000Z", { title: "Dil Se", year: 1998 }, "found", "local", [...stored, tried("musicbrainz", "not_found", 900, 1), tried("local", "found", 30)]),
    soundtrack("2026-03-03T09:00:00.000Z", { title: "Sholay", year: 1975 }, "found", HOSTILE_SOURCE, [...stored, tried(HOSTILE_SOURCE, "found", 500, 1)]),
    soundtrack("2026-03-03T10:00:00.000Z", { imdbId: "tt0000001" }, "unavailable", null, [...stored, tried("musicbrainz", "failed", 5000, 5)]),
    logLookup({ kind: "label", query: { title: "Frozen Ground [Anjunabeats]" }, status: "found", source: "title", startedAt: "2026-03-02T12:00:00.000Z", durationMs: 0, attempts: [tried("title", "found", 0)] }),
    logLookup({ kind: "label", query: { title: HOSTILE_SCRIPT }, status: "not_found", source: null, startedAt: "2026-03-03T12:00:00.000Z", durationMs: 800, attempts: [tried("title", "not_found", 0), tried("musicbrainz", "not_found", 800, 1)] })
  ],
  { discard: true }
)

const track = (position: number, fields: Partial<Track> = {}): Track => ({
  position,
  title: `Song ${position}`,
  artists: ["Lata Mangeshkar"],
  composers: ["A. R. Rahman"],
  lyricists: ["Javed Akhtar"],
  durationMs: 240_000,
  ...fields
})

const seedTracks = saveSoundtrack({
  film: { title: "Lagaan", year: 2001, imdbId: null },
  origin: "musicbrainz",
  soundtrack: {
    album: { title: HOSTILE_SCRIPT, releaseDate: null, label: null, musicbrainz: null, spotify: null },
    tracks: [track(1), track(2), track(3, { lyricists: [] }), track(4, { durationMs: null })],
    alternatives: []
  },
  matchedBy: "title",
  confidence: 0.9,
  fetchedAt: "2026-03-01T10:00:00.000Z",
  expiresAt: null
})

const queued = (key: string, query: object, status: "cooling_down" | "permanently_failed", nextAttemptAt: string | null, kind: "soundtrack" | "label" = "soundtrack") =>
  enqueueQueueItem({
    kind,
    key,
    query,
    options: {},
    now: "2026-03-01T11:00:00.000Z",
    first: Option.some({ outcome: "not_found", detail: null, state: { status, nextAttemptAt, attempts: { notFound: status === "permanently_failed" ? 5 : 1, unavailable: 0 } } })
  })

const seedQueue = Effect.all(
  [
    queued("title:rang de:2006", { title: `Rang De ${HOSTILE_SCRIPT}`, year: 2006 }, "cooling_down", "2099-01-01T00:00:00.000Z"),
    queued("imdb:tt0000001", { imdbId: "tt0000001" }, "cooling_down", "2026-03-03T11:00:00.000Z"),
    queued("track:x|", { title: HOSTILE_SCRIPT }, "permanently_failed", null, "label")
  ],
  { discard: true }
)

/** Seeds the store at `path` (created and migrated as the CLI would). */
export const seedReportStore = (path: string): Promise<void> =>
  Effect.runPromise(Effect.all([seed, seedTracks, seedQueue], { discard: true }).pipe(Effect.provide(StoreLayer.at(path))))

/** A stage's status.json, as `liner stage soundtrack` writes it. */
export const stageStatus = (status: string, finishedAt: string, reason: string | null = null, durationMs = 1500): string =>
  JSON.stringify({ stage: "soundtrack", status, reason, inputs: [], outputs: [], startedAt: finishedAt, finishedAt, durationMs, warnings: [], linerVersion: "0.1.0" }, null, 2)
