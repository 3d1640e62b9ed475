import { type FilmQuery, queueLookupOutcome, type SoundtrackResult, soundtrackOutcome, Store } from "@liner/core"
import { Effect, Option } from "effect"

/**
 * Hands the stage's answer to Liner's cool-down queue, as a batch does: a film not found, or
 * whose sources failed, is asked again later by `liner queue run`; a found one closes its item.
 * Runs when Liner's store is among the stage's services (as `liner stage` and the Promise form's
 * default finder provide it); a custom finder without a store leaves the queue alone. A failure
 * here never costs the stage its outputs: it becomes a warning.
 */
export const queueStageOutcome = (query: FilmQuery, result: SoundtrackResult): Effect.Effect<Option.Option<string>> =>
  Effect.flatMap(
    Effect.serviceOption(Store),
    Option.match({
      onNone: () => Effect.succeed(Option.none()),
      onSome: (store) =>
        queueLookupOutcome({ kind: "soundtrack", query, ...soundtrackOutcome(result) }).pipe(
          Effect.provideService(Store, store),
          Effect.as(Option.none<string>()),
          Effect.catchAll((error) =>
            Effect.succeed(Option.some(`the film was not queued for a later try: ${error._tag === "StoreError" ? error.message : `bad configuration: ${String(error)}`}`))
          )
        )
    })
  )
