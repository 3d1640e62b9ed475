import { Deferred, Duration, Effect } from "effect"

/**
 * The server's way down after SIGTERM: it stops taking connections and lets the requests in
 * flight finish (their responses close their connections), but a queue run is stopped before the
 * grace runs out, so the items it claimed are handed back rather than left under a lease.
 */
export interface Draining {
  readonly isDraining: () => boolean
  /** Starts the way down (idempotent). */
  readonly begin: Effect.Effect<void>
  /** Completes when long work (a queue run) must stop: shortly before the grace ends. */
  readonly deadline: Effect.Effect<void>
}

export const makeDraining = (grace: Duration.Duration): Effect.Effect<Draining> =>
  Effect.gen(function* () {
    const deadline = yield* Deferred.make<void>()
    let draining = false
    // Time left, after the deadline, for an interrupted run to hand its items back and answer.
    const stopAfter = Duration.max(Duration.subtract(grace, Duration.seconds(2)), Duration.times(grace, 0.5))
    return {
      isDraining: () => draining,
      begin: Effect.suspend(() => {
        if (draining) return Effect.void
        draining = true
        return Effect.forkDaemon(Effect.zipRight(Effect.sleep(stopAfter), Deferred.succeed(deadline, undefined))).pipe(Effect.asVoid)
      }),
      deadline: Deferred.await(deadline)
    }
  })
