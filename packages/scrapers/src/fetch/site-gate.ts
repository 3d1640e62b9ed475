import { HostPacer } from "@liner/core"
import { Clock, Data, Duration, Effect, Option } from "effect"

/** The site is suspended after a bot check: asking again soon would only look more like a bot. */
export class SiteSuspended extends Data.TaggedError("SiteSuspended")<{
  readonly until: number
  readonly reason: string
}> {}

/**
 * Politeness for one site, kept in the tier itself (Crawlee's same-domain delay does nothing for
 * IP hosts and is a budget, not a spacing): one request at a time, a jittered pause between
 * requests, longer holds after 429/502/403, and a suspension after a challenge page.
 *
 * Given a host and, where the request runs, a `HostPacer` (the CLI provides one with the store),
 * each request also takes the host's turn in the store, its pause counted from the end of the
 * previous request of any worker of the store, so workers sharing a store share the site's pace.
 * Should the store fail to keep that pace, the gate's own pacing still holds for this process
 * (the scrapers are an opt-in last resort of one worker, never a fleet's bulk traffic).
 */
export interface SiteGate {
  /** Runs `request` when the site's turn comes; fails while the site is suspended. */
  readonly run: <A, E, R>(request: Effect.Effect<A, E, R>) => Effect.Effect<A, E | SiteSuspended, R>
  /** No request before `ms` from now (a backoff, or the server's Retry-After). */
  readonly holdOff: (ms: number) => Effect.Effect<void>
  readonly suspend: (forMs: number, reason: string) => Effect.Effect<void>
}

/** The site's host, for its pace in the store, and how long one request may hold that pace. */
export interface SharedSitePace {
  readonly host: string
  readonly lease: Duration.DurationInput
}

/** `delay` is the pause between two requests; each pause is `delay` ±25 %. */
export const makeSiteGate = (delay: Duration.DurationInput, random: () => number = Math.random, shared?: SharedSitePace): SiteGate => {
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
          const pause = delayMs * (0.75 + 0.5 * random())
          nextAt = (yield* Clock.currentTimeMillis) + pause
          const pacer = shared === undefined ? Option.none() : yield* Effect.serviceOption(HostPacer)
          if (shared === undefined || Option.isNone(pacer)) return yield* request
          return yield* pacer.value
            .paced(shared.host, { spacing: Duration.millis(pause), lease: shared.lease }, request)
            .pipe(Effect.catchTag("HostPaceUnavailable", () => request))
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
