import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Option } from "effect"
import { afterFailedTry } from "../../src/queue/next-attempt.js"
import { NOT_FOUND_ATTEMPTS, notFoundSchedule } from "../../src/queue/not-found-schedule.js"
import type { QueueStrategy } from "../../src/queue/queue-settings.js"
import { delayAfter } from "../../src/queue/schedule-delay.js"
import { UNAVAILABLE_ATTEMPTS, unavailableSchedule } from "../../src/queue/unavailable-schedule.js"

const days = (d: Duration.Duration) => Duration.toMillis(d) / 86_400_000
const minutes = (d: Duration.Duration) => Duration.toMillis(d) / 60_000

/** The delay after the (done + 1)-th failure, in days, or null when the schedule gave up. */
const notFoundDays = (strategy: QueueStrategy, done: number, facts = { hasLabel: false, young: false }) =>
  delayAfter(notFoundSchedule(strategy, facts), done, 0).pipe(Effect.map(Option.match({ onNone: () => null, onSome: days })))

/** Checks a jittered delay lies within ±10 % of the contract's number (never under a day). */
const expectAround = (actual: number | null, expected: number) => {
  expect(actual).not.toBeNull()
  expect(actual!).toBeGreaterThanOrEqual(Math.max(1, expected * 0.9) - 1e-9)
  expect(actual!).toBeLessThanOrEqual(expected * 1.1 + 1e-9)
}

describe("not_found schedules (contract's numbers)", () => {
  it.effect("fixed: 90 days each time", () =>
    Effect.gen(function* () {
      for (let attempt = 0; attempt < NOT_FOUND_ATTEMPTS - 1; attempt++) expectAround(yield* notFoundDays("fixed", attempt), 90)
    })
  )

  it.effect("exponential: min(30 · 2^attempt, 365) days", () =>
    Effect.gen(function* () {
      for (const [attempt, expected] of [[0, 30], [1, 60], [2, 120], [3, 240]] as const) expectAround(yield* notFoundDays("exponential", attempt), expected)
    })
  )

  it.effect("adaptive: 90, 60 with a label, 45 while young, times (1 + 0.5 · attempt)", () =>
    Effect.gen(function* () {
      for (let attempt = 0; attempt < 4; attempt++) {
        expectAround(yield* notFoundDays("adaptive", attempt), 90 * (1 + 0.5 * attempt))
        expectAround(yield* notFoundDays("adaptive", attempt, { hasLabel: true, young: false }), 60 * (1 + 0.5 * attempt))
        expectAround(yield* notFoundDays("adaptive", attempt, { hasLabel: true, young: true }), 45 * (1 + 0.5 * attempt))
      }
    })
  )

  it.effect("the fifth not_found ends every schedule", () =>
    Effect.gen(function* () {
      for (const strategy of ["fixed", "exponential", "adaptive"] as const) {
        expect(yield* notFoundDays(strategy, NOT_FOUND_ATTEMPTS - 2)).not.toBeNull()
        expect(yield* notFoundDays(strategy, NOT_FOUND_ATTEMPTS - 1)).toBeNull()
      }
    })
  )

  it.effect("jitter spreads items failed at the same instant over the whole ±10 %, drawn per item", () =>
    Effect.gen(function* () {
      const drawn: Array<number> = []
      for (let i = 0; i < 2000; i++) drawn.push((yield* notFoundDays("fixed", 0))!)
      const [min, max] = [Math.min(...drawn), Math.max(...drawn)]
      expect(min).toBeGreaterThanOrEqual(81 - 1e-9)
      expect(max).toBeLessThanOrEqual(99 + 1e-9)
      // Uniform over ±10 %: 2 000 draws leave no gap near either end (a chance of about e^-40).
      expect(min).toBeLessThan(82)
      expect(max).toBeGreaterThan(98)
      expect(new Set(drawn).size).toBeGreaterThan(1990)
    })
  )
})

describe("the unavailable schedule", () => {
  it.effect("doubles from one minute, jittered, at most six hours, and gives up at the twentieth", () =>
    Effect.gen(function* () {
      const delays: Array<number | null> = []
      for (let done = 0; done < UNAVAILABLE_ATTEMPTS; done++)
        delays.push(Option.match(yield* delayAfter(unavailableSchedule, done, 0), { onNone: () => null, onSome: minutes }))
      delays.slice(0, 8).forEach((d, i) => {
        expect(d!).toBeGreaterThanOrEqual(0.8 * 2 ** i - 1e-9)
        expect(d!).toBeLessThanOrEqual(1.2 * 2 ** i + 1e-9)
      })
      for (const d of delays.slice(0, UNAVAILABLE_ATTEMPTS - 1)) expect(d!).toBeLessThanOrEqual(360)
      expect(delays[UNAVAILABLE_ATTEMPTS - 2]).toBe(360)
      expect(delays[UNAVAILABLE_ATTEMPTS - 1]).toBeNull()
    })
  )
})

describe("afterFailedTry", () => {
  const base = { createdAt: "2027-01-01T00:00:00.000Z", hasLabel: false, strategy: "adaptive" as const }
  const now = Date.parse("2027-03-01T00:00:00.000Z")

  it.effect("counts each kind of failure apart: unavailable tries never use up the five not_found ones", () =>
    Effect.gen(function* () {
      const state = yield* afterFailedTry({ ...base, outcome: "unavailable", attempts: { notFound: 4, unavailable: 7 }, now })
      expect(state.status).toBe("cooling_down")
      expect(state.attempts).toEqual({ notFound: 4, unavailable: 8 })
      const last = yield* afterFailedTry({ ...base, outcome: "not_found", attempts: { notFound: 4, unavailable: 8 }, now })
      expect(last).toEqual({ status: "permanently_failed", nextAttemptAt: null, attempts: { notFound: 5, unavailable: 8 } })
    })
  )

  it.effect("an item younger than 30 days waits 45 days, an older one 90 (adaptive)", () =>
    Effect.gen(function* () {
      const young = yield* afterFailedTry({ ...base, outcome: "not_found", attempts: { notFound: 0, unavailable: 0 }, now: Date.parse(base.createdAt) + 86_400_000 })
      const old = yield* afterFailedTry({ ...base, outcome: "not_found", attempts: { notFound: 0, unavailable: 0 }, now })
      const waited = (s: { nextAttemptAt: string | null }, from: number) => (Date.parse(s.nextAttemptAt!) - from) / 86_400_000
      expectAround(waited(young, Date.parse(base.createdAt) + 86_400_000), 45)
      expectAround(waited(old, now), 90)
    })
  )
})
