import { describe, expect, it } from "@effect/vitest"
import { makeTempDir } from "@liner/testkit"
import { Clock, Effect, Exit, Layer, Ref } from "effect"
import { afterEach } from "vitest"
import { hostPacerLayer, HostPacer, releaseHostTurn, tryHostTurn } from "../src/store/host-pace.js"
import { openStore, Store, withDb } from "../src/store/store.js"
import { freshStoreLocation } from "./support/test-store.js"

const dirs: Array<{ remove: () => void }> = []
/** A fresh store (a SQLite file, or a database on the PostgreSQL test server). */
const tempDb = () => {
  const dir = makeTempDir()
  dirs.push(dir)
  return freshStoreLocation(dir.path)
}
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

const host = "musicbrainz.test"
const pace = { spacingMs: 100, leaseMs: 5000 }

/** Several connections to one file, as several worker processes would have. */
const connections = (path: string, n: number) => Effect.all(Array.from({ length: n }, () => openStore(path)))

/** The host's row, its times as numbers (PostgreSQL's bigint arrives as a string). */
const rowOf = withDb("read", (db) => db.selectFrom("host_pace").selectAll().where("host", "=", host).executeTakeFirstOrThrow()).pipe(
  Effect.map((row) => ({ ...row, next_at: Number(row.next_at), busy_until: Number(row.busy_until) }))
)

describe("tryHostTurn / releaseHostTurn", () => {
  it.scoped("gives the turn to one holder at a time, for a start spacing after the previous request ended", () =>
    Effect.gen(function* () {
      const [a, b, c] = yield* connections(tempDb(), 3)
      const on = (store: Store["Type"] | undefined) => <X, Y>(e: Effect.Effect<X, Y, Store>) => Effect.provideService(e, Store, store!)

      expect(yield* on(a)(tryHostTurn(host, "a", 1_000, pace))).toEqual({ _tag: "Taken", startAt: 1_000 })
      // In flight: nobody else gets it, even past the spacing.
      expect(yield* on(b)(tryHostTurn(host, "b", 1_000, pace))).toEqual({ _tag: "Wait", nextAt: 1_100, busyUntil: 6_000 })
      expect((yield* on(b)(tryHostTurn(host, "b", 1_500, pace)))._tag).toBe("Wait")
      // Ended at 1 530: the next start is 1 630, not 1 100; taken at 1 600, for 1 630.
      yield* on(a)(releaseHostTurn(host, "a", 1_530, pace.spacingMs))
      expect(yield* on(b)(tryHostTurn(host, "b", 1_600, pace))).toEqual({ _tag: "Taken", startAt: 1_630 })
      // Now b holds it.
      expect(yield* on(c)(tryHostTurn(host, "c", 1_600, pace))).toEqual({ _tag: "Wait", nextAt: 1_730, busyUntil: 6_630 })
    })
  )

  it.scoped("lets only the holder hand the turn back", () =>
    Effect.gen(function* () {
      const [store] = yield* connections(tempDb(), 1)
      yield* Effect.gen(function* () {
        yield* tryHostTurn(host, "a", 1_000, pace)
        yield* releaseHostTurn(host, "intruder", 1_000, pace.spacingMs)
        expect(yield* rowOf).toMatchObject({ holder: "a", busy_until: 6_000 })
        expect((yield* tryHostTurn(host, "b", 2_000, pace))._tag).toBe("Wait")
      }).pipe(Effect.provideService(Store, store!))
    })
  )

  it.scoped("frees a crashed holder's turn when its lease passes, not before", () =>
    Effect.gen(function* () {
      const [a, b] = yield* connections(tempDb(), 2)
      yield* Effect.provideService(tryHostTurn(host, "crashed", 1_000, pace), Store, a!)
      // "crashed" never hands back; its lease ends at 6 000.
      expect((yield* Effect.provideService(tryHostTurn(host, "b", 5_999, pace), Store, b!))._tag).toBe("Wait")
      expect(yield* Effect.provideService(tryHostTurn(host, "b", 6_000, pace), Store, b!)).toEqual({ _tag: "Taken", startAt: 6_000 })
    })
  )

  it.scoped("does not burst after a pace far in the past: one turn, then the spacing", () =>
    Effect.gen(function* () {
      const stores = yield* connections(tempDb(), 4)
      yield* Effect.provideService(tryHostTurn(host, "old", 0, pace), Store, stores[0]!)
      yield* Effect.provideService(releaseHostTurn(host, "old", 0, pace.spacingMs), Store, stores[0]!)
      // A day later, four workers ask at the same moment: one gets the turn.
      const now = 86_400_000
      const tries = yield* Effect.all(
        stores.map((store, i) => Effect.provideService(tryHostTurn(host, `w${i}`, now, pace), Store, store)),
        { concurrency: "unbounded" }
      )
      expect(tries.filter((t) => t._tag === "Taken")).toEqual([{ _tag: "Taken", startAt: now }])
    })
  )
})

describe("HostPacer", () => {
  /** Runs `n` requests through pacers on `connections` stores of one file, in parallel; returns their [start, end] in start order. */
  const pacedRuns = (path: string, connectionCount: number, n: number, spacingMs: number) =>
    Effect.gen(function* () {
      const stores = yield* connections(path, connectionCount)
      const runs = yield* Ref.make<Array<readonly [number, number]>>([])
      const request = Effect.gen(function* () {
        const start = yield* Clock.currentTimeMillis
        yield* Effect.sleep(`${(start % 3) + 1} millis`)
        const end = yield* Clock.currentTimeMillis
        yield* Ref.update(runs, (r) => [...r, [start, end] as const])
      })
      yield* Effect.all(
        Array.from({ length: n }, (_, i) =>
          Effect.flatMap(HostPacer, (pacer) => pacer.paced(host, { spacing: `${spacingMs} millis`, lease: "10 seconds" }, request)).pipe(
            Effect.provide(hostPacerLayer.pipe(Layer.provide(Layer.succeed(Store, stores[i % connectionCount]!))))
          )
        ),
        { concurrency: "unbounded" }
      )
      return [...(yield* Ref.get(runs))].sort((x, y) => x[0] - y[0])
    })

  it.scopedLive("spaces requests from several connections: each starts at least the spacing after the previous one ended", () =>
    Effect.gen(function* () {
      const runs = yield* pacedRuns(tempDb(), 3, 9, 20)
      expect(runs).toHaveLength(9)
      const gaps = runs.slice(1).map(([start], i) => start - runs[i]![1])
      expect(gaps.filter((gap) => gap < 20)).toEqual([])
    })
  )

  it.scoped("hands the turn back when the request fails", () =>
    Effect.gen(function* () {
      const [store] = yield* connections(tempDb(), 1)
      const exit = yield* Effect.flatMap(HostPacer, (pacer) => pacer.paced(host, { spacing: "10 millis", lease: "1 hour" }, Effect.fail("boom"))).pipe(
        Effect.provide(hostPacerLayer),
        Effect.provideService(Store, store!),
        Effect.exit
      )
      expect(exit).toEqual(Exit.fail("boom"))
      expect(yield* Effect.provideService(rowOf, Store, store!)).toMatchObject({ busy_until: 0, holder: null })
    })
  )

  it.scopedLive("hands the turn back when a timeout interrupts the request", () =>
    Effect.gen(function* () {
      const [store] = yield* connections(tempDb(), 1)
      const hung = Effect.flatMap(HostPacer, (pacer) => pacer.paced(host, { spacing: "10 millis", lease: "1 hour" }, Effect.never))
      const result = yield* hung.pipe(Effect.timeout("50 millis"), Effect.provide(hostPacerLayer), Effect.provideService(Store, store!), Effect.either)
      expect(result._tag).toBe("Left")
      expect(yield* Effect.provideService(rowOf, Store, store!)).toMatchObject({ busy_until: 0, holder: null })
    })
  )
})
