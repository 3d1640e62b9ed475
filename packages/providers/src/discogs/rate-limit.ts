import type { Headers } from "@effect/platform"
import { Clock, Duration, Effect, Option, Ref } from "effect"

/**
 * Discogs' documented rate limit: 60 authenticated requests a minute over a moving window, told
 * on every answer by `X-Discogs-Ratelimit` (the limit), `X-Discogs-Ratelimit-Used` and
 * `X-Discogs-Ratelimit-Remaining`. The pace reads them: with none left it waits a whole window
 * after the last answer (the oldest request has surely left it by then); with few left it
 * spreads the rest (one request per window/limit); otherwise it does not wait. Requests go one
 * at a time, so each one sees the headers of the one before.
 */

export interface RateHeaders {
  readonly limit: number
  readonly remaining: number
  /** When the answer that told them arrived (epoch ms). */
  readonly at: number
}

/** The rate-limit headers of an answer, when it has them. */
export const readRateHeaders = (headers: Readonly<Record<string, string | undefined>>, at: number): Option.Option<RateHeaders> => {
  const remaining = Number(headers["x-discogs-ratelimit-remaining"] ?? Number.NaN)
  const limit = Number(headers["x-discogs-ratelimit"] ?? Number.NaN)
  if (!Number.isFinite(remaining)) return Option.none()
  return Option.some({ limit: Number.isFinite(limit) && limit > 0 ? limit : 60, remaining, at })
}

/** How long to wait before the next request, given the last answer's headers. */
export const waitBeforeNext = (last: RateHeaders, now: number, window: Duration.DurationInput, lowRemaining: number): number => {
  const windowMs = Duration.toMillis(window)
  const until = last.remaining <= 0 ? last.at + windowMs : last.remaining <= lowRemaining ? last.at + windowMs / last.limit : now
  return Math.max(0, Math.ceil(until - now))
}

export interface DiscogsPace {
  /** Runs one request when the pace allows it. */
  readonly paced: <A, E, R>(request: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** Records the rate-limit headers of an answer (any status, 429 included). */
  readonly observe: (headers: Headers.Headers) => Effect.Effect<void>
}

export const makeDiscogsPace = (window: Duration.DurationInput, lowRemaining: number): Effect.Effect<DiscogsPace> =>
  Effect.gen(function* () {
    const last = yield* Ref.make<Option.Option<RateHeaders>>(Option.none())
    const oneAtATime = yield* Effect.makeSemaphore(1)
    const observe = (headers: Headers.Headers) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Option.match(readRateHeaders(headers, now), { onNone: () => Effect.void, onSome: (seen) => Ref.set(last, Option.some(seen)) })
      )
    const pause = Effect.gen(function* () {
      const seen = yield* Ref.get(last)
      if (Option.isNone(seen)) return
      const wait = waitBeforeNext(seen.value, yield* Clock.currentTimeMillis, window, lowRemaining)
      if (wait > 0) yield* Effect.sleep(Duration.millis(wait))
    })
    const paced = <A, E, R>(request: Effect.Effect<A, E, R>) => oneAtATime.withPermits(1)(Effect.zipRight(pause, request))
    return { paced, observe }
  })
