import { type HttpClient, HttpClientRequest } from "@effect/platform"
import { Clock, Effect, Option, Redacted, Ref, Schema } from "effect"
import type { TierFailure } from "@liner/core"
import { type HostHealth, makeHostHealth } from "../http/host-health.js"
import { retried } from "../http/retried.js"
import { sendJson } from "../http/send-json.js"
import type { SpotifyCredentials, SpotifySettings } from "./config.js"
import { redactSecrets, spotifyFailure, spotifySource, spotifyTierName } from "./http.js"

/** The accounts service's answer to a client-credentials grant. */
const TokenResponse = Schema.Struct({
  access_token: Schema.String,
  token_type: Schema.String,
  expires_in: Schema.Number
})

/** A token is dropped a little before Spotify says it expires, so no request races its expiry. */
const refreshMargin = (lifetimeMs: number) => Math.min(60_000, lifetimeMs / 10)

interface CachedToken {
  readonly token: Redacted.Redacted<string>
  readonly renewAt: number
}

/** Client-credentials access tokens, fetched once and shared by every lookup until they near expiry. */
export interface SpotifyTokens {
  /** A usable token: the cached one, or a fresh one when none is cached or it is about to expire. */
  readonly get: Effect.Effect<Redacted.Redacted<string>, TierFailure>
  /** Forgets `token` after the API refused it, so the next `get` fetches another. */
  readonly invalidate: (token: Redacted.Redacted<string>) => Effect.Effect<void>
}

export const makeSpotifyTokens = (
  settings: SpotifySettings,
  credentials: SpotifyCredentials,
  /** The client's memory of unreachable hosts; a fresh one when the tokens stand alone. */
  hostHealth?: HostHealth
): Effect.Effect<SpotifyTokens, never, HttpClient.HttpClient> =>
  Effect.gen(function* () {
    const http = yield* Effect.context<HttpClient.HttpClient>()
    const health = hostHealth ?? (yield* makeHostHealth)
    const cache = yield* Ref.make(Option.none<CachedToken>())
    // One fetch at a time: concurrent lookups wait for the token the first one is fetching.
    const lock = yield* Effect.makeSemaphore(1)

    const request = HttpClientRequest.post(`${settings.accountsUrl}/api/token`).pipe(
      HttpClientRequest.basicAuth(credentials.clientId, credentials.clientSecret),
      HttpClientRequest.acceptJson,
      HttpClientRequest.bodyUrlParams({ grant_type: "client_credentials" })
    )

    const fetchToken = sendJson(spotifySource, request, TokenResponse, { what: "the token request", timeout: settings.requestTimeout }).pipe(
      // A 401 here is not an expired token: the accounts service refused our credentials.
      Effect.catchTag("SpotifyUnauthorized", (refused) =>
        Effect.fail(spotifyFailure(`spotify refused the client credentials: ${refused.reason}`, { retryable: false }))
      ),
      Effect.flatMap((body) =>
        body.token_type.toLowerCase() === "bearer" && body.access_token !== ""
          ? Effect.succeed(body)
          : Effect.fail(spotifyFailure(`the token request answered an unusable ${body.token_type} token`, { retryable: false, kind: "bad_payload" }))
      ),
      retried({ policy: settings.retry, tier: spotifyTierName, host: new URL(settings.accountsUrl).host, health }),
      Effect.mapError((failure) => redactSecrets(failure, [credentials.clientSecret])),
      Effect.provide(http)
    )

    const refresh = Effect.gen(function* () {
      const body = yield* fetchToken
      const now = yield* Clock.currentTimeMillis
      const lifetimeMs = body.expires_in * 1000
      const fresh: CachedToken = { token: Redacted.make(body.access_token), renewAt: now + lifetimeMs - refreshMargin(lifetimeMs) }
      yield* Ref.set(cache, Option.some(fresh))
      return fresh.token
    })

    const get = lock.withPermits(1)(
      Effect.gen(function* () {
        const cached = yield* Ref.get(cache)
        const now = yield* Clock.currentTimeMillis
        if (Option.isSome(cached) && now < cached.value.renewAt) return cached.value.token
        return yield* refresh
      })
    )

    const invalidate = (token: Redacted.Redacted<string>) =>
      Ref.update(cache, (cached) =>
        Option.isSome(cached) && Redacted.value(cached.value.token) === Redacted.value(token) ? Option.none() : cached
      )

    return { get, invalidate }
  })
