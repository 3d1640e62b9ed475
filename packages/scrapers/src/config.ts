import { defaultMatchRule, type MatchRule, type RetryPolicy } from "@liner/core"
import { Config, Duration } from "effect"
import { defaultBaseUrls, type StoreSite } from "./site.js"

/** Everything the store scrapers need; the faces read it from the environment when scraping is on. */
export interface ScraperConfig {
  /** Where each store lives (a mirror, a test server). */
  readonly baseUrls: Readonly<Record<StoreSite, string>>
  /** Forward proxies rotated request by request; empty means direct. */
  readonly proxyUrls: ReadonlyArray<string>
  /** The pause between two requests to one site (jittered ±25 %). */
  readonly delay: Duration.Duration
  /** One request, connection to last byte. */
  readonly requestTimeout: Duration.Duration
  /** Retries after 429/5xx/403/network errors within one lookup. */
  readonly retry: RetryPolicy
  /** A site that answered with a challenge is left alone this long. */
  readonly blockedCooldown: Duration.Duration
  /** Accept a label only when its best track scores this well and beats other labels by the margin. */
  readonly matchRule: MatchRule
  /** Tracks pages fetched per lookup to learn a contender's missing label (each costs a request). */
  readonly maxDetailLookups: number
  /** What `scrapeCheck` searches for: a track every store carries. */
  readonly checkQuery: string
}

export const defaultScraperConfig: ScraperConfig = {
  baseUrls: defaultBaseUrls,
  proxyUrls: [],
  delay: Duration.seconds(3),
  requestTimeout: Duration.seconds(20),
  retry: { base: "2 seconds", times: 2, maxRetryAfter: "30 seconds" },
  blockedCooldown: Duration.minutes(10),
  matchRule: defaultMatchRule,
  maxDetailLookups: 2,
  checkQuery: "fisher losing it"
}

const baseUrl = (name: string, fallback: string): Config.Config<string> =>
  Config.string(name).pipe(
    Config.withDefault(fallback),
    Config.validate({
      message: `${name} must be an http(s) URL`,
      validation: (s) => /^https?:\/\/[^\s/]+/i.test(s)
    }),
    Config.map((s) => s.replace(/\/+$/, ""))
  )

/**
 * The configuration from the environment:
 * `LINER_BEATPORT_URL`, `LINER_JUNODOWNLOAD_URL`, `LINER_TRAXSOURCE_URL` (base URLs),
 * `LINER_PROXY_URLS` (comma-separated), `LINER_SCRAPE_DELAY` (a duration such as "3 seconds"),
 * `LINER_SCRAPE_TIMEOUT` (per request) and `LINER_SCRAPE_CHECK_QUERY`.
 */
export const scraperConfig: Config.Config<ScraperConfig> = Config.all({
  beatport: baseUrl("LINER_BEATPORT_URL", defaultBaseUrls.beatport),
  junodownload: baseUrl("LINER_JUNODOWNLOAD_URL", defaultBaseUrls.junodownload),
  traxsource: baseUrl("LINER_TRAXSOURCE_URL", defaultBaseUrls.traxsource),
  proxyUrls: Config.string("LINER_PROXY_URLS").pipe(
    Config.withDefault(""),
    Config.map((s) =>
      s
        .split(",")
        .map((p) => p.trim())
        .filter((p) => p !== "")
    )
  ),
  delay: Config.duration("LINER_SCRAPE_DELAY").pipe(Config.withDefault(defaultScraperConfig.delay)),
  requestTimeout: Config.duration("LINER_SCRAPE_TIMEOUT").pipe(Config.withDefault(defaultScraperConfig.requestTimeout)),
  checkQuery: Config.string("LINER_SCRAPE_CHECK_QUERY").pipe(Config.withDefault(defaultScraperConfig.checkQuery))
}).pipe(
  Config.map(({ beatport, junodownload, traxsource, ...rest }) => ({
    ...defaultScraperConfig,
    ...rest,
    baseUrls: { beatport, junodownload, traxsource }
  }))
)
