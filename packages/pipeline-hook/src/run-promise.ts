import { Cause, Effect, Exit, Option } from "effect"

/** Runs an Effect; a failure rejects with the typed error itself (not a wrapper), for Promise callers. */
export const runToPromise = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromiseExit(effect).then((exit) => {
    if (Exit.isSuccess(exit)) return exit.value
    const failure = Cause.failureOption(exit.cause)
    throw Option.isSome(failure) ? failure.value : Cause.squash(exit.cause)
  })
