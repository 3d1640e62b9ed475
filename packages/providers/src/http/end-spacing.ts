import { Clock, Duration, Effect, Ref } from "effect"

/**
 * Spaces a client's requests by `spacingMs` counted from the *end* of the previous request, not
 * its start (which is what effect's `RateLimiter` spaces): a server measures arrivals, and a
 * request that first had to open a connection arrives late, so a start-spaced follower on the
 * warm connection would arrive too soon. The caller runs requests one at a time.
 */
export const makeEndSpacing = (spacingMs: number) =>
  Effect.map(
    Ref.make(0),
    (earliestNextStart) =>
      <A, E, R>(request: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
        Effect.gen(function* () {
          const wait = (yield* Ref.get(earliestNextStart)) - (yield* Clock.currentTimeMillis)
          if (wait > 0) yield* Effect.sleep(Duration.millis(wait))
          return yield* request.pipe(Effect.ensuring(Effect.flatMap(Clock.currentTimeMillis, (end) => Ref.set(earliestNextStart, end + spacingMs))))
        })
  )
