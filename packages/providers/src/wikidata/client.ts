import { FetchHttpClient, HttpClient, HttpClientRequest } from "@effect/platform"
import { bestEffort, readWikidataAnswer, saveWikidataAnswer, type Store, TierFailure } from "@liner/core"
import { Clock, Context, Duration, Effect, Layer, Option, Schema, type Scope } from "effect"
import { makeHostHealth } from "../http/host-health.js"
import type { JsonSource } from "../http/json-source.js"
import { makeEndSpacing } from "../http/end-spacing.js"
import { retried } from "../http/retried.js"
import { sendJson } from "../http/send-json.js"
import { userAgentOf } from "../musicbrainz/client.js"
import { WikidataConfig, type WikidataSettings } from "./config.js"
import { filmOf, filmQuery } from "./query.js"
import { SparqlResults, WikidataFilm } from "./schemas.js"

/**
 * The one door to the Wikidata Query Service. As its operators ask: a User-Agent naming Liner
 * and a contact, one query at a time, spaced (counted from the end of the previous one), 429
 * honoured (never sooner than `Retry-After`), and answers cached on our side — in the store,
 * by IMDb id, a miss included — so a film is asked about once. Requests stand on the shared
 * discipline (`../http`): body read, then parsed, then decoded with Schema.
 */

export const wikidataTierName = "wikidata"

export interface WikidataAnswer {
  /** None: Wikidata has no film with this IMDb id. */
  readonly film: Option.Option<WikidataFilm>
  /** When the answer was fetched: earlier (served from the store or this run) or just now. */
  readonly fetchedAt: string
  /** True when no request was made for it. */
  readonly cached: boolean
}

export interface WikidataClientService {
  readonly settings: WikidataSettings
  /** The film with this IMDb id (`ttNNNNNNN`): from this run, else a fresh stored answer, else ONE query. */
  readonly film: (imdbId: string) => Effect.Effect<WikidataAnswer, TierFailure>
}

export class WikidataClient extends Context.Tag("@liner/providers/WikidataClient")<WikidataClient, WikidataClientService>() {}

/** The Query Service's errors are plain text (a Java stack trace for a timed-out query), 403 an HTML policy page. */
const wikidataSource: JsonSource<never> = {
  tier: wikidataTierName,
  errorMessage: () => undefined,
  onStatus: (status, message) =>
    status === 403
      ? new TierFailure({
          tier: wikidataTierName,
          reason: `403 from wikidata (refused: check the User-Agent and LINER_CONTACT)${message === "" ? "" : `: ${message}`}`,
          retryable: false,
          kind: "blocked"
        })
      : undefined
}

const StoredFilm = Schema.NullOr(WikidataFilm)

export const makeWikidataClient = (settings: WikidataSettings): Effect.Effect<WikidataClientService, never, HttpClient.HttpClient | Store | Scope.Scope> =>
  Effect.gen(function* () {
    // Trace headers are ours, not Wikidata's business.
    const http = (yield* HttpClient.HttpClient).pipe(HttpClient.withTracerPropagation(false))
    const context = yield* Effect.context<Store>()
    const health = yield* makeHostHealth
    const retries = retried({ policy: settings.retry, tier: wikidataTierName, host: new URL(settings.baseUrl).host, health })
    const userAgent = userAgentOf(settings.contact)
    const oneAtATime = yield* Effect.makeSemaphore(1)
    const paced = yield* makeEndSpacing(Duration.toMillis(settings.spacing))
    // This run's answers by IMDb id (only touched under `oneAtATime`).
    const answered = new Map<string, WikidataAnswer>()

    const ask = (imdbId: string) => {
      const request = HttpClientRequest.get(`${settings.baseUrl}/sparql`).pipe(
        HttpClientRequest.setUrlParams({ query: filmQuery(imdbId) }),
        HttpClientRequest.setHeader("user-agent", userAgent),
        HttpClientRequest.setHeader("accept", "application/sparql-results+json")
      )
      const once = paced(
        sendJson(wikidataSource, request, SparqlResults, { what: `the film query for ${imdbId}`, timeout: settings.requestTimeout }).pipe(
          Effect.provideService(HttpClient.HttpClient, http)
        )
      )
      return retries(once).pipe(Effect.map((results) => Option.fromNullable(filmOf(results))))
    }

    const film = (imdbId: string): Effect.Effect<WikidataAnswer, TierFailure> =>
      oneAtATime.withPermits(1)(
        Effect.gen(function* () {
          const inRun = answered.get(imdbId)
          if (inRun !== undefined) return { ...inRun, cached: true }
          const now = yield* Clock.currentTimeMillis
          const stored = yield* readWikidataAnswer(imdbId).pipe(
            Effect.catchAll((error) => Effect.logWarning(`${error.message}; asking Wikidata instead`).pipe(Effect.as(Option.none()))),
            Effect.provide(context)
          )
          const fresh = Option.flatMap(stored, ({ answer, fetchedAt }) => {
            const decoded = Schema.decodeUnknownOption(StoredFilm)(answer)
            if (Option.isNone(decoded)) return Option.none() // written by another version: asked again
            const ttl = decoded.value === null ? settings.missCacheFor : settings.cacheFor
            return now - Date.parse(fetchedAt) <= Duration.toMillis(ttl)
              ? Option.some<WikidataAnswer>({ film: Option.fromNullable(decoded.value), fetchedAt, cached: true })
              : Option.none()
          })
          if (Option.isSome(fresh)) {
            answered.set(imdbId, fresh.value)
            return fresh.value
          }
          const found = yield* ask(imdbId)
          const fetchedAt = new Date(yield* Clock.currentTimeMillis).toISOString()
          yield* bestEffort("cannot keep the Wikidata answer", saveWikidataAnswer({ imdbId, answer: Option.getOrNull(found), fetchedAt })).pipe(
            Effect.provide(context)
          )
          const answer: WikidataAnswer = { film: found, fetchedAt, cached: false }
          answered.set(imdbId, answer)
          return answer
        })
      )

    return { settings, film }
  })

/** The client, from `WikidataConfig`, an `HttpClient` and the store. */
export const wikidataClientLayer: Layer.Layer<WikidataClient, never, WikidataConfig | HttpClient.HttpClient | Store> = Layer.scoped(
  WikidataClient,
  Effect.flatMap(WikidataConfig, makeWikidataClient)
)

/** The client with the given settings and `fetch` (tests, benchmarks, programmatic use). */
export const wikidataClientWith = (settings: Parameters<typeof WikidataConfig.make>[0]): Layer.Layer<WikidataClient, never, Store> =>
  wikidataClientLayer.pipe(Layer.provide(WikidataConfig.make(settings)), Layer.provide(FetchHttpClient.layer))
