import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Ref, TestClock } from "effect"
import { describeFailedTries } from "../src/domain/attempt.js"
import { runCascade } from "../src/tier/cascade.js"
import { withRetry } from "../src/tier/retry.js"
import { Answer, recordFailedTry, type Tier, TierFailure } from "../src/tier/tier.js"

const tier = <A>(name: string, lookup: Tier<string, A>["lookup"]): Tier<string, A> => ({ name, risk: "api", lookup })

describe("retries by kind of failure", () => {
  const policy = { base: "100 millis", times: 3, maxRetryAfter: "60 seconds", timesByKind: { unreachable: 1 } } as const

  const failing = (kind: TierFailure["kind"]) =>
    Effect.gen(function* () {
      const tries = yield* Ref.make(0)
      const effect = Ref.update(tries, (n) => n + 1).pipe(Effect.zipRight(Effect.fail(new TierFailure({ tier: "t", reason: "no", retryable: true, kind }))))
      const fiber = yield* Effect.fork(Effect.flip(effect.pipe(withRetry(policy))))
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      return yield* Ref.get(tries)
    })

  it.effect("a kind with its own bound is retried that many times, the others `times` times", () =>
    Effect.gen(function* () {
      expect(yield* failing("unreachable")).toBe(2)
      expect(yield* failing("timeout")).toBe(4)
      expect(yield* failing(undefined)).toBe(4)
    })
  )
})

describe("the attempt records the requests that failed on the way", () => {
  it.effect("a tier that failed: its kind and every failed try", () =>
    Effect.gen(function* () {
      const outcome = yield* runCascade(
        [
          {
            tier: tier("net", () =>
              recordFailedTry("timeout").pipe(
                Effect.zipRight(recordFailedTry("network")),
                Effect.zipRight(Effect.fail(new TierFailure({ tier: "net", reason: "lost", retryable: true, kind: "network" })))
              )
            ),
            timeout: "10 seconds"
          }
        ],
        "q"
      )
      expect(outcome.attempts[0]).toMatchObject({ tier: "net", outcome: "failed", detail: "lost", kind: "network", failedTries: ["timeout", "network"] })
    })
  )

  it.effect("a tier that answered after retries says so", () =>
    Effect.gen(function* () {
      const outcome = yield* runCascade(
        [{ tier: tier("net", () => recordFailedTry("timeout").pipe(Effect.as(Answer.found("album", "imdb", 1)))), timeout: "10 seconds" }],
        "q"
      )
      expect(outcome.attempts[0]).toMatchObject({ outcome: "found", detail: "after 1 failed try: 1 timed out", failedTries: ["timeout"] })
    })
  )

  it.effect("a tier cut off by its budget while retrying: the message says what its tries met", () =>
    Effect.gen(function* () {
      const fiber = yield* Effect.fork(
        runCascade([{ tier: tier("net", () => recordFailedTry("timeout").pipe(Effect.zipRight(recordFailedTry("timeout")), Effect.zipRight(Effect.never))), timeout: "30 seconds" }], "q")
      )
      yield* TestClock.adjust("30 seconds")
      const outcome = yield* Fiber.join(fiber)
      expect(outcome.failures[0]).toMatchObject({ kind: "timeout", reason: "no answer within 30s (after 2 failed tries: 2 timed out)" })
      expect(outcome.attempts[0]).toMatchObject({ outcome: "failed", kind: "timeout", failedTries: ["timeout", "timeout"] })
    })
  )

  it("failed tries are counted by kind, in order of first appearance", () => {
    expect(describeFailedTries(["timeout", "rate_limited", "timeout", "bad_payload"])).toBe("2 timed out, 1 rate limited, 1 not the JSON asked for")
  })
})
