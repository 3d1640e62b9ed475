import { Context, Effect, Ref } from "effect"

/**
 * Counts the HTTP requests a tier makes, so its attempt can report them. The cascade provides
 * a fresh meter per tier run; clients call `countRequest` and do nothing when no meter is there.
 */
export class RequestMeter extends Context.Tag("@liner/core/RequestMeter")<RequestMeter, Ref.Ref<number>>() {}

export const countRequest: Effect.Effect<void> = Effect.serviceOption(RequestMeter).pipe(
  Effect.flatMap((meter) => (meter._tag === "Some" ? Ref.update(meter.value, (n) => n + 1) : Effect.void))
)
