import { Config, type ConfigError, Context, Duration, Layer } from "effect"
import type { RetryPolicy } from "@liner/core"

/** How Liner talks to a MusicBrainz server (contracts/cli.md: the LINER_MUSICBRAINZ_* variables). */
export interface MusicBrainzSettings {
  /** Origin of the server, without a trailing slash: `https://musicbrainz.org` or a mirror. */
  readonly baseUrl: string
  /** Requests per second sent to that server (may be fractional: 0.5 = one every 2 s). */
  readonly rate: number
  /** Put in the User-Agent: `liner/<version> ( <contact> )`. */
  readonly contact: string
  /** One HTTP request is abandoned after this long. */
  readonly requestTimeout: Duration.Duration
  /** `USE_MUSICBRAINZ=false` turns the MusicBrainz tiers off. */
  readonly enabled: boolean
  /** `CACHE_MUSICBRAINZ=false` stops writing MusicBrainz answers to the store (read by the finder). */
  readonly cacheAnswers: boolean
  readonly retry: RetryPolicy
}

export const defaultMusicBrainzUrl = "https://musicbrainz.org"
export const defaultContact = "https://github.com/liner-music/liner"

/**
 * 503/429 are retried 3 times (4 tries), the first wait about a second, always at least the
 * server's `retry-after`; a `retry-after` above a minute is not waited for ("try later").
 */
export const defaultMusicBrainzRetry: RetryPolicy = { base: "1 second", times: 3, maxRetryAfter: "60 seconds" }

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, "")

const httpUrl = (url: string): boolean => {
  try {
    const parsed = new URL(url)
    return parsed.protocol === "http:" || parsed.protocol === "https:"
  } catch {
    return false
  }
}

/** MusicBrainz settings from the environment, validated with messages that name the variable. */
export const musicBrainzSettingsConfig: Config.Config<MusicBrainzSettings> = Config.all({
  baseUrl: Config.string("LINER_MUSICBRAINZ_URL").pipe(
    Config.withDefault(defaultMusicBrainzUrl),
    Config.map((s) => s.trim()),
    Config.validate({
      message: "LINER_MUSICBRAINZ_URL must be an http(s) URL such as https://musicbrainz.org",
      validation: httpUrl
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
  enabled: Config.boolean("USE_MUSICBRAINZ").pipe(Config.withDefault(true)),
  cacheAnswers: Config.boolean("CACHE_MUSICBRAINZ").pipe(Config.withDefault(true))
}).pipe(
  Config.map(({ timeoutSeconds, ...rest }) =>
    makeMusicBrainzSettings({ ...rest, requestTimeout: Duration.millis(Math.round(timeoutSeconds * 1000)) })
  )
)

/** Settings with defaults for what is not given (tests and programmatic use). Throws on invalid values. */
export const makeMusicBrainzSettings = (settings: {
  readonly baseUrl?: string
  readonly rate?: number
  readonly contact?: string
  readonly requestTimeout?: Duration.DurationInput
  readonly enabled?: boolean
  readonly cacheAnswers?: boolean
  readonly retry?: RetryPolicy
}): MusicBrainzSettings => {
  const baseUrl = withoutTrailingSlash(settings.baseUrl ?? defaultMusicBrainzUrl)
  const rate = settings.rate ?? 1
  const requestTimeout = Duration.decode(settings.requestTimeout ?? "10 seconds")
  if (!httpUrl(baseUrl)) throw new Error(`the MusicBrainz URL must be an http(s) URL, not "${baseUrl}"`)
  if (!(Number.isFinite(rate) && rate > 0)) throw new Error(`the MusicBrainz rate must be above 0 requests per second, not ${rate}`)
  if (!(Duration.toMillis(requestTimeout) > 0)) throw new Error("the MusicBrainz request timeout must be above 0")
  return {
    baseUrl,
    rate,
    contact: settings.contact ?? defaultContact,
    requestTimeout,
    enabled: settings.enabled ?? true,
    cacheAnswers: settings.cacheAnswers ?? true,
    retry: settings.retry ?? defaultMusicBrainzRetry
  }
}

export class MusicBrainzConfig extends Context.Tag("@liner/providers/MusicBrainzConfig")<MusicBrainzConfig, MusicBrainzSettings>() {
  /**
   * From the environment: LINER_MUSICBRAINZ_URL, LINER_MUSICBRAINZ_RATE, LINER_CONTACT,
   * MUSICBRAINZ_TIMEOUT (seconds), USE_MUSICBRAINZ, CACHE_MUSICBRAINZ.
   */
  static readonly fromEnv: Layer.Layer<MusicBrainzConfig, ConfigError.ConfigError> = Layer.effect(MusicBrainzConfig, musicBrainzSettingsConfig)

  static readonly make = (settings: Parameters<typeof makeMusicBrainzSettings>[0]): Layer.Layer<MusicBrainzConfig> =>
    Layer.sync(MusicBrainzConfig, () => makeMusicBrainzSettings(settings))
}
