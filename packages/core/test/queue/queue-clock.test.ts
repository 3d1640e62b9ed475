import { describe, expect, it } from "@effect/vitest"
import { makeTempDir } from "@liner/testkit"
import { ConfigProvider, Deferred, Effect, Exit, Fiber, Ref, TestClock } from "effect"
import { afterEach } from "vitest"
import { queueLookupOutcome } from "../../src/queue/enter-queue.js"
import type { QueueItem } from "../../src/queue/queue-item.js"
import { type ItemAnswer, runQueue } from "../../src/queue/run-queue.js"
import { listQueueItems, readQueueHistory } from "../../src/store/queue-items.js"
import { type Store, StoreLayer } from "../../src/store/store.js"
import { freshStoreLocation } from "../support/test-store.js"

// Failed lookups come back by themselves at the documented times: the queue's worker runs under
// the test clock, which is moved instead of waited for. The answers come from a stand-in source;
// the store is a real SQLite file.

const dirs: Array<{ remove: () => void }> = []
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

const T0 = Date.parse("2027-01-01T00:00:00.000Z")
const day = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()

const withStore = <A, E>(body: Effect.Effect<A, E, Store>, env: Record<string, string> = {}) => {
  const dir = makeTempDir()
  dirs.push(dir)
  return TestClock.setTime(T0).pipe(
    Effect.andThen(body),
    Effect.provide(StoreLayer.at(freshStoreLocation(dir.path))),
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))
  )
}

/** A source that answers every item the same way, counting the items it was asked. */
const source = (answer: ItemAnswer) =>
  Effect.map(Ref.make<ReadonlyArray<number>>([]), (asked) => ({
    asked,
    run: runQueue({ kinds: ["soundtrack", "label"], answer: (item: QueueItem) => Ref.update(asked, (all) => [...all, item.id]).pipe(Effect.as(answer)) })
  }))

const onlyItem = Effect.map(listQueueItems({ now: iso(T0) }), (items) => {
  expect(items).toHaveLength(1)
  return items[0]!
})

/** Moves the clock to just before the item's next try, checks nothing is due, then to it. */
const untilNextTry = (run: Effect.Effect<{ readonly tried: number }, unknown, Store>) =>
  Effect.gen(function* () {
    const item = yield* onlyItem
    const next = Date.parse(item.nextAttemptAt!)
    yield* TestClock.setTime(next - 1)
    expect((yield* run).tried).toBe(0)
    yield* TestClock.setTime(next)
    expect((yield* run).tried).toBe(1)
    return next
  })

const notFound: ItemAnswer = { outcome: "not_found", detail: null, result: null }
const unavailable: ItemAnswer = { outcome: "unavailable", detail: "musicbrainz: 503 from musicbrainz after 4 tries", result: null }

describe("the queue under the test clock", () => {
  it.effect("adaptive (default): a film not found comes back after 45 days while young, then 135, 180, 225, and fails permanently at the fifth", () =>
    withStore(
      Effect.gen(function* () {
        yield* queueLookupOutcome({ kind: "soundtrack", query: { title: "Kal Ho Naa Ho", year: 2003 } as never, outcome: "not_found" })
        const { run, asked } = yield* source(notFound)
        expect((yield* run).tried).toBe(0)
        yield* TestClock.adjust("40 days")
        expect((yield* run).tried).toBe(0)

        const tries = [T0]
        for (let i = 0; i < 4; i++) tries.push(yield* untilNextTry(run))
        const gaps = tries.slice(1).map((t, i) => (t - tries[i]!) / day)
        for (const [gap, expected] of gaps.map((g, i) => [g, [45, 135, 180, 225][i]!] as const)) {
          expect(gap).toBeGreaterThanOrEqual(expected * 0.9)
          expect(gap).toBeLessThanOrEqual(expected * 1.1)
        }
        const item = yield* onlyItem
        expect(item).toMatchObject({ status: "permanently_failed", nextAttemptAt: null, attempts: { notFound: 5, unavailable: 0 }, lastOutcome: "not_found" })
        expect((yield* readQueueHistory([item.id])).get(item.id)?.map((h) => h.outcome)).toEqual(Array(5).fill("not_found"))
        yield* TestClock.adjust("3650 days")
        expect((yield* run).tried).toBe(0)
        expect(yield* Ref.get(asked)).toHaveLength(4)
      })
    )
  )

  it.effect("exponential (LINER_QUEUE_STRATEGY): 30, 60, 120, 240 days", () =>
    withStore(
      Effect.gen(function* () {
        yield* queueLookupOutcome({ kind: "label", query: { title: "Frozen Ground", artist: "Mara Lindqvist" }, outcome: "not_found" })
        const { run } = yield* source(notFound)
        const tries = [T0]
        for (let i = 0; i < 4; i++) tries.push(yield* untilNextTry(run))
        tries.slice(1).forEach((t, i) => {
          const gap = (t - tries[i]!) / day
          expect(gap).toBeGreaterThanOrEqual(30 * 2 ** i * 0.9)
          expect(gap).toBeLessThanOrEqual(30 * 2 ** i * 1.1)
        })
        expect((yield* onlyItem).status).toBe("permanently_failed")
      }),
      { LINER_QUEUE_STRATEGY: "exponential" }
    )
  )

  it.effect("a source that keeps failing: back in minutes, then hours (at most 6), permanently failed with the last error at the twentieth", () =>
    withStore(
      Effect.gen(function* () {
        yield* queueLookupOutcome({ kind: "soundtrack", query: { title: "Lagaan", year: 2001 } as never, outcome: "unavailable", detail: "musicbrainz: unreachable" })
        const { run } = yield* source(unavailable)
        const tries = [T0]
        for (let i = 0; i < 19; i++) tries.push(yield* untilNextTry(run))
        const gaps = tries.slice(1).map((t, i) => t - tries[i]!)
        expect(gaps[0]).toBeLessThanOrEqual(1.2 * 60_000)
        expect(Math.max(...gaps)).toBeLessThanOrEqual(6 * 3_600_000)
        expect(gaps.at(-1)).toBe(6 * 3_600_000)
        expect(yield* onlyItem).toMatchObject({
          status: "permanently_failed",
          attempts: { notFound: 0, unavailable: 20 },
          lastOutcome: "unavailable",
          lastError: "musicbrainz: 503 from musicbrainz after 4 tries"
        })
      })
    )
  )

  it.effect("an answer on a later try closes the item; unavailable tries do not count against not_found ones", () =>
    withStore(
      Effect.gen(function* () {
        yield* queueLookupOutcome({ kind: "soundtrack", query: { title: "Swades", year: 2004 } as never, outcome: "not_found" })
        yield* TestClock.adjust("50 days")
        yield* (yield* source(unavailable)).run
        yield* TestClock.adjust("1 day")
        const found = yield* (yield* source({ outcome: "found", detail: null, result: { status: "found" } })).run
        expect(found).toMatchObject({ tried: 1, found: 1 })
        expect(yield* onlyItem).toMatchObject({ status: "done", attempts: { notFound: 1, unavailable: 1 }, lastOutcome: "found", nextAttemptAt: null })
      })
    )
  )

  it.effect("claims hold for LINER_QUEUE_LEASE; a run that is interrupted hands its items back at once", () =>
    withStore(
      Effect.gen(function* () {
        for (const title of ["A", "B", "C"]) yield* queueLookupOutcome({ kind: "soundtrack", query: { title } as never, outcome: "unavailable", detail: "x" })
        yield* TestClock.adjust("1 hour")
        const started = yield* Deferred.make<QueueItem>()
        const fiber = yield* Effect.fork(
          runQueue({ kinds: ["soundtrack"], claimSize: 3, answer: (item) => Deferred.succeed(started, item).pipe(Effect.andThen(Effect.never)) })
        )
        const held = yield* Deferred.await(started)
        expect(Date.parse(held.leaseUntil!) - (T0 + 3_600_000)).toBe(90_000)
        expect((yield* listQueueItems({ now: iso(T0 + 3_600_000), status: "in_progress" })).length).toBe(3)
        yield* Fiber.interrupt(fiber)
        const after = yield* listQueueItems({ now: iso(T0 + 3_600_000) })
        expect(after.map((i) => i.status)).toEqual(["pending", "pending", "pending"])
        expect(after.every((i) => i.attempts.unavailable === 1)).toBe(true)
      }),
      { LINER_QUEUE_LEASE: "90 seconds" }
    )
  )

  it.effect("a bad LINER_QUEUE_STRATEGY is a configuration error naming the setting", () =>
    withStore(
      Effect.gen(function* () {
        const exit = yield* Effect.exit(queueLookupOutcome({ kind: "label", query: { title: "X" }, outcome: "not_found" }))
        expect(Exit.isFailure(exit)).toBe(true)
        expect(String(Exit.isFailure(exit) ? exit.cause : "")).toMatch(/LINER_QUEUE_STRATEGY/)
      }),
      { LINER_QUEUE_STRATEGY: "sometimes" }
    )
  )
})
