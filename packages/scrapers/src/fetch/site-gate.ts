import { Clock, Data, Duration, Effect } from "effect"

/** The site is suspended after a bot check: asking again soon would only look more like a bot. */
export class SiteSuspended extends Data.TaggedError("SiteSuspended")<{
  readonly until: number
  readonly reason: string
}> {}

/**
 * Politeness for one site, kept in the tier itself (Crawlee's same-domain delay does nothing for
 * IP hosts and is a budget, not a spacing): one request at a time, a jittered pause between
 * requests, longer holds after 429/502/403, and a suspension after a challenge page.
 */
export interface SiteGate {
  /** Runs `request` when the site's turn comes; fails while the site is suspended. */
  readonly run: <A, E, R>(request: Effect.Effect<A, E, R>) => Effect.Effect<A, E | SiteSuspended, R>
  /** No request before `ms` from now (a backoff, or the server's Retry-After). */
  readonly holdOff: (ms: number) => Effect.Effect<void>
  readonly suspend: (forMs: number, reason: string) => Effect.Effect<void>
}

/** `delay` is the pause between two requests; each pause is `delay` ±25 %. */
export const makeSiteGate = (delay: Duration.DurationInput, random: () => number = Math.random): SiteGate => {
  const lock = Effect.unsafeMakeSemaphore(1)
  const delayMs = Duration.toMillis(Duration.decode(delay))
  let nextAt = 0
  let suspension: SiteSuspended | null = null

  return {
    run: (request) =>
      lock.withPermits(1)(
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          if (suspension !== null && now < suspension.until) return yield* Effect.fail(suspension)
          if (nextAt > now) yield* Effect.sleep(Duration.millis(nextAt - now))
          nextAt = (yield* Clock.currentTimeMillis) + delayMs * (0.75 + 0.5 * random())
          return yield* request
        })
      ),
    holdOff: (ms) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.sync(() => {
          nextAt = Math.max(nextAt, now + ms)
        })
      ),
    suspend: (forMs, reason) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.sync(() => {
          suspension = new SiteSuspended({ until: now + forMs, reason })
        })
      )
  }
}
