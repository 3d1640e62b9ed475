import { Config, type ConfigError, Context, Duration, Layer } from "effect"
import type { RetryPolicy } from "@liner/core"
import { isHttpUrl, withoutTrailingSlash } from "../http/base-url.js"

/** How Liner talks to a MusicBrainz server (contracts/cli.md: the LINER_MUSICBRAINZ_* variables). */
export interface MusicBrainzSettings {
  /** Origin of the server, without a trailing slash: `https://musicbrainz.org` or a mirror. */
  readonly baseUrl: string
  /** Requests per second sent to that server (may be fractional: 0.5 = one every 2 s). */
  readonly rate: number
  /** Put in the User-Agent: `liner/<version> ( <contact> )`. */
  readonly contact: string
  /** One HTTP request is abandoned after this long (and retried while the tier's budget lasts). */
  readonly requestTimeout: Duration.Duration
  /** One lookup's MusicBrainz tier, every request and retry included, is abandoned after this long. */
  readonly tierBudget: Duration.Duration
  /** `USE_MUSICBRAINZ=false` turns the MusicBrainz tiers off. */
  readonly enabled: boolean
  /** `CACHE_MUSICBRAINZ=false` stops writing MusicBrainz answers to the store (read by the finder). */
  readonly cacheAnswers: boolean
  readonly retry: RetryPolicy
}

export const defaultMusicBrainzUrl = "https://musicbrainz.org"
export const defaultContact = "https://github.com/liner-music/liner"

/**
 * 503/429, timeouts and broken connections are retried 3 times (4 tries), the first wait about a
 * second, always at least the server's `retry-after`; a `retry-after` above a minute is not
 * waited for ("try later"). An unreachable host and a body that is not JSON get one retry
 * (`disciplineRetries`).
 */
export const defaultMusicBrainzRetry: RetryPolicy = { base: "1 second", times: 3, maxRetryAfter: "60 seconds" }

/**
 * The tier's budget unless LINER_MUSICBRAINZ_BUDGET says otherwise: a minute, or six request
 * timeouts when that is longer. A lookup is up to three requests a second apart; with the default
 * 10 s timeout, one hung request and its retry end in about 15 s, four hung tries of one request
 * (~50 s) still end within the budget with a message that says so.
 */
export const defaultTierBudget = (requestTimeout: Duration.Duration): Duration.Duration =>
  Duration.max(Duration.seconds(60), Duration.times(requestTimeout, 6))


/** MusicBrainz settings from the environment, validated with messages that name the variable. */
export const musicBrainzSettingsConfig: Config.Config<MusicBrainzSettings> = Config.all({
  baseUrl: Config.string("LINER_MUSICBRAINZ_URL").pipe(
    Config.withDefault(defaultMusicBrainzUrl),
    Config.map((s) => s.trim()),
    Config.validate({
      message: "LINER_MUSICBRAINZ_URL must be an http(s) URL such as https://musicbrainz.org",
      validation: isHttpUrl
    })
  ),
  rate: Config.number("LINER_MUSICBRAINZ_RATE").pipe(
    Config.withDefault(1),
    Config.validate({
      message: "LINER_MUSICBRAINZ_RATE must be a number of requests per second above 0 (e.g. 1 or 0.5)",
      validation: (n) => Number.isFinite(n) && n > 0
    })
  ),
  contact: Config.string("LINER_CONTACT").pipe(
    Config.withDefault(defaultContact),
    Config.map((s) => (s.trim() === "" ? defaultContact : s.trim()))
  ),
  timeoutSeconds: Config.number("MUSICBRAINZ_TIMEOUT").pipe(
    Config.withDefault(10),
    Config.validate({
      message: "MUSICBRAINZ_TIMEOUT must be a number of seconds above 0 (e.g. 10)",
      validation: (n) => Number.isFinite(n) && n > 0
    })
  ),
  budgetSeconds: Config.option(
    Config.number("LINER_MUSICBRAINZ_BUDGET").pipe(
      Config.validate({
        message: "LINER_MUSICBRAINZ_BUDGET must be a number of seconds above 0 (e.g. 60)",
        validation: (n) => Number.isFinite(n) && n > 0
      })
    )
  ),
  enabled: Config.boolean("USE_MUSICBRAINZ").pipe(Config.withDefault(true)),
  cacheAnswers: Config.boolean("CACHE_MUSICBRAINZ").pipe(Config.withDefault(true))
}).pipe(
  Config.map(({ timeoutSeconds, budgetSeconds, ...rest }) =>
    makeMusicBrainzSettings({
      ...rest,
      requestTimeout: Duration.millis(Math.round(timeoutSeconds * 1000)),
      ...(budgetSeconds._tag === "Some" ? { tierBudget: Duration.millis(Math.round(budgetSeconds.value * 1000)) } : {})
    })
  )
)

/** Settings with defaults for what is not given (tests and programmatic use). Throws on invalid values. */
export const makeMusicBrainzSettings = (settings: {
  readonly baseUrl?: string
  readonly rate?: number
  readonly contact?: string
  readonly requestTimeout?: Duration.DurationInput
  readonly tierBudget?: Duration.DurationInput
  readonly enabled?: boolean
  readonly cacheAnswers?: boolean
  readonly retry?: RetryPolicy
}): MusicBrainzSettings => {
  const baseUrl = withoutTrailingSlash(settings.baseUrl ?? defaultMusicBrainzUrl)
  const rate = settings.rate ?? 1
  const requestTimeout = Duration.decode(settings.requestTimeout ?? "10 seconds")
  if (!isHttpUrl(baseUrl)) throw new Error(`the MusicBrainz URL must be an http(s) URL, not "${baseUrl}"`)
  if (!(Number.isFinite(rate) && rate > 0)) throw new Error(`the MusicBrainz rate must be above 0 requests per second, not ${rate}`)
  if (!(Duration.toMillis(requestTimeout) > 0)) throw new Error("the MusicBrainz request timeout must be above 0")
  const tierBudget = settings.tierBudget === undefined ? defaultTierBudget(requestTimeout) : Duration.decode(settings.tierBudget)
  if (!(Duration.toMillis(tierBudget) > 0)) throw new Error("the MusicBrainz tier budget must be above 0")
  return {
    baseUrl,
    rate,
    contact: settings.contact ?? defaultContact,
    requestTimeout,
    tierBudget,
    enabled: settings.enabled ?? true,
    cacheAnswers: settings.cacheAnswers ?? true,
    retry: settings.retry ?? defaultMusicBrainzRetry
  }
}

export class MusicBrainzConfig extends Context.Tag("@liner/providers/MusicBrainzConfig")<MusicBrainzConfig, MusicBrainzSettings>() {
  /**
   * From the environment: LINER_MUSICBRAINZ_URL, LINER_MUSICBRAINZ_RATE, LINER_CONTACT,
   * MUSICBRAINZ_TIMEOUT (seconds), LINER_MUSICBRAINZ_BUDGET (seconds), USE_MUSICBRAINZ,
   * CACHE_MUSICBRAINZ.
   */
  static readonly fromEnv: Layer.Layer<MusicBrainzConfig, ConfigError.ConfigError> = Layer.effect(MusicBrainzConfig, musicBrainzSettingsConfig)

  static readonly make = (settings: Parameters<typeof makeMusicBrainzSettings>[0]): Layer.Layer<MusicBrainzConfig> =>
    Layer.sync(MusicBrainzConfig, () => makeMusicBrainzSettings(settings))
}
