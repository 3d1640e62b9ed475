import { FetchHttpClient } from "@effect/platform"
import { hostPacerLayer, type LabelFinder, type LabelFinding, type LabelQuery, learnedRuleConfig, type Store, type Tier } from "@liner/core"
import { type ConfigError, Effect, Layer, Option } from "effect"
import { musicBrainzClientLayer } from "../musicbrainz/client.js"
import { MusicBrainzConfig } from "../musicbrainz/config.js"
import { musicBrainzLabelTier } from "../musicbrainz/label-tier.js"
import { defaultLabelTimeouts, labelFinderLayer } from "./finder.js"

/**
 * The label cascade wired from `MusicBrainzConfig` (MusicBrainz unless `USE_MUSICBRAINZ=false`)
 * and the learned-tier rule (`LINER_LABEL_LEARNED_THRESHOLD`, `LINER_LABEL_LEARNED_MIN_TRACKS`).
 * The store scrapers are given by the face (only faces may import `@liner/scrapers`), and only
 * when the user turned scraping on. One MusicBrainz client serves every lookup, so pacing holds
 * across a batch, and it takes its turns in the store, so it holds across the store's workers too.
 */
export const labelFinderFromConfig = (
  scrapers: ReadonlyArray<Tier<LabelQuery, LabelFinding>> = []
): Layer.Layer<LabelFinder, ConfigError.ConfigError, Store | MusicBrainzConfig> =>
  Layer.unwrapScoped(
    Effect.gen(function* () {
      const musicbrainz = yield* MusicBrainzConfig
      const learnedRule = yield* learnedRuleConfig
      const client = yield* Layer.build(musicBrainzClientLayer.pipe(Layer.provide(FetchHttpClient.layer), Layer.provide(hostPacerLayer)))
      return labelFinderLayer({
        musicbrainz: musicbrainz.enabled
          ? Option.some({
              tier: { ...musicBrainzLabelTier, lookup: (q: LabelQuery) => Effect.provide(musicBrainzLabelTier.lookup(q), client) },
              timeout: musicbrainz.tierBudget
            })
          : Option.none(),
        musicbrainzOff: "turned off (USE_MUSICBRAINZ=false)",
        scrapers: scrapers.map((tier) => ({ tier, timeout: defaultLabelTimeouts.scraper })),
        learnedRule
      })
    })
  )

/** The cascade configured from the environment (contracts/cli.md), with the scrapers given. */
export const labelFinderLive = (
  scrapers: ReadonlyArray<Tier<LabelQuery, LabelFinding>> = []
): Layer.Layer<LabelFinder, ConfigError.ConfigError, Store> => labelFinderFromConfig(scrapers).pipe(Layer.provide(MusicBrainzConfig.fromEnv))
