import { type HttpClient, HttpClientRequest } from "@effect/platform"
import { Effect, type Redacted, Schema } from "effect"
import type { TierFailure } from "@liner/core"
import { makeHostHealth } from "../http/host-health.js"
import { retried } from "../http/retried.js"
import { sendJson } from "../http/send-json.js"
import type { SpotifyCredentials, SpotifySettings } from "./config.js"
import { redactSecrets, spotifyFailure, spotifySource, spotifyTierName } from "./http.js"
import { makeSpotifyTokens } from "./token.js"

/* Spotify Web API payloads, as far as Liner reads them (unknown fields are ignored). */

export const SpotifyArtistRef = Schema.Struct({
  id: Schema.optional(Schema.NullOr(Schema.String)),
  name: Schema.String
})

/** A simplified album object, as search returns it. */
export const SpotifyAlbumSummary = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  /** "album", "single" or "compilation" (seen in upper case too). */
  album_type: Schema.String,
  release_date: Schema.optional(Schema.NullOr(Schema.String)),
  release_date_precision: Schema.optional(Schema.NullOr(Schema.String)),
  total_tracks: Schema.optional(Schema.NullOr(Schema.Number)),
  artists: Schema.optionalWith(Schema.Array(SpotifyArtistRef), { default: () => [] }),
  label: Schema.optional(Schema.NullOr(Schema.String))
})
export type SpotifyAlbumSummary = typeof SpotifyAlbumSummary.Type

export const SpotifyTrackItem = Schema.Struct({
  id: Schema.NullOr(Schema.String),
  name: Schema.String,
  track_number: Schema.Number,
  disc_number: Schema.optionalWith(Schema.Number, { default: () => 1 }),
  duration_ms: Schema.optional(Schema.NullOr(Schema.Number)),
  artists: Schema.optionalWith(Schema.Array(SpotifyArtistRef), { default: () => [] })
})
export type SpotifyTrackItem = typeof SpotifyTrackItem.Type

const TrackPage = Schema.Struct({
  items: Schema.Array(SpotifyTrackItem),
  next: Schema.optional(Schema.NullOr(Schema.String)),
  total: Schema.optional(Schema.Number)
})

/** Search results; Spotify may put `null` in place of an item it cannot serve. */
const SearchResponse = Schema.Struct({
  albums: Schema.Struct({ items: Schema.Array(Schema.NullOr(SpotifyAlbumSummary)) })
})

/** A full album object: the summary plus the label and the first page of tracks. */
const FullAlbum = Schema.Struct({
  ...SpotifyAlbumSummary.fields,
  tracks: TrackPage
})

export interface SpotifyAlbum {
  readonly album: SpotifyAlbumSummary
  /** Every track, in disc and track order. */
  readonly tracks: ReadonlyArray<SpotifyTrackItem>
}

export interface SpotifyClient {
  /** `GET /v1/search?type=album`: the albums matching a search query (Spotify's syntax). */
  readonly searchAlbums: (query: string, limit: number) => Effect.Effect<ReadonlyArray<SpotifyAlbumSummary>, TierFailure>
  /** `GET /v1/albums/{id}`, then `/v1/albums/{id}/tracks` pages until the last one. */
  readonly album: (albumId: string) => Effect.Effect<SpotifyAlbum, TierFailure>
}

/** Albums longer than this are not film soundtracks; the bound also stops a server that pages forever. */
const maxTrackPages = 20
const tracksPageSize = 50

export const makeSpotifyClient = (
  settings: SpotifySettings,
  credentials: SpotifyCredentials
): Effect.Effect<SpotifyClient, never, HttpClient.HttpClient> =>
  Effect.gen(function* () {
    const http = yield* Effect.context<HttpClient.HttpClient>()
    // One memory of unreachable hosts for the API and the accounts service, for the client's life.
    const health = yield* makeHostHealth
    const tokens = yield* makeSpotifyTokens(settings, credentials, health)
    const retries = retried({ policy: settings.retry, tier: spotifyTierName, host: new URL(settings.apiUrl).host, health })

    /** One authorized GET; a refused token is replaced once, then the refusal is final. */
    const get = <A, I>(path: string, params: Record<string, string>, schema: Schema.Schema<A, I>, what: string) => {
      const attempt = (token: Redacted.Redacted<string>) =>
        sendJson(
          spotifySource,
          HttpClientRequest.get(`${settings.apiUrl}${path}`).pipe(
            HttpClientRequest.setUrlParams(params),
            HttpClientRequest.bearerToken(token),
            HttpClientRequest.acceptJson
          ),
          schema,
          { what, timeout: settings.requestTimeout }
        )
      // The token has its own retries: only the API request is retried here, so a failing
      // accounts service costs `times` requests, not `times` squared.
      const once = (token: Redacted.Redacted<string>) =>
        attempt(token).pipe(
          Effect.catchTag("SpotifyUnauthorized", () =>
            tokens.invalidate(token).pipe(
              Effect.zipRight(tokens.get),
              Effect.flatMap(attempt),
              // A fresh token refused too: the app has lost access; retrying will not help.
              Effect.catchTag("SpotifyUnauthorized", (refused) =>
                Effect.fail(spotifyFailure(`${refused.reason}, even with a fresh token`, { retryable: false }))
              )
            )
          )
        )
      return tokens.get.pipe(
        Effect.flatMap((token) => retries(once(token))),
        Effect.mapError((failure) => redactSecrets(failure, [credentials.clientSecret])),
        Effect.provide(http)
      )
    }

    const searchAlbums = (query: string, limit: number) =>
      get("/v1/search", { q: query, type: "album", limit: String(limit) }, SearchResponse, "the album search").pipe(
        Effect.map((response) => response.albums.items.filter((item): item is SpotifyAlbumSummary => item !== null))
      )

    const album = (albumId: string) =>
      Effect.gen(function* () {
        const id = encodeURIComponent(albumId)
        const full = yield* get(`/v1/albums/${id}`, {}, FullAlbum, "the album lookup")
        const tracks: Array<SpotifyTrackItem> = [...full.tracks.items]
        let next = full.tracks.next ?? null
        // Offsets are computed here rather than following `next`, so the token only goes to the configured API.
        for (let page = 1; next !== null && page < maxTrackPages; page++) {
          const more = yield* get(
            `/v1/albums/${id}/tracks`,
            { limit: String(tracksPageSize), offset: String(tracks.length) },
            TrackPage,
            "the album's tracks"
          )
          if (more.items.length === 0) break
          tracks.push(...more.items)
          next = more.next ?? null
        }
        const { tracks: _firstPage, ...summary } = full
        const ordered = tracks
          .map((track, index) => ({ track, index }))
          .sort((a, b) => a.track.disc_number - b.track.disc_number || a.track.track_number - b.track.track_number || a.index - b.index)
          .map(({ track }) => track)
        return { album: summary, tracks: ordered }
      })

    return { searchAlbums, album }
  })
