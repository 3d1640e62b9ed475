import { Duration, Effect, Option, type Schedule, ScheduleDecision, ScheduleIntervals } from "effect"

/**
 * The delay `schedule` gives after its `(done + 1)`-th failure, or none when it gives up by then:
 * the schedule is stepped `done + 1` times from `now`, without sleeping. Each step draws its own
 * jitter, so one item's delays are independent of every other item's.
 */
export const delayAfter = <Out, R>(schedule: Schedule.Schedule<Out, unknown, R>, done: number, now: number): Effect.Effect<Option.Option<Duration.Duration>, never, R> =>
  Effect.gen(function* () {
    let state: unknown = schedule.initial
    let at = now
    for (let step = 0; ; step++) {
      const [next, , decision] = yield* schedule.step(at, undefined, state)
      if (ScheduleDecision.isDone(decision)) return Option.none()
      const start = ScheduleIntervals.start(decision.intervals)
      if (step >= done) return Option.some(Duration.millis(Math.max(0, start - at)))
      state = next
      at = start
    }
  })
