import { Clock, Effect, Option, Ref } from "effect"

export interface HostDown {
  /** When the host was found unreachable (epoch ms). */
  readonly since: number
  /** What the connection attempt met: "cannot reach musicbrainz at host (ECONNREFUSED)". */
  readonly why: string
}

/**
 * Hosts a client found unreachable (a name that does not resolve, a port that refuses), so the
 * rest of the run fails at once instead of paying the same retries for every film of a batch.
 * One per client; the client lives as long as the process (or the batch).
 */
export interface HostHealth {
  readonly downSince: (host: string) => Effect.Effect<Option.Option<HostDown>>
  readonly markDown: (host: string, why: string) => Effect.Effect<void>
}

export const makeHostHealth: Effect.Effect<HostHealth> = Effect.map(Ref.make<ReadonlyMap<string, HostDown>>(new Map()), (down) => ({
  downSince: (host) => Effect.map(Ref.get(down), (hosts) => Option.fromNullable(hosts.get(host))),
  markDown: (host, why) =>
    Effect.flatMap(Clock.currentTimeMillis, (since) =>
      Ref.update(down, (hosts) => (hosts.has(host) ? hosts : new Map([...hosts, [host, { since, why }]])))
    )
}))
