import { hostPacerLayer, type SoundtrackFinder, type Store } from "@liner/core"
import { Context, Duration, Effect, Layer, Option, type ConfigError } from "effect"
import { MusicBrainzConfig } from "../musicbrainz/config.js"
import { musicBrainzClientLayer } from "../musicbrainz/client.js"
import { musicBrainzSoundtrackTier } from "../musicbrainz/soundtrack-tier.js"
import { SpotifyConfig } from "../spotify/config.js"
import { makeSpotifySoundtrackTier } from "../spotify/soundtrack-tier.js"
import { FetchHttpClient } from "@effect/platform"
import { defaultTtls, soundtrackFinderLayer } from "./finder.js"
import { DiscogsConfig } from "../discogs/config.js"
import { makeDiscogsSoundtrackTier } from "../discogs/soundtrack-tier.js"
import { WikidataConfig } from "../wikidata/config.js"
import { wikidataClientLayer } from "../wikidata/client.js"

const spotifyTierTimeout = Duration.seconds(60)
/** More than Discogs' rate window: with no request left, its pace waits up to a minute. */
const discogsTierTimeout = Duration.seconds(90)

/**
 * The soundtrack cascade wired from `MusicBrainzConfig` and `SpotifyConfig`: MusicBrainz unless
 * `USE_MUSICBRAINZ=false`, Spotify (which answers "skipped" without credentials), the store's
 * pinned, cached and curated entries. One MusicBrainz client serves every lookup, so pacing holds
 * across a batch, and it takes its turns in the store, so it holds across the store's workers too.
 */
export const soundtrackFinderFromConfig: Layer.Layer<SoundtrackFinder, never, Store | MusicBrainzConfig | SpotifyConfig | WikidataConfig | DiscogsConfig> = Layer.unwrapScoped(
  Effect.gen(function* () {
    const musicbrainz = yield* MusicBrainzConfig
    const client = yield* Layer.build(musicBrainzClientLayer.pipe(Layer.provide(FetchHttpClient.layer), Layer.provide(hostPacerLayer)))
    // The Wikidata bridge runs inside the MusicBrainz step (one client: its pace and cache hold across a batch).
    const wikidata = yield* Layer.build(wikidataClientLayer.pipe(Layer.provide(FetchHttpClient.layer)))
    const spotifyTier = yield* makeSpotifySoundtrackTier.pipe(Effect.provide(FetchHttpClient.layer))
    const discogsTier = yield* makeDiscogsSoundtrackTier.pipe(Effect.provide(FetchHttpClient.layer))
    return soundtrackFinderLayer<Store>({
      musicbrainz: musicbrainz.enabled
        ? Option.some({ tier: { ...musicBrainzSoundtrackTier, lookup: (q) => Effect.provide(musicBrainzSoundtrackTier.lookup(q), Context.merge(client, wikidata)) }, timeout: musicbrainz.tierBudget })
        : Option.none(),
      musicbrainzOff: "turned off (USE_MUSICBRAINZ=false)",
      spotify: Option.some({ tier: spotifyTier, timeout: spotifyTierTimeout }),
      discogs: Option.some({ tier: discogsTier, timeout: discogsTierTimeout }),
      cacheMusicBrainz: musicbrainz.cacheAnswers,
      ...defaultTtls
    })
  })
)

/** The cascade configured from the environment (contracts/cli.md). */
export const soundtrackFinderLive: Layer.Layer<SoundtrackFinder, ConfigError.ConfigError, Store> = soundtrackFinderFromConfig.pipe(
  Layer.provide(Layer.mergeAll(MusicBrainzConfig.fromEnv, SpotifyConfig.fromEnv, WikidataConfig.fromEnv, DiscogsConfig.fromEnv))
)
