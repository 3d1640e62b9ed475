import { Config, type ConfigError, Context, Duration, Layer, Option, Redacted } from "effect"
import type { RetryPolicy } from "@liner/core"
import { isHttpUrl, withoutTrailingSlash } from "../http/base-url.js"

/** How Liner talks to the Songstats Enterprise API (contracts/songstats.md). */
export interface SongstatsSettings {
  /** The API's base, without a trailing slash: `https://api.songstats.com/enterprise/v1`. */
  readonly baseUrl: string
  /** None: the source is off and no request is ever made. The key stays `Redacted`: it prints as `<redacted>`. */
  readonly apiKey: Option.Option<Redacted.Redacted<string>>
  /** One HTTP request is abandoned after this long (and retried while tries are left). */
  readonly requestTimeout: Duration.Duration
  readonly retry: RetryPolicy
  /** A cached answer is used, with no request, for this long after it was fetched. */
  readonly cacheFor: Duration.Duration
}

export const defaultSongstatsUrl = "https://api.songstats.com/enterprise/v1"

/** The official SDKs give up on a request after 30 s. */
export const defaultSongstatsTimeout = Duration.seconds(30)

/**
 * As the official SDKs: 429, 500, 502, 503 and 504 retried twice, from 200 ms doubling (jittered
 * here), never sooner than `Retry-After`; a `Retry-After` above a minute is not waited for.
 */
export const defaultSongstatsRetry: RetryPolicy = { base: "200 millis", times: 2, maxRetryAfter: "60 seconds" }

/** Labels, catalogues and supporting DJs change slowly; every call is billable. */
export const defaultSongstatsCacheFor = Duration.days(30)


/** A key that is set but blank counts as unset (an empty `.env` line must not switch the source on). */
const apiKeyConfig: Config.Config<Option.Option<Redacted.Redacted<string>>> = Config.option(Config.redacted("LINER_SONGSTATS_API_KEY")).pipe(
  Config.map(Option.filter((key) => Redacted.value(key).trim() !== "")),
  Config.map(Option.map((key) => Redacted.make(Redacted.value(key).trim())))
)

/** Songstats settings from the environment, validated with messages that name the variable. */
export const songstatsSettingsConfig: Config.Config<SongstatsSettings> = Config.all({
  baseUrl: Config.string("LINER_SONGSTATS_URL").pipe(
    Config.withDefault(defaultSongstatsUrl),
    Config.map((s) => s.trim()),
    Config.validate({
      message: `LINER_SONGSTATS_URL must be an http(s) URL such as ${defaultSongstatsUrl}`,
      validation: isHttpUrl
    })
  ),
  apiKey: apiKeyConfig,
  timeoutSeconds: Config.number("LINER_SONGSTATS_TIMEOUT").pipe(
    Config.withDefault(Duration.toSeconds(defaultSongstatsTimeout)),
    Config.validate({
      message: "LINER_SONGSTATS_TIMEOUT must be a number of seconds above 0 (e.g. 30)",
      validation: (n) => Number.isFinite(n) && n > 0
    })
  )
}).pipe(
  Config.map(({ timeoutSeconds, ...rest }) => makeSongstatsSettings({ ...rest, requestTimeout: Duration.millis(Math.round(timeoutSeconds * 1000)) }))
)

/** Settings with defaults for what is not given (tests and programmatic use). Throws on invalid values. */
export const makeSongstatsSettings = (settings: {
  readonly baseUrl?: string
  /** A plain string is wrapped in `Redacted` at once. */
  readonly apiKey?: Option.Option<Redacted.Redacted<string>> | Redacted.Redacted<string> | string
  readonly requestTimeout?: Duration.DurationInput
  readonly retry?: RetryPolicy
  readonly cacheFor?: Duration.DurationInput
}): SongstatsSettings => {
  const baseUrl = withoutTrailingSlash(settings.baseUrl ?? defaultSongstatsUrl)
  if (!isHttpUrl(baseUrl)) throw new Error(`the Songstats URL must be an http(s) URL, not "${baseUrl}"`)
  const requestTimeout = Duration.decode(settings.requestTimeout ?? defaultSongstatsTimeout)
  if (!(Duration.toMillis(requestTimeout) > 0)) throw new Error("the Songstats request timeout must be above 0")
  const given = settings.apiKey
  const apiKey: Option.Option<Redacted.Redacted<string>> =
    given === undefined
      ? Option.none()
      : Option.isOption(given)
        ? given
        : Option.some(Redacted.isRedacted(given) ? given : Redacted.make(given))
  return {
    baseUrl,
    apiKey: Option.filter(apiKey, (key) => Redacted.value(key) !== ""),
    requestTimeout,
    retry: settings.retry ?? defaultSongstatsRetry,
    cacheFor: Duration.decode(settings.cacheFor ?? defaultSongstatsCacheFor)
  }
}

export class SongstatsConfig extends Context.Tag("@liner/providers/SongstatsConfig")<SongstatsConfig, SongstatsSettings>() {
  /** From the environment: LINER_SONGSTATS_API_KEY, LINER_SONGSTATS_URL, LINER_SONGSTATS_TIMEOUT (seconds). */
  static readonly fromEnv: Layer.Layer<SongstatsConfig, ConfigError.ConfigError> = Layer.effect(SongstatsConfig, songstatsSettingsConfig)

  static readonly make = (settings: Parameters<typeof makeSongstatsSettings>[0]): Layer.Layer<SongstatsConfig> =>
    Layer.sync(SongstatsConfig, () => makeSongstatsSettings(settings))
}
