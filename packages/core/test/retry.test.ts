import { describe, expect, it } from "@effect/vitest"
import { Clock, Duration, Effect, Fiber, Option, Ref, TestClock } from "effect"
import { parseRetryAfter } from "../src/tier/retry-after.js"
import { type RetryHint, withRetry } from "../src/tier/retry.js"

class Flaky implements RetryHint {
  constructor(
    readonly retryable: boolean,
    readonly retryAfterMs?: number
  ) {}
}

/** Fails with the given failures in turn, then succeeds; records when each try happened (test clock). */
const flaky = (failures: ReadonlyArray<Flaky>) =>
  Effect.gen(function* () {
    const tries = yield* Ref.make<ReadonlyArray<number>>([])
    const effect = Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      const before = yield* Ref.getAndUpdate(tries, (all) => [...all, now])
      const failure = failures[before.length]
      return failure === undefined ? "ok" : yield* Effect.fail(failure)
    })
    return { effect, tries }
  })

const policy = { base: "100 millis", times: 3, maxRetryAfter: "60 seconds" } as const

describe("withRetry", () => {
  it.effect("retries a retryable failure and never sooner than Retry-After", () =>
    Effect.gen(function* () {
      const { effect, tries } = yield* flaky([new Flaky(true, 5_000), new Flaky(true)])
      const fiber = yield* Effect.fork(effect.pipe(withRetry(policy)))
      yield* TestClock.adjust("1 minute")
      expect(yield* Fiber.join(fiber)).toBe("ok")
      const [first, second, third] = yield* Ref.get(tries)
      expect(second! - first!).toBeGreaterThanOrEqual(5_000)
      expect(third! - second!).toBeGreaterThan(0)
    })
  )

  it.effect("gives up after the bound, with the last failure", () =>
    Effect.gen(function* () {
      const { effect, tries } = yield* flaky([new Flaky(true), new Flaky(true), new Flaky(true), new Flaky(true, 1), new Flaky(true)])
      const fiber = yield* Effect.fork(Effect.flip(effect.pipe(withRetry(policy))))
      yield* TestClock.adjust("1 minute")
      expect((yield* Fiber.join(fiber)).retryAfterMs).toBe(1)
      expect(yield* Ref.get(tries)).toHaveLength(4)
    })
  )

  it.effect("does not retry what cannot get better, nor wait for a Retry-After above the ceiling", () =>
    Effect.gen(function* () {
      const refused = yield* flaky([new Flaky(false)])
      yield* Effect.flip(refused.effect.pipe(withRetry(policy)))
      expect(yield* Ref.get(refused.tries)).toHaveLength(1)
      const banned = yield* flaky([new Flaky(true, Duration.toMillis("2 hours"))])
      yield* Effect.flip(banned.effect.pipe(withRetry(policy)))
      expect(yield* Ref.get(banned.tries)).toHaveLength(1)
    })
  )
})

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-21T10:00:00Z")
  it.each([
    ["1", Option.some(1000)],
    ["0", Option.some(0)],
    ["2.5", Option.some(2500)],
    ["Sat, 21 Nov 2026 10:00:30 GMT", Option.some(30_000)],
    ["Sat, 21 Nov 2026 09:00:00 GMT", Option.some(0)],
    ["soon", Option.none()],
    ["", Option.none()],
    [undefined, Option.none()]
  ])("%j → %s", (value, expected) => {
    expect(parseRetryAfter(value, now)).toEqual(expected)
  })
})
