import { hostPacerLayer, openStore, Store } from "@liner/core"
import { makeTempDir } from "@liner/testkit"
import { Clock, Duration, Effect, Layer, Ref } from "effect"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { makeSiteGate } from "../src/index.js"

// Three workers, each with its own gate for one site and its own connection to one store: the
// site's pace is taken in the store, so their requests never overlap and each starts at least
// the (jittered, ≥ 75 %) pause after the previous one of any worker ended.
const dirs: Array<{ remove: () => void }> = []
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

describe("site gate with the store's host pace", () => {
  it("spaces the requests of several workers' gates for one site", async () => {
    const dir = makeTempDir()
    dirs.push(dir)
    const delayMs = 20
    const runs = await Effect.runPromise(
      Effect.scoped(
        Effect.gen(function* () {
          const spans = yield* Ref.make<Array<readonly [number, number]>>([])
          const request = Effect.gen(function* () {
            const start = yield* Clock.currentTimeMillis
            yield* Effect.sleep(Duration.millis(2))
            yield* Ref.update(spans, (s) => [...s, [start, Date.now()] as const])
          })
          const workers = yield* Effect.all(
            [0, 1, 2].map(() =>
              Effect.map(openStore(join(dir.path, "liner.db")), (store) => ({
                gate: makeSiteGate(Duration.millis(delayMs), Math.random, { host: "www.beatport.test", lease: "10 seconds" }),
                pacer: hostPacerLayer.pipe(Layer.provide(Layer.succeed(Store, store)))
              }))
            )
          )
          yield* Effect.all(
            Array.from({ length: 9 }, (_, i) => Effect.provide(workers[i % 3]!.gate.run(request), workers[i % 3]!.pacer)),
            { concurrency: "unbounded" }
          )
          return [...(yield* Ref.get(spans))].sort((a, b) => a[0] - b[0])
        })
      )
    )
    expect(runs).toHaveLength(9)
    const gaps = runs.slice(1).map(([start], i) => start - runs[i]![1])
    expect(gaps.filter((gap) => gap < delayMs * 0.75)).toEqual([])
  })
})
