import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Option, Ref, TestClock } from "effect"
import { runCascade } from "../src/tier/cascade.js"
import { countRequest } from "../src/tier/request-meter.js"
import { Answer, type Tier, TierFailure } from "../src/tier/tier.js"

const tier = <A>(name: string, lookup: Tier<string, A>["lookup"]): Tier<string, A> => ({ name, risk: "local", lookup })
const step = <A>(t: Tier<string, A>, timeout: Duration.DurationInput = "10 seconds") => ({ tier: t, timeout })

describe("runCascade", () => {
  it.effect("moves on after a miss and after a failure, stops at the first hit, and records an attempt per tier run", () =>
    Effect.gen(function* () {
      const third = yield* Ref.make(0)
      const outcome = yield* runCascade(
        [
          step(tier("miss", () => Effect.succeed(Answer.notFound("nothing here")))),
          step(tier("broken", () => Effect.fail(new TierFailure({ tier: "broken", reason: "503 from broken after 4 tries", retryable: true, requests: 4 })))),
          step(tier("close", () => Effect.succeed(Answer.ambiguous([{ label: "A", score: 0.9 }, { label: "B", score: 0.89 }])))),
          step(tier("hit", () => countRequest.pipe(Effect.zipRight(countRequest), Effect.as(Answer.found("the answer", "imdb", 0.97))))),
          step(tier("never", () => Ref.update(third, (n) => n + 1).pipe(Effect.as(Answer.found("too late", "title", 1)))))
        ],
        "query"
      )
      expect(Option.getOrThrow(outcome.hit)).toMatchObject({ tier: "hit", found: { value: "the answer", matchedBy: "imdb", confidence: 0.97 } })
      expect(yield* Ref.get(third)).toBe(0)
      expect(outcome.attempts.map((a) => [a.tier, a.outcome, a.requests, a.detail])).toEqual([
        ["miss", "not_found", undefined, "nothing here"],
        ["broken", "failed", undefined, "503 from broken after 4 tries"],
        ["close", "ambiguous", undefined, "too close to call: A (0.90), B (0.89)"],
        ["hit", "found", 2, undefined]
      ])
      expect(outcome.failures.map((f) => f.tier)).toEqual(["broken"])
    })
  )

  it.effect("abandons a tier at its timeout as a retryable failure and asks the next one", () =>
    Effect.gen(function* () {
      const fiber = yield* Effect.fork(
        runCascade([step(tier("slow", () => Effect.never), "5 seconds"), step(tier("local", () => Effect.succeed(Answer.found(1, "key", 1))))], "q")
      )
      yield* TestClock.adjust("5 seconds")
      const outcome = yield* Fiber.join(fiber)
      expect(outcome.attempts.map((a) => [a.tier, a.outcome])).toEqual([
        ["slow", "failed"],
        ["local", "found"]
      ])
      expect(outcome.failures[0]).toMatchObject({ tier: "slow", retryable: true, kind: "timeout" })
    })
  )

  it.effect("with nothing found, the outcome has no hit and says which tiers failed", () =>
    Effect.gen(function* () {
      const outcome = yield* runCascade([step(tier("a", () => Effect.succeed(Answer.skipped("no credentials"))))], "q")
      expect(Option.isNone(outcome.hit)).toBe(true)
      expect(outcome.failures).toEqual([])
      expect(outcome.attempts).toEqual([{ tier: "a", outcome: "skipped", durationMs: 0, detail: "no credentials" }])
    })
  )
})
