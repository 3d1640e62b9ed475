import type { LabelFinding, LabelQuery, Tier } from "@liner/core"
import { type ConfigError, Context, Duration, Effect, Layer } from "effect"
import { scraperConfig, type ScraperConfig } from "./config.js"
import { makeCrawleeFetcher } from "./fetch/crawlee-fetcher.js"
import { makeSiteClient, type SiteClient } from "./fetch/site-client.js"
import { makeSiteGate } from "./fetch/site-gate.js"
import { checkStore, type ScrapeCheckResult } from "./scrape-check.js"
import { type StoreSite, storeSites } from "./site.js"
import { storeAdapter } from "./tier/adapters.js"
import { makeStoreLabelTier } from "./tier/label-tier.js"

export interface StoreScrapersService {
  /** The label tiers, in cascade order: beatport, junodownload, traxsource (risk "scrape"). */
  readonly tiers: ReadonlyArray<Tier<LabelQuery, LabelFinding>>
  readonly tier: (site: StoreSite) => Tier<LabelQuery, LabelFinding>
  /** One known search page per store: ok / blocked / changed / unavailable. */
  readonly check: Effect.Effect<ReadonlyArray<ScrapeCheckResult>>
}

/** The store scrapers, present only when the user turned scraping on (the faces decide). */
export class StoreScrapers extends Context.Tag("@liner/scrapers/StoreScrapers")<StoreScrapers, StoreScrapersService>() {}

/**
 * Builds the three tiers and the check over one client per site: the tier and the check share
 * the site's pacing, its suspension after a challenge and its robots.txt.
 */
export const makeStoreScrapers = (config: ScraperConfig): StoreScrapersService => {
  const clientOf = (site: StoreSite): SiteClient =>
    makeSiteClient({
      site,
      fetcher: makeCrawleeFetcher({ referer: `${config.baseUrls[site]}/`, proxyUrls: config.proxyUrls, timeout: config.requestTimeout }),
      gate: makeSiteGate(config.delay, Math.random, { host: new URL(config.baseUrls[site]).host, lease: config.requestTimeout }),
      retry: config.retry,
      blockedCooldown: Duration.decode(config.blockedCooldown)
    })
  const clients: Readonly<Record<StoreSite, SiteClient>> = {
    beatport: clientOf("beatport"),
    junodownload: clientOf("junodownload"),
    traxsource: clientOf("traxsource")
  }
  const tierOf = (site: StoreSite) => makeStoreLabelTier(storeAdapter(site, config.baseUrls[site]), clients[site], config)
  const tiers: Readonly<Record<StoreSite, Tier<LabelQuery, LabelFinding>>> = {
    beatport: tierOf("beatport"),
    junodownload: tierOf("junodownload"),
    traxsource: tierOf("traxsource")
  }
  return {
    tiers: storeSites.map((site) => tiers[site]),
    tier: (site) => tiers[site],
    check: Effect.all(
      storeSites.map((site) => checkStore(storeAdapter(site, config.baseUrls[site]), clients[site], config.checkQuery)),
      { concurrency: "unbounded" }
    )
  }
}

/** The scrapers with their configuration given (tests, or a face that built it). */
export const storeScrapersLayer = (config: ScraperConfig): Layer.Layer<StoreScrapers> =>
  Layer.sync(StoreScrapers, () => makeStoreScrapers(config))

/** The scrapers configured from the environment (see `scraperConfig`). */
export const StoreScrapersLive: Layer.Layer<StoreScrapers, ConfigError.ConfigError> = Layer.effect(
  StoreScrapers,
  Effect.map(scraperConfig, makeStoreScrapers)
)

/** `liner scrape check`: per store, can the scraper still read a known search page? */
export const scrapeCheck: Effect.Effect<ReadonlyArray<ScrapeCheckResult>, never, StoreScrapers> = Effect.flatMap(
  StoreScrapers,
  (s) => s.check
)
