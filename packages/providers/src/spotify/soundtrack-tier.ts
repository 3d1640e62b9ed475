import { FetchHttpClient, type HttpClient } from "@effect/platform"
import { type ConfigError, Context, Effect, Layer, Option } from "effect"
import {
  type Alternative,
  Answer,
  type FilmQuery,
  normalizeText,
  type Soundtrack,
  type Tier,
  type TierFailure,
  type Track
} from "@liner/core"
import { chooseSoundtrackAlbum } from "./album-choice.js"
import { makeSpotifyClient, type SpotifyAlbum, type SpotifyClient } from "./client.js"
import { SpotifyConfig } from "./config.js"
import { spotifyTierName } from "./http.js"

/** Spotify caps search pages at 10 for apps in development mode; more is refused. */
const searchLimit = 10
/** How many other close albums an answer lists. */
const maxAlternatives = 5

/** Spotify's field syntax: a quoted album phrase, and a year range around the film's year. */
const fieldedQuery = (title: string, year: number | undefined) =>
  `album:"${title.replace(/"/g, " ").trim()}"${year === undefined ? "" : ` year:${year - 1}-${year + 1}`}`

/** Plain words only: punctuation could read as operators (a leading "-" means NOT). */
const plainQuery = (title: string) => normalizeText(title)

/** Spotify names film songs `Song - From "Film"` or `Song (From "Film")`: the film is not part of the song's title. */
const songTitle = (name: string) =>
  name.replace(/\s+-\s+from\s+["“].*["”]\s*$/i, "").replace(/\s*[([]from\s+["“][^)\]]*["”][)\]]\s*$/i, "").trim() || name

const toSoundtrack = (found: SpotifyAlbum, alternatives: ReadonlyArray<Alternative>): Soundtrack => ({
  album: {
    title: found.album.name,
    releaseDate: found.album.release_date ?? null,
    label: found.album.label?.trim() ? found.album.label.trim() : null,
    musicbrainz: null,
    spotify: { albumId: found.album.id }
  },
  tracks: found.tracks.map(
    (track, index): Track => ({
      position: index + 1,
      title: songTitle(track.name),
      artists: track.artists.map((a) => a.name.trim()).filter((name) => name !== ""),
      // Spotify does not credit composers or lyricists: unknown, never guessed.
      composers: [],
      lyricists: [],
      durationMs: track.duration_ms ?? null,
      spotify: track.id === null ? null : { trackId: track.id }
    })
  ),
  alternatives
})

/** The tier's lookup once credentials are known to be there. */
const lookupWith =
  (client: SpotifyClient) =>
  (query: FilmQuery): Effect.Effect<Answer<Soundtrack>, TierFailure> =>
    Effect.gen(function* () {
      if (query.title === undefined) return Answer.skipped("spotify searches by title and none was given")
      const wanted = { title: query.title, year: query.year }

      let albums = yield* client.searchAlbums(fieldedQuery(query.title, query.year), searchLimit)
      let choice = chooseSoundtrackAlbum(wanted, albums)
      if (choice.decision._tag === "NoMatch") {
        // The album filter is strict about words and years; a plain search finds titles spelled a little differently.
        const more = yield* client.searchAlbums(plainQuery(query.title), searchLimit)
        albums = [...albums, ...more.filter((a) => !albums.some((b) => b.id === a.id))]
        choice = chooseSoundtrackAlbum(wanted, albums)
      }

      const decision = choice.decision
      if (decision._tag === "Ambiguous") return Answer.ambiguous(decision.candidates)
      if (decision._tag === "NoMatch") {
        return Answer.notFound(
          decision.best === undefined
            ? "no album on spotify looks like this film's soundtrack"
            : `no album on spotify is close enough (best: ${decision.best.label}, ${decision.best.score.toFixed(2)})`
        )
      }

      const alternatives: Array<Alternative> = choice.alternatives
        .slice(0, maxAlternatives)
        .map((a) => ({ source: spotifyTierName, title: a.name, albumId: a.id }))

      const album = yield* client.album(decision.candidate.id)
      if (album.tracks.length === 0) return Answer.notFound(`the matching album "${album.album.name}" has no tracks on spotify`)
      return Answer.found(toSoundtrack(album, alternatives), "title", decision.score)
    })

/**
 * The Spotify soundtrack tier: album search by title (and year), candidates scored and decided
 * (precision over recall), then every track of the chosen album. Without credentials it makes
 * no request and answers "skipped".
 */
export const makeSpotifySoundtrackTier: Effect.Effect<Tier<FilmQuery, Soundtrack>, never, SpotifyConfig | HttpClient.HttpClient> =
  Effect.gen(function* () {
    const settings = yield* SpotifyConfig
    const lookup = yield* Option.match(settings.credentials, {
      onNone: () => Effect.succeed((_: FilmQuery) => Effect.succeed(Answer.skipped("no credentials"))),
      onSome: (credentials) => Effect.map(makeSpotifyClient(settings, credentials), lookupWith)
    })
    return { name: spotifyTierName, risk: "api", lookup }
  })

export class SpotifySoundtrackTier extends Context.Tag("@liner/providers/SpotifySoundtrackTier")<
  SpotifySoundtrackTier,
  Tier<FilmQuery, Soundtrack>
>() {
  static readonly layer: Layer.Layer<SpotifySoundtrackTier, never, SpotifyConfig | HttpClient.HttpClient> = Layer.effect(
    SpotifySoundtrackTier,
    makeSpotifySoundtrackTier
  )

  /** Settings from the environment, requests through `fetch`. */
  static readonly live: Layer.Layer<SpotifySoundtrackTier, ConfigError.ConfigError> = SpotifySoundtrackTier.layer.pipe(
    Layer.provide(SpotifyConfig.fromEnv),
    Layer.provide(FetchHttpClient.layer)
  )
}
