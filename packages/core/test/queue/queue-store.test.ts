import { describe, expect, it } from "@effect/vitest"
import { makeTempDir } from "@liner/testkit"
import { Effect, Layer, Option, TestClock } from "effect"
import { afterEach } from "vitest"
import { addToQueue, queueLookupOutcome } from "../../src/queue/enter-queue.js"
import { queueKeyOf } from "../../src/queue/queue-key.js"
import {
  claimQueueItems,
  countDueQueueItems,
  dropQueueItems,
  enqueueQueueItem,
  listQueueItems,
  queueStats,
  readQueueHistory,
  retryQueueItems,
  settleQueueItem
} from "../../src/store/queue-items.js"
import { StoreLayer } from "../../src/store/store.js"
import { freshStoreLocation } from "../support/test-store.js"

const dirs: Array<{ remove: () => void }> = []
const storeAt = () => {
  const dir = makeTempDir()
  dirs.push(dir)
  return StoreLayer.at(freshStoreLocation(dir.path))
}
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

const T0 = Date.parse("2027-01-01T00:00:00.000Z")
const at = (ms: number) => new Date(ms).toISOString()
const minute = 60_000
const day = 86_400_000

/** Runs a test against a fresh SQLite file with the test clock at T0. */
const withStore = <A, E>(body: Effect.Effect<A, E, import("../../src/store/store.js").Store>) =>
  TestClock.setTime(T0).pipe(Effect.andThen(body), Effect.provide(storeAt() as Layer.Layer<import("../../src/store/store.js").Store>))

const jaane = { title: "Jaane Tu... Ya Jaane Na", year: 2008 } as never

describe("queue keys", () => {
  it("one key per film (IMDb id first) and per track whatever its version words or artist order", () => {
    expect(queueKeyOf({ kind: "soundtrack", query: { title: "Jaane Tu... Ya Jaane Na", year: 2008 } as never })).toBe(
      queueKeyOf({ kind: "soundtrack", query: { title: "Jaane Tu Ya Jaane Na", year: 2008 } as never })
    )
    expect(queueKeyOf({ kind: "soundtrack", query: { title: "Don", imdbId: "tt0461936" } as never })).toBe("imdb:tt0461936")
    expect(queueKeyOf({ kind: "label", query: { title: "Velvet Static (Extended Mix)", artist: "B & A" } })).toBe(
      queueKeyOf({ kind: "label", query: { title: "Velvet Static", artist: "A, B" } })
    )
    expect(queueKeyOf({ kind: "label", query: { title: "Velvet Static", artist: "A" } })).not.toBe(queueKeyOf({ kind: "label", query: { title: "Velvet Static", artist: "C" } }))
  })
})

describe("queue store", () => {
  it.effect("a lookup's not_found enters once per (kind, key): asking again updates it and never uses up its tries", () =>
    withStore(
      Effect.gen(function* () {
        yield* queueLookupOutcome({ kind: "soundtrack", query: jaane, outcome: "not_found" })
        yield* TestClock.adjust("1 hour")
        yield* queueLookupOutcome({ kind: "soundtrack", query: { title: "Jaane Tu Ya Jaane Na", year: 2008 } as never, outcome: "not_found" })
        yield* queueLookupOutcome({ kind: "soundtrack", query: jaane, outcome: "unavailable", detail: "musicbrainz: 503" })
        const items = yield* listQueueItems({ now: at(T0 + 2 * 60 * minute) })
        expect(items).toHaveLength(1)
        const [item] = items
        expect(item).toMatchObject({ kind: "soundtrack", status: "cooling_down", attempts: { notFound: 1, unavailable: 0 }, lastOutcome: "not_found", createdAt: at(T0) })
        // The latest asking wins.
        expect(item!.query).toEqual(jaane)
        // Young (just queued): 45 days ± 10 %.
        const waited = (Date.parse(item!.nextAttemptAt!) - T0) / day
        expect(waited).toBeGreaterThanOrEqual(40.5)
        expect(waited).toBeLessThanOrEqual(49.5)
        expect((yield* readQueueHistory([item!.id])).get(item!.id)).toEqual([{ at: at(T0), outcome: "not_found", detail: null }])
      })
    )
  )

  it.effect("a found answer closes the waiting item; queue add makes an item due now", () =>
    withStore(
      Effect.gen(function* () {
        yield* queueLookupOutcome({ kind: "label", query: { title: "Frozen Ground", artist: "Mara" }, outcome: "unavailable", detail: "musicbrainz: timed out" })
        expect(yield* countDueQueueItems(["label"], at(T0))).toBe(0)
        const added = yield* addToQueue({ kind: "label", query: { title: "Frozen Ground", artist: "Mara" } })
        expect(added).toMatchObject({ status: "pending", nextAttemptAt: at(T0), attempts: { notFound: 0, unavailable: 1 }, lastError: "musicbrainz: timed out" })
        expect(yield* countDueQueueItems(["label"], at(T0))).toBe(1)
        yield* queueLookupOutcome({ kind: "label", query: { title: "Frozen Ground (Original Mix)", artist: "Mara" }, outcome: "found" })
        const [item] = yield* listQueueItems({ now: at(T0) })
        expect(item).toMatchObject({ status: "done", nextAttemptAt: null, lastOutcome: "found" })
        // A done item that fails again starts a new round.
        yield* queueLookupOutcome({ kind: "label", query: { title: "Frozen Ground", artist: "Mara" }, outcome: "not_found" })
        expect((yield* listQueueItems({ now: at(T0) }))[0]).toMatchObject({ status: "cooling_down", attempts: { notFound: 1, unavailable: 0 } })
      })
    )
  )

  it.effect("claims take each due item once, under a lease; an expired lease makes the item claimable again", () =>
    withStore(
      Effect.gen(function* () {
        for (let i = 0; i < 5; i++) yield* addToQueue({ kind: "soundtrack", query: { title: `Film ${i}` } as never })
        yield* addToQueue({ kind: "identify", query: { trackKey: "tl-1" } })
        const lease = at(T0 + 10 * minute)
        const a = yield* claimQueueItems({ kinds: ["soundtrack", "label"], limit: 3, owner: "a", now: at(T0), leaseUntil: lease })
        const b = yield* claimQueueItems({ kinds: ["soundtrack", "label"], limit: 10, owner: "b", now: at(T0), leaseUntil: lease })
        expect(a).toHaveLength(3)
        expect(b).toHaveLength(2)
        expect(new Set([...a, ...b].map((i) => i.id)).size).toBe(5)
        expect(a.every((i) => i.status === "in_progress" && i.leaseOwner === "a")).toBe(true)
        // Nothing more before the leases end; the identify item is never taken for these kinds.
        expect(yield* claimQueueItems({ kinds: ["soundtrack", "label"], limit: 10, owner: "c", now: at(T0 + 9 * minute), leaseUntil: lease })).toHaveLength(0)
        // b answers its items; a dies holding its three, which come back once the lease has run out.
        for (const item of b)
          expect(yield* settleQueueItem({ id: item.id, owner: "b", now: at(T0 + minute), outcome: "found", detail: null, status: "done", nextAttemptAt: null, attempts: item.attempts })).toBe(true)
        const listed = yield* listQueueItems({ now: at(T0 + 11 * minute), status: "pending", kind: "soundtrack" })
        expect(listed.map((i) => i.id).sort()).toEqual(a.map((i) => i.id).sort())
        const c = yield* claimQueueItems({ kinds: ["soundtrack"], limit: 10, owner: "c", now: at(T0 + 11 * minute), leaseUntil: at(T0 + 21 * minute) })
        expect(c.map((i) => i.id).sort()).toEqual(a.map((i) => i.id).sort())
        // a, come back to life too late, cannot record anything: the items are c's now.
        const late = yield* settleQueueItem({ id: a[0]!.id, owner: "a", now: at(T0 + 12 * minute), outcome: "found", detail: null, status: "done", nextAttemptAt: null, attempts: a[0]!.attempts })
        expect(late).toBe(false)
        expect((yield* listQueueItems({ now: at(T0 + 12 * minute) })).find((i) => i.id === a[0]!.id)).toMatchObject({ status: "in_progress", leaseOwner: "c" })
      })
    )
  )

  it.effect("retry makes permanently failed items due now, keeping their history; drop removes items", () =>
    withStore(
      Effect.gen(function* () {
        const item = yield* enqueueQueueItem({
          kind: "soundtrack",
          key: "title:x:-",
          query: { title: "X" },
          options: {},
          now: at(T0),
          first: Option.some({ outcome: "unavailable", detail: "musicbrainz: down", state: { status: "permanently_failed", nextAttemptAt: null, attempts: { notFound: 0, unavailable: 20 } } })
        })
        const other = yield* addToQueue({ kind: "soundtrack", query: { title: "Y" } as never })
        expect((yield* queueStats(at(T0))).byStatus).toEqual({ permanently_failed: 1, pending: 1 })
        const retried = yield* retryQueueItems({ permanentlyFailed: true }, at(T0 + minute))
        expect(retried.map((i) => i.id)).toEqual([item.id])
        expect(retried[0]).toMatchObject({ status: "pending", nextAttemptAt: at(T0 + minute), attempts: { notFound: 0, unavailable: 20 }, lastError: "musicbrainz: down" })
        expect(yield* dropQueueItems([other.id, 999])).toEqual([other.id])
        expect((yield* listQueueItems({ now: at(T0) })).map((i) => i.id)).toEqual([item.id])
        expect((yield* readQueueHistory([item.id])).get(item.id)).toHaveLength(1)
      })
    )
  )

  it.effect("stats count by kind and status, what is due now, within a day and a week, and the oldest open item", () =>
    withStore(
      Effect.gen(function* () {
        const first = yield* addToQueue({ kind: "soundtrack", query: { title: "A" } as never })
        yield* TestClock.adjust("1 minute")
        yield* queueLookupOutcome({ kind: "label", query: { title: "B" }, outcome: "unavailable", detail: "x" })
        yield* queueLookupOutcome({ kind: "label", query: { title: "C" }, outcome: "not_found" })
        const stats = yield* queueStats(at(T0 + minute))
        expect(stats).toMatchObject({
          total: 3,
          byKind: { soundtrack: { pending: 1 }, label: { cooling_down: 2 } },
          due: { now: 1, withinDay: 2, withinWeek: 2 },
          oldest: { id: first.id, kind: "soundtrack", createdAt: at(T0) }
        })
      })
    )
  )
})
