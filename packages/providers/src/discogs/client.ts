import { HttpClient, HttpClientRequest } from "@effect/platform"
import { Clock, Duration, Effect, Option, Redacted, Schema } from "effect"
import { bestEffort, type DiscogsParams, discogsRequestKey, readDiscogsAnswer, saveDiscogsAnswer, type Store, type TierFailure } from "@liner/core"
import { makeHostHealth } from "../http/host-health.js"
import { retried } from "../http/retried.js"
import { sendJson } from "../http/send-json.js"
import { userAgentOf } from "../musicbrainz/client.js"
import type { DiscogsSettings } from "./config.js"
import { discogsSource, discogsTierName, withoutToken } from "./http.js"
import { makeDiscogsPace } from "./rate-limit.js"

/* Discogs API payloads, as far as Liner reads them (unknown fields are ignored). */

/** An artist as credited: the main artists of a release or track, and the `extraartists` credits. */
export const DiscogsArtistCredit = Schema.Struct({
  /** Discogs' name, with a "(2)" when several artists share it. */
  name: Schema.String,
  /** The name as printed on this release ("" when the same). */
  anv: Schema.optionalWith(Schema.String, { default: () => "" }),
  /** "Music By", "Lyrics By", "Vocals [Playback Singer]"…, several joined by ", "; "" for main artists. */
  role: Schema.optionalWith(Schema.String, { default: () => "" }),
  /** The positions a release-wide credit covers ("A1 to A4", "1-3", "A1, B2"); "" for all. */
  tracks: Schema.optionalWith(Schema.String, { default: () => "" })
})
export type DiscogsArtistCredit = typeof DiscogsArtistCredit.Type

const trackFields = {
  position: Schema.optionalWith(Schema.String, { default: () => "" }),
  /** "track", "heading" (a title over the tracks that follow) or "index" (one track with sub-tracks). */
  type_: Schema.optionalWith(Schema.String, { default: () => "track" }),
  title: Schema.String,
  /** "3:45", "1:02:03", or "" when unknown. */
  duration: Schema.optionalWith(Schema.String, { default: () => "" }),
  artists: Schema.optionalWith(Schema.Array(DiscogsArtistCredit), { default: () => [] }),
  extraartists: Schema.optionalWith(Schema.Array(DiscogsArtistCredit), { default: () => [] })
}

export const DiscogsSubTrack = Schema.Struct(trackFields)
export type DiscogsSubTrack = typeof DiscogsSubTrack.Type

export const DiscogsTrack = Schema.Struct({
  ...trackFields,
  sub_tracks: Schema.optionalWith(Schema.Array(DiscogsSubTrack), { default: () => [] })
})
export type DiscogsTrack = typeof DiscogsTrack.Type

export const DiscogsRelease = Schema.Struct({
  id: Schema.Number,
  title: Schema.String,
  year: Schema.optional(Schema.NullOr(Schema.Number)),
  /** "2001-05-08", "2001-05-00", "2001", or absent. */
  released: Schema.optional(Schema.NullOr(Schema.String)),
  master_id: Schema.optional(Schema.NullOr(Schema.Number)),
  artists: Schema.optionalWith(Schema.Array(DiscogsArtistCredit), { default: () => [] }),
  extraartists: Schema.optionalWith(Schema.Array(DiscogsArtistCredit), { default: () => [] }),
  labels: Schema.optionalWith(Schema.Array(Schema.Struct({ name: Schema.String, catno: Schema.optional(Schema.NullOr(Schema.String)) })), {
    default: () => []
  }),
  genres: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
  styles: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
  tracklist: Schema.optionalWith(Schema.Array(DiscogsTrack), { default: () => [] })
})
export type DiscogsRelease = typeof DiscogsRelease.Type

export const DiscogsMaster = Schema.Struct({
  id: Schema.Number,
  title: Schema.String,
  main_release: Schema.Number,
  year: Schema.optional(Schema.NullOr(Schema.Number))
})
export type DiscogsMaster = typeof DiscogsMaster.Type

/** One search result; `title` reads "Artist - Title", `year` is a string ("2001"), absent when unknown. */
export const DiscogsSearchResult = Schema.Struct({
  id: Schema.Number,
  type: Schema.String,
  title: Schema.String,
  year: Schema.optional(Schema.NullOr(Schema.Union(Schema.String, Schema.Number))),
  master_id: Schema.optional(Schema.NullOr(Schema.Number)),
  genre: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
  style: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
  format: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
  label: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] })
})
export type DiscogsSearchResult = typeof DiscogsSearchResult.Type

const SearchResponse = Schema.Struct({ results: Schema.Array(DiscogsSearchResult) })

export interface DiscogsSearch {
  readonly q: string
  readonly type: "release" | "master"
  readonly year?: number
  readonly genre?: string
  readonly style?: string
  readonly format?: string
}

export interface DiscogsClient {
  /** `GET /database/search`: releases or masters matching the words and filters. */
  readonly search: (search: DiscogsSearch) => Effect.Effect<ReadonlyArray<DiscogsSearchResult>, TierFailure, Store>
  /** `GET /masters/{id}`: the master, for its main release. */
  readonly master: (id: number) => Effect.Effect<DiscogsMaster, TierFailure, Store>
  /** `GET /releases/{id}`: the tracklist and credits. */
  readonly release: (id: number) => Effect.Effect<DiscogsRelease, TierFailure, Store>
}

/** Results per search page: the first page is enough to choose from, and a bigger one costs nothing more. */
const searchPageSize = 25

/**
 * The Discogs client: each request is read from the store while fresh, else asked (one at a time,
 * paced by Discogs' rate-limit headers, retried under the shared discipline) and stored. The
 * token travels only in the `Authorization` header, never in a URL, a message or the store.
 */
export const makeDiscogsClient = (settings: DiscogsSettings, token: Redacted.Redacted<string>): Effect.Effect<DiscogsClient, never, HttpClient.HttpClient> =>
  Effect.gen(function* () {
    const health = yield* makeHostHealth
    const pace = yield* makeDiscogsPace(settings.rateWindow, settings.lowRemaining)
    // Every answer, a refusal included, tells how many requests are left in the window.
    const http = HttpClient.tap(yield* HttpClient.HttpClient, (response) => pace.observe(response.headers))
    const retries = retried({ policy: settings.retry, tier: discogsTierName, host: new URL(settings.apiUrl).host, health })
    const userAgent = userAgentOf(settings.contact)

    const ask = <A, I>(path: string, params: DiscogsParams, schema: Schema.Schema<A, I>, what: string) =>
      retries(
        pace.paced(
          sendJson(
            discogsSource,
            HttpClientRequest.get(`${settings.apiUrl}/${path}`).pipe(
              HttpClientRequest.setUrlParams(params),
              HttpClientRequest.setHeader("authorization", `Discogs token=${Redacted.value(token)}`),
              HttpClientRequest.setHeader("user-agent", userAgent),
              HttpClientRequest.acceptJson
            ),
            schema,
            { what, timeout: settings.requestTimeout }
          )
        )
      ).pipe(
        Effect.provideService(HttpClient.HttpClient, http),
        Effect.mapError((failure) => withoutToken(failure, token))
      )

    const get = <A, I>(path: string, params: DiscogsParams, schema: Schema.Schema<A, I>, what: string): Effect.Effect<A, TierFailure, Store> =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const freshSince = new Date(now - Duration.toMillis(settings.cacheTtl)).toISOString()
        const stored = yield* readDiscogsAnswer(discogsRequestKey(path, params), freshSince).pipe(Effect.orElseSucceed(() => Option.none()))
        if (Option.isSome(stored)) {
          const decoded = Schema.decodeUnknownOption(schema)(stored.value.answer)
          if (Option.isSome(decoded)) return decoded.value
        }
        const answer = yield* ask(path, params, schema, what)
        yield* bestEffort("cannot cache the Discogs answer", saveDiscogsAnswer({ path, params, answer, fetchedAt: new Date(now).toISOString() }))
        return answer
      })

    const search = (search: DiscogsSearch) => {
      const params: Record<string, string> = { q: search.q, type: search.type, per_page: String(searchPageSize) }
      if (search.year !== undefined) params["year"] = String(search.year)
      if (search.genre !== undefined) params["genre"] = search.genre
      if (search.style !== undefined) params["style"] = search.style
      if (search.format !== undefined) params["format"] = search.format
      return Effect.map(get("database/search", params, SearchResponse, `the ${search.type} search`), (response) => response.results)
    }
    const master = (id: number) => get(`masters/${id}`, {}, DiscogsMaster, `master ${id}`)
    const release = (id: number) => get(`releases/${id}`, {}, DiscogsRelease, `release ${id}`)
    return { search, master, release }
  })
