import type { SoundtrackFinder, Store } from "@liner/core"
import { Duration, Effect, Layer, Option, type ConfigError } from "effect"
import { MusicBrainzConfig } from "../musicbrainz/config.js"
import { musicBrainzClientLayer } from "../musicbrainz/client.js"
import { musicBrainzSoundtrackTier } from "../musicbrainz/soundtrack-tier.js"
import { SpotifyConfig } from "../spotify/config.js"
import { makeSpotifySoundtrackTier } from "../spotify/soundtrack-tier.js"
import { FetchHttpClient } from "@effect/platform"
import { defaultTtls, soundtrackFinderLayer } from "./finder.js"

const spotifyTierTimeout = Duration.seconds(60)

/**
 * The soundtrack cascade wired from `MusicBrainzConfig` and `SpotifyConfig`: MusicBrainz unless
 * `USE_MUSICBRAINZ=false`, Spotify (which answers "skipped" without credentials), the store's
 * pinned, cached and curated entries. One MusicBrainz client serves every lookup, so pacing holds
 * across a batch.
 */
export const soundtrackFinderFromConfig: Layer.Layer<SoundtrackFinder, never, Store | MusicBrainzConfig | SpotifyConfig> = Layer.unwrapScoped(
  Effect.gen(function* () {
    const musicbrainz = yield* MusicBrainzConfig
    const client = yield* Layer.build(musicBrainzClientLayer.pipe(Layer.provide(FetchHttpClient.layer)))
    const spotifyTier = yield* makeSpotifySoundtrackTier.pipe(Effect.provide(FetchHttpClient.layer))
    return soundtrackFinderLayer({
      musicbrainz: musicbrainz.enabled
        ? Option.some({ tier: { ...musicBrainzSoundtrackTier, lookup: (q) => Effect.provide(musicBrainzSoundtrackTier.lookup(q), client) }, timeout: musicbrainz.tierBudget })
        : Option.none(),
      musicbrainzOff: "turned off (USE_MUSICBRAINZ=false)",
      spotify: Option.some({ tier: spotifyTier, timeout: spotifyTierTimeout }),
      cacheMusicBrainz: musicbrainz.cacheAnswers,
      ...defaultTtls
    })
  })
)

/** The cascade configured from the environment (contracts/cli.md). */
export const soundtrackFinderLive: Layer.Layer<SoundtrackFinder, ConfigError.ConfigError, Store> = soundtrackFinderFromConfig.pipe(
  Layer.provide(Layer.merge(MusicBrainzConfig.fromEnv, SpotifyConfig.fromEnv))
)
