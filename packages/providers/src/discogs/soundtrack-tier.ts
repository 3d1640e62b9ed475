import { FetchHttpClient, type HttpClient } from "@effect/platform"
import { type ConfigError, Context, Effect, Layer, Option } from "effect"
import { type Alternative, Answer, type FilmQuery, type Soundtrack, type Store, type Tier, type TierFailure } from "@liner/core"
import { type DiscogsClient, makeDiscogsClient } from "./client.js"
import { DiscogsConfig } from "./config.js"
import { discogsTierName } from "./http.js"
import { albumTitle, chooseSoundtrackRelease, discogsAlbumId, searchWords } from "./release-choice.js"
import { toSoundtrack } from "./to-soundtrack.js"

/** How many other close albums an answer lists. */
const maxAlternatives = 5

/**
 * The tier's lookup once a token is there. Masters first (one per album, whatever its editions),
 * then releases without a master when no master matched. The search has no year or genre filter:
 * Discogs' `year` is exact (a soundtrack out the year before its film would be missed) and many
 * Indian soundtracks are filed under "Folk, World, & Country" with style "Bollywood" rather than
 * "Stage & Screen"; both are weighed in the choice instead. A found film costs three requests
 * (search, master, release), a miss one or two, a repeat none (the store keeps the answers).
 */
const lookupWith =
  (client: DiscogsClient) =>
  (query: FilmQuery): Effect.Effect<Answer<Soundtrack>, TierFailure, Store> =>
    Effect.gen(function* () {
      if (query.title === undefined) return Answer.skipped("discogs searches by title and none was given")
      const wanted = { title: query.title, year: query.year }
      const q = searchWords(query.title)

      let results = yield* client.search({ q, type: "master" })
      let choice = chooseSoundtrackRelease(wanted, results)
      if (choice.decision._tag === "NoMatch") {
        const releases = yield* client.search({ q, type: "release" })
        results = [...results, ...releases]
        choice = chooseSoundtrackRelease(wanted, results)
      }

      const decision = choice.decision
      if (decision._tag === "Ambiguous") return Answer.ambiguous(decision.candidates)
      if (decision._tag === "NoMatch")
        return Answer.notFound(
          decision.best === undefined
            ? "no release on discogs looks like this film's soundtrack"
            : `no release on discogs is close enough (best: ${decision.best.label}, ${decision.best.score.toFixed(2)})`
        )

      const alternatives: Array<Alternative> = choice.alternatives
        .slice(0, maxAlternatives)
        .map((r) => ({ source: discogsTierName, title: albumTitle(r), albumId: discogsAlbumId(r) }))
      const chosen = decision.candidate
      const releaseId = chosen.type === "master" ? (yield* client.master(chosen.id)).main_release : chosen.id
      const release = yield* client.release(releaseId)
      const soundtrack = toSoundtrack(release, alternatives)
      if (soundtrack.tracks.length === 0) return Answer.notFound(`the matching release "${release.title}" has no tracks on discogs`)
      return Answer.found(soundtrack, "title", decision.score)
    })

/**
 * The Discogs soundtrack tier: search by title, candidates scored and decided (precision over
 * recall), then the chosen release's tracklist and credits. Without a token it makes no request
 * and answers "skipped".
 */
export const makeDiscogsSoundtrackTier: Effect.Effect<Tier<FilmQuery, Soundtrack, Store>, never, DiscogsConfig | HttpClient.HttpClient> = Effect.gen(
  function* () {
    const settings = yield* DiscogsConfig
    const lookup = yield* Option.match(settings.token, {
      onNone: () => Effect.succeed((_: FilmQuery) => Effect.succeed(Answer.skipped("no LINER_DISCOGS_TOKEN"))),
      onSome: (token) => Effect.map(makeDiscogsClient(settings, token), lookupWith)
    })
    return { name: discogsTierName, risk: "api", lookup }
  }
)

export class DiscogsSoundtrackTier extends Context.Tag("@liner/providers/DiscogsSoundtrackTier")<DiscogsSoundtrackTier, Tier<FilmQuery, Soundtrack, Store>>() {
  static readonly layer: Layer.Layer<DiscogsSoundtrackTier, never, DiscogsConfig | HttpClient.HttpClient> = Layer.effect(
    DiscogsSoundtrackTier,
    makeDiscogsSoundtrackTier
  )

  /** Settings from the environment, requests through `fetch`. */
  static readonly live: Layer.Layer<DiscogsSoundtrackTier, ConfigError.ConfigError> = DiscogsSoundtrackTier.layer.pipe(
    Layer.provide(DiscogsConfig.fromEnv),
    Layer.provide(FetchHttpClient.layer)
  )
}
