import { Effect } from "effect"

/**
 * Runs a write whose failure must not cost the caller its answer (a cache entry, a log line, a
 * learned label): a failure becomes a warning in the log.
 */
export const bestEffort = <A, E, R>(what: string, effect: Effect.Effect<A, E, R>): Effect.Effect<void, never, R> =>
  effect.pipe(
    Effect.asVoid,
    Effect.catchAll((error) => Effect.logWarning(`${what}: ${String((error as { message?: string }).message ?? error)}`))
  )
