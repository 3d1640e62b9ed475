import { Headers, HttpClient, HttpClientRequest } from "@effect/platform"
import { Clock, Duration, Effect, Option, Redacted, Ref, Schema } from "effect"
import {
  readSongstatsAnswer,
  saveSongstatsAnswer,
  type SongstatsParams,
  songstatsRequestKey,
  type Store,
  TierFailure,
  bestEffort
} from "@liner/core"
import { makeHostHealth } from "../http/host-health.js"
import { retried } from "../http/retried.js"
import { sendJson } from "../http/send-json.js"
import { defaultContact } from "../musicbrainz/config.js"
import { userAgentOf } from "../musicbrainz/client.js"
import type { SongstatsSettings } from "./config.js"
import { keyRefusedFailure, redactFailure, scrubSecret, songstatsSource, songstatsTierName } from "./http.js"
import {
  ArtistCatalogResponse,
  ArtistInfoResponse,
  ArtistSearchResponse,
  ArtistTopCuratorsResponse,
  type SongstatsEnvelope
} from "./schemas.js"

/**
 * The one door to the Songstats Enterprise API. Every call is billable, so every answer is
 * cached in the store (`songstats_cache`) and in memory: a request is made once per run, and
 * not again while its stored answer is fresh. Requests go one at a time, with the key in the
 * `apikey` header (never in a URL, a message, a log or the store), and stand on the shared
 * discipline (`../http`): a timeout per request; 429, 500, 502, 503 and 504 retried with jittered
 * backoff never sooner than `Retry-After`; the body read, parsed, then decoded tolerantly.
 * A refused key (401) is final: the client fails every later call at once without asking.
 */

export interface SongstatsArtistRef {
  readonly id: string
  readonly name: string
  readonly siteUrl: string | null
}

export interface SongstatsArtistInfo extends SongstatsArtistRef {
  /** The artist's labels as Songstats names them, each once. */
  readonly labels: ReadonlyArray<string>
  readonly genres: ReadonlyArray<string>
}

export interface SongstatsCatalogTrack {
  readonly id: string
  readonly title: string
  readonly releaseDate: string | null
  readonly isrcs: ReadonlyArray<string>
  readonly artists: ReadonlyArray<string>
  readonly labels: ReadonlyArray<string>
}

/** A DJ who supports the artist (a 1001Tracklists curator, Songstats source `tracklist`). */
export interface SongstatsCurator {
  readonly name: string
  readonly id: string | null
  readonly url: string | null
  readonly followers: number | null
}

export interface SongstatsClientService {
  /** `GET /artists/search?q=…`: the artists Songstats finds by this name, best first. */
  readonly searchArtist: (name: string) => Effect.Effect<ReadonlyArray<SongstatsArtistRef>, TierFailure>
  /** `GET /artists/info`: the artist with their labels; none when Songstats has no such artist. */
  readonly artistInfo: (artistId: string) => Effect.Effect<Option.Option<SongstatsArtistInfo>, TierFailure>
  /** `GET /artists/catalog`, page after page (at most 10 of 50): the artist's tracks; none for an unknown artist. */
  readonly artistCatalog: (artistId: string) => Effect.Effect<ReadonlyArray<SongstatsCatalogTrack>, TierFailure>
  /** `GET /artists/top_curators?source=tracklist`: the DJs who support the artist most. */
  readonly artistTopCurators: (artistId: string) => Effect.Effect<ReadonlyArray<SongstatsCurator>, TierFailure>
}

/** How many artists a search returns. */
const searchLimit = 10
/** Catalogue pages: 50 tracks each, at most 10 (every page is a billable call). */
const catalogPageSize = 50
const maxCatalogPages = 10

const distinctNames = (names: ReadonlyArray<string>): ReadonlyArray<string> => {
  const seen = new Set<string>()
  const kept: Array<string> = []
  for (const raw of names) {
    const name = raw.trim()
    if (name === "" || seen.has(name.toLowerCase())) continue
    seen.add(name.toLowerCase())
    kept.push(name)
  }
  return kept
}

const nullable = <A>(value: A | undefined): A | null => (value === undefined ? null : value)

export const makeSongstatsClient = (
  settings: SongstatsSettings,
  apiKey: Redacted.Redacted<string>
): Effect.Effect<SongstatsClientService, never, HttpClient.HttpClient | Store> =>
  Effect.gen(function* () {
    // Trace headers are ours, not Songstats's business.
    const http = (yield* HttpClient.HttpClient).pipe(HttpClient.withTracerPropagation(false))
    const context = yield* Effect.context<Store>()
    const health = yield* makeHostHealth
    const retries = retried({ policy: settings.retry, tier: songstatsTierName, host: new URL(settings.baseUrl).host, health })
    const userAgent = userAgentOf(defaultContact)
    // One request at a time: the API is paid and rate limited, and a caller asking twice at once waits for the first answer.
    const oneAtATime = yield* Effect.makeSemaphore(1)
    // This run's answers by request key (only touched under `oneAtATime`).
    const answered = new Map<string, Option.Option<unknown>>()
    const refused = yield* Ref.make(Option.none<TierFailure>())

    const ask = <A extends SongstatsEnvelope, I>(path: string, params: SongstatsParams, schema: Schema.Schema<A, I>) => {
      const request = HttpClientRequest.get(`${settings.baseUrl}/${path}`).pipe(
        HttpClientRequest.setUrlParams(params),
        HttpClientRequest.setHeader("apikey", Redacted.value(apiKey)),
        HttpClientRequest.setHeader("user-agent", userAgent),
        HttpClientRequest.acceptJson
      )
      const once = sendJson(songstatsSource, request, schema, { what: path, timeout: settings.requestTimeout }).pipe(
        Effect.provideService(HttpClient.HttpClient, http),
        // Spans and logs of the HTTP client show headers; this one is a secret.
        Effect.locallyWith(Headers.currentRedactedNames, (names) => [...names, "apikey"]),
        // The key is taken out of every string of an answer before it is kept, stored or returned.
        Effect.map((body) => scrubSecret(body, apiKey) as A),
        Effect.flatMap((body) =>
          body.result === "error"
            ? Effect.fail(new TierFailure({ tier: songstatsTierName, reason: `songstats answered ${path} with an error${body.message ? `: ${body.message}` : ""}`, retryable: false }))
            : Effect.succeed(body)
        )
      )
      return retries(once).pipe(
        Effect.map(Option.some),
        Effect.catchTag("SongstatsNotFound", () => Effect.succeed(Option.none<A>())),
        Effect.catchTag("SongstatsKeyRefused", (e) => {
          const failure = keyRefusedFailure(e)
          return Ref.set(refused, Option.some(failure)).pipe(Effect.zipRight(Effect.fail(failure)))
        })
      )
    }

    /** The answer to one request: from this run, else from a fresh cache row, else asked (and kept). None: no such entity. */
    const get = <A extends SongstatsEnvelope, I>(path: string, params: SongstatsParams, schema: Schema.Schema<A, I>): Effect.Effect<Option.Option<A>, TierFailure> =>
      oneAtATime
        .withPermits(1)(
          Effect.gen(function* () {
            const requestKey = songstatsRequestKey(path, params)
            const inRun = answered.get(requestKey)
            if (inRun !== undefined) return inRun as Option.Option<A>
            const keyRefused = yield* Ref.get(refused)
            if (Option.isSome(keyRefused)) return yield* Effect.fail(keyRefused.value)
            const remember = (answer: Option.Option<A>) => Effect.sync(() => answered.set(requestKey, answer))

            const now = yield* Clock.currentTimeMillis
            const freshSince = new Date(now - Duration.toMillis(settings.cacheFor)).toISOString()
            const cached = yield* readSongstatsAnswer(requestKey, freshSince).pipe(
              Effect.catchAll((error) => Effect.logWarning(`${error.message}; asking Songstats instead`).pipe(Effect.as(Option.none()))),
              Effect.provide(context)
            )
            // A stored answer this version cannot read is asked again.
            const hit = Option.flatMap(cached, ({ answer }) =>
              answer === null ? Option.some(Option.none<A>()) : Option.map(Schema.decodeUnknownOption(schema)(answer), Option.some)
            )
            if (Option.isSome(hit)) {
              yield* remember(hit.value)
              return hit.value
            }

            const fetched = yield* ask(path, params, schema)
            const fetchedAt = new Date(yield* Clock.currentTimeMillis).toISOString()
            yield* bestEffort("cannot keep the Songstats answer", saveSongstatsAnswer({ path, params, answer: Option.getOrNull(fetched), fetchedAt })).pipe(
              Effect.provide(context)
            )
            yield* remember(fetched)
            return fetched
          })
        )
        .pipe(Effect.mapError((failure) => redactFailure(failure, apiKey)))

    const searchArtist = (name: string) =>
      get("artists/search", { q: name.trim(), limit: String(searchLimit) }, ArtistSearchResponse).pipe(
        Effect.map((answer) =>
          Option.match(answer, {
            onNone: () => [],
            onSome: (found) => found.results.map((a) => ({ id: a.songstats_artist_id, name: a.name, siteUrl: nullable(a.site_url) }))
          })
        )
      )

    const artistInfo = (artistId: string) =>
      get("artists/info", { songstats_artist_id: artistId }, ArtistInfoResponse).pipe(
        Effect.map(
          Option.map(
            ({ artist_info: info, labels, genres }): SongstatsArtistInfo => ({
              id: info.songstats_artist_id,
              name: info.name,
              siteUrl: nullable(info.site_url),
              labels: distinctNames([...info.labels, ...labels].map((l) => l.name)),
              genres: distinctNames([...info.genres, ...genres])
            })
          )
        )
      )

    const artistCatalog = (artistId: string) =>
      Effect.gen(function* () {
        const tracks = new Map<string, SongstatsCatalogTrack>()
        let offset = 0
        for (let page = 0; page < maxCatalogPages; page++) {
          const answer = yield* get(
            "artists/catalog",
            { songstats_artist_id: artistId, limit: String(catalogPageSize), offset: String(offset) },
            ArtistCatalogResponse
          )
          if (Option.isNone(answer)) break
          const { catalog, tracks_total: total, next_url: next } = answer.value
          if (catalog.length === 0) break
          offset += catalog.length
          // A track listed on two pages (the catalogue changed between calls) is kept once.
          for (const t of catalog)
            tracks.set(t.songstats_track_id, {
              id: t.songstats_track_id,
              title: t.title,
              releaseDate: nullable(t.release_date),
              isrcs: t.isrcs,
              artists: distinctNames(t.artists.map((a) => a.name)),
              labels: distinctNames(t.labels.map((l) => l.name))
            })
          // The server may send fewer tracks than asked: its total and next page say whether more follow.
          const more = total !== undefined ? offset < total : next !== undefined || catalog.length >= catalogPageSize
          if (!more) break
        }
        return [...tracks.values()]
      })

    const artistTopCurators = (artistId: string) =>
      get("artists/top_curators", { songstats_artist_id: artistId, source: "tracklist" }, ArtistTopCuratorsResponse).pipe(
        Effect.map((answer) =>
          Option.match(answer, {
            onNone: () => [],
            onSome: ({ data }) => {
              // The same DJ listed twice (two groups, two spellings of case) counts once.
              const curators = new Map<string, SongstatsCurator>()
              for (const group of data) {
                if (group.source !== undefined && group.source !== "tracklist") continue
                for (const c of group.top_curators) {
                  const name = c.curator_name.trim()
                  if (name === "" || curators.has(name.toLowerCase())) continue
                  curators.set(name.toLowerCase(), {
                    name,
                    id: c.curator_id === undefined ? null : String(c.curator_id),
                    url: nullable(c.external_url),
                    followers: nullable(c.followers_total)
                  })
                }
              }
              return [...curators.values()]
            }
          })
        )
      )

    return { searchArtist, artistInfo, artistCatalog, artistTopCurators }
  })
