import { Config, type ConfigError, Context, Duration, Layer, Option, Redacted } from "effect"
import { defaultRetryPolicy, type RetryPolicy } from "@liner/core"
import { isHttpUrl, withoutTrailingSlash } from "../http/base-url.js"
import { defaultContact } from "../musicbrainz/config.js"

export interface DiscogsSettings {
  readonly apiUrl: string
  /** A personal access token; None: the Discogs tier is off and answers "skipped". Stays `Redacted`. */
  readonly token: Option.Option<Redacted.Redacted<string>>
  /** Put in the User-Agent (Discogs requires one that names the application). */
  readonly contact: string
  /** One HTTP request is abandoned after this long. */
  readonly requestTimeout: Duration.DurationInput
  readonly retry: RetryPolicy
  /** Discogs counts requests over a moving window of a minute; tests shorten it. */
  readonly rateWindow: Duration.DurationInput
  /** With this few requests left in the window, requests are spread over it instead of spent at once. */
  readonly lowRemaining: number
  /** Stored answers younger than this are used instead of asking again. */
  readonly cacheTtl: Duration.DurationInput
}

export const defaultDiscogsUrl = "https://api.discogs.com"

/** Settings from the environment (contracts/cli.md): LINER_DISCOGS_TOKEN, LINER_DISCOGS_URL, LINER_CONTACT. */
export const discogsSettingsConfig: Config.Config<DiscogsSettings> = Config.all({
  apiUrl: Config.string("LINER_DISCOGS_URL").pipe(
    Config.withDefault(defaultDiscogsUrl),
    Config.map((s) => s.trim()),
    Config.validate({ message: "LINER_DISCOGS_URL must be an http(s) URL such as https://api.discogs.com", validation: isHttpUrl })
  ),
  // A variable that is set but blank counts as unset (an empty `.env` line must not switch the tier on).
  token: Config.option(Config.redacted("LINER_DISCOGS_TOKEN")).pipe(
    Config.map(Option.filter((token) => Redacted.value(token).trim() !== "")),
    Config.map(Option.map((token) => Redacted.make(Redacted.value(token).trim())))
  ),
  contact: Config.string("LINER_CONTACT").pipe(
    Config.withDefault(defaultContact),
    Config.map((s) => (s.trim() === "" ? defaultContact : s.trim()))
  )
}).pipe(Config.map((settings) => makeDiscogsSettings(settings)))

/** Settings with defaults for what is not given (tests and programmatic use). Throws on an invalid URL. */
export const makeDiscogsSettings = (settings: {
  readonly apiUrl?: string
  readonly token?: Option.Option<Redacted.Redacted<string>> | string
  readonly contact?: string
  readonly requestTimeout?: Duration.DurationInput
  readonly retry?: RetryPolicy
  readonly rateWindow?: Duration.DurationInput
  readonly lowRemaining?: number
  readonly cacheTtl?: Duration.DurationInput
}): DiscogsSettings => {
  const apiUrl = withoutTrailingSlash(settings.apiUrl ?? defaultDiscogsUrl)
  if (!isHttpUrl(apiUrl)) throw new Error(`the Discogs URL must be an http(s) URL, not "${apiUrl}"`)
  const given = settings.token
  return {
    apiUrl,
    token: given === undefined ? Option.none() : typeof given === "string" ? Option.some(Redacted.make(given)) : given,
    contact: settings.contact ?? defaultContact,
    requestTimeout: settings.requestTimeout ?? "10 seconds",
    retry: settings.retry ?? defaultRetryPolicy,
    rateWindow: settings.rateWindow ?? Duration.minutes(1),
    lowRemaining: settings.lowRemaining ?? 5,
    cacheTtl: settings.cacheTtl ?? Duration.days(30)
  }
}

export class DiscogsConfig extends Context.Tag("@liner/providers/DiscogsConfig")<DiscogsConfig, DiscogsSettings>() {
  /** From the environment: LINER_DISCOGS_TOKEN, LINER_DISCOGS_URL, LINER_CONTACT. */
  static readonly fromEnv: Layer.Layer<DiscogsConfig, ConfigError.ConfigError> = Layer.effect(DiscogsConfig, discogsSettingsConfig)

  static readonly make = (settings: Parameters<typeof makeDiscogsSettings>[0]): Layer.Layer<DiscogsConfig> =>
    Layer.succeed(DiscogsConfig, makeDiscogsSettings(settings))
}
