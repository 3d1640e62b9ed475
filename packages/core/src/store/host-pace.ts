import { Clock, Context, Data, Duration, Effect, Layer, Option } from "effect"
import { randomUUID } from "node:crypto"
import { Store, type StoreError, withDb } from "./store.js"

/**
 * The pace of an outside host, shared by every worker of one store (processes on one host, or
 * hosts behind one egress IP): a request to the host starts only when the host's turn is free,
 * and its turn is taken with one atomic statement, so N workers together keep one host's rate.
 *
 * A turn is a baton, not a slot booked far ahead. The server measures *arrivals*: a slot booked
 * for a start time can arrive late (a cold connection, a busy event loop), and the next worker's
 * booked slot would then arrive less than the spacing after it. So the next request may start
 * only `spacing` after the previous one *ended* (its answer came, so it had arrived): arrivals are
 * at least `spacing` apart whatever the latencies, at the price of one round trip per request.
 * Once the previous request has ended, the next worker takes the turn at once for the start time
 * that follows (`end + spacing`) and sleeps until then, so asking the store costs no time between
 * two requests.
 *
 * A worker that crashes mid-request holds the turn only until its lease (the request's timeout)
 * passes: leases are times, not locks, and nothing has to be cleaned up.
 */

/** How one host is paced. */
export interface HostPace {
  /** The least time between one request's end and the next one's start. */
  readonly spacing: Duration.DurationInput
  /** How long a request may hold the turn (its timeout): a crashed holder blocks no longer. */
  readonly lease: Duration.DurationInput
}

/** What a try to take the turn found. */
export type HostTurnTry =
  /** The turn is the holder's; its request starts at `startAt` (ms since the epoch), not before. */
  | { readonly _tag: "Taken"; readonly startAt: number }
  /** Another worker holds the turn (its request is due or in flight) until it hands it back or `busyUntil` passes. */
  | { readonly _tag: "Wait"; readonly nextAt: number; readonly busyUntil: number }

/**
 * Takes the host's turn for `holder` when nobody holds it at `now` (ms since the epoch; a lease
 * that passed counts as nobody), for a start at the host's `next_at` or now, whichever is later.
 * One statement, atomic on SQLite and PostgreSQL alike: the insert makes the host's row, the
 * conditional update takes a free turn (`case` for the later of two times, which both dialects
 * have), and `returning` says whether it did and for when.
 */
export const tryHostTurn = (
  host: string,
  holder: string,
  now: number,
  pace: { readonly spacingMs: number; readonly leaseMs: number }
): Effect.Effect<HostTurnTry, StoreError, Store> =>
  withDb(`cannot take the turn of ${host} in the store`, async (db) => {
    const spacing = Math.ceil(pace.spacingMs)
    const lease = Math.ceil(pace.leaseMs)
    const row = await db
      .insertInto("host_pace")
      .values({ host, next_at: now + spacing, busy_until: now + lease, holder })
      .onConflict((oc) =>
        oc
          .column("host")
          .doUpdateSet((eb) => {
            const startAt = eb.case().when("host_pace.next_at", ">", now).then(eb.ref("host_pace.next_at")).else(eb.val(now)).end()
            return { next_at: eb(startAt, "+", spacing), busy_until: eb(startAt, "+", lease), holder }
          })
          .where("host_pace.busy_until", "<=", now)
      )
      .returning("next_at")
      .executeTakeFirst()
    if (row !== undefined) return { _tag: "Taken", startAt: Number(row.next_at) - spacing } as const
    const current = await db.selectFrom("host_pace").select(["next_at", "busy_until"]).where("host", "=", host).executeTakeFirst()
    // The row exists (the insert conflicted); should it have vanished since, the next try takes it.
    return { _tag: "Wait", nextAt: Number(current?.next_at ?? now), busyUntil: Number(current?.busy_until ?? 0) } as const
  })

/**
 * Hands the turn back after a request ended at `end`: the next request may start `spacing` later.
 * Only the holder can (after its lease passed, another worker may hold the turn).
 */
export const releaseHostTurn = (host: string, holder: string, end: number, spacingMs: number): Effect.Effect<void, StoreError, Store> =>
  withDb(`cannot hand back the turn of ${host} in the store`, (db) =>
    db
      .updateTable("host_pace")
      .set({ next_at: Math.ceil(end + spacingMs), busy_until: 0, holder: null })
      .where("host", "=", host)
      .where("holder", "=", holder)
      .execute()
  ).pipe(Effect.asVoid)

/** The host's turn could not be taken because the store could not be asked; the request was not sent. */
export class HostPaceUnavailable extends Data.TaggedError("HostPaceUnavailable")<{
  readonly host: string
  readonly cause: StoreError
}> {
  override get message(): string {
    return `the shared pace of ${this.host} could not be kept in the store: ${this.cause.reason}`
  }
}

export interface HostPacerService {
  /**
   * Runs `request` in the host's turn: waits until the turn is free, takes it, runs the request
   * and hands the turn back when it ends (failed or interrupted too).
   */
  readonly paced: <A, E, R>(host: string, pace: HostPace, request: Effect.Effect<A, E, R>) => Effect.Effect<A, E | HostPaceUnavailable, R>
}

/** The pace shared through the store; optional for clients, which pace in-process without it. */
export class HostPacer extends Context.Tag("@liner/core/HostPacer")<HostPacer, HostPacerService>() {}

/** While another worker holds the turn past half the spacing, how often to look whether it handed it back. */
const pollMs = (spacingMs: number): number => Math.min(50, Math.max(1, spacingMs / 10))

export const makeHostPacer = (store: Context.Tag.Service<Store>): HostPacerService => ({
  paced: (host, pace, request) =>
    Effect.suspend(() => {
      const spacingMs = Duration.toMillis(Duration.decode(pace.spacing))
      const leaseMs = Duration.toMillis(Duration.decode(pace.lease)) + spacingMs
      // One holder per run: a retry of the same effect takes a turn of its own.
      const holder = randomUUID()
      const take = Effect.gen(function* () {
        for (;;) {
          const now = yield* Clock.currentTimeMillis
          // Not cut short: a turn taken in the store must be known here, to be handed back.
          const found = yield* Effect.uninterruptible(tryHostTurn(host, holder, now, { spacingMs, leaseMs }))
          if (found._tag === "Taken") {
            if (found.startAt > now) yield* Effect.sleep(Duration.millis(found.startAt - now))
            return
          }
          // The holder hands the turn back when its request ends, some time after its start
          // (`nextAt - spacing`). Look half the spacing after that start, and while its request
          // lasts, again soon: taken before `end + spacing`, the turn costs no time between requests.
          const lookAt = Math.min(found.busyUntil, Math.max(found.nextAt - spacingMs / 2, now + pollMs(spacingMs)))
          yield* Effect.sleep(Duration.millis(Math.max(1, lookAt - now)))
        }
      }).pipe(
        Effect.provideService(Store, store),
        Effect.mapError((cause) => new HostPaceUnavailable({ host, cause }))
      )
      // Whatever happens after the first try (the request ends or fails, a timeout interrupts the
      // wait or the request): handed back. Only the holder's row changes, so it does nothing when
      // the turn was never taken; a turn that cannot be handed back frees itself when its lease passes.
      const release = Effect.flatMap(Clock.currentTimeMillis, (end) => releaseHostTurn(host, holder, end, spacingMs)).pipe(
        Effect.provideService(Store, store),
        Effect.ignore
      )
      return Effect.ensuring(Effect.zipRight(take, request), release)
    })
})

/** The host pace kept in the store (the faces provide it; clients find it with `Effect.serviceOption`). */
export const hostPacerLayer: Layer.Layer<HostPacer, never, Store> = Layer.effect(HostPacer, Effect.map(Store, makeHostPacer))

/** The pacer if one is provided. */
export const optionalHostPacer: Effect.Effect<Option.Option<HostPacerService>> = Effect.serviceOption(HostPacer)
