import { Config, type ConfigError, Context, type Duration, Layer, Option, Redacted } from "effect"
import { defaultRetryPolicy, type RetryPolicy } from "@liner/core"
import { withoutTrailingSlash } from "../http/base-url.js"

/** An app's client-credentials pair. The secret stays `Redacted`: it prints as `<redacted>`. */
export interface SpotifyCredentials {
  readonly clientId: string
  readonly clientSecret: Redacted.Redacted<string>
}

export interface SpotifySettings {
  readonly apiUrl: string
  readonly accountsUrl: string
  /** None: the Spotify tier is off and answers "skipped". */
  readonly credentials: Option.Option<SpotifyCredentials>
  /** One HTTP request is abandoned after this long. */
  readonly requestTimeout: Duration.DurationInput
  readonly retry: RetryPolicy
}

export const defaultSpotifyApiUrl = "https://api.spotify.com"
export const defaultSpotifyAccountsUrl = "https://accounts.spotify.com"

/** A variable that is set but blank counts as unset (an empty `.env` line must not switch the tier on). */
const nonBlank = <A>(config: Config.Config<A>, text: (a: A) => string) =>
  Config.option(config).pipe(Config.map(Option.filter((a) => text(a).trim() !== "")))

/** The credentials only when both halves are there. */
const credentialsConfig: Config.Config<Option.Option<SpotifyCredentials>> = Config.all({
  clientId: nonBlank(Config.string("LINER_SPOTIFY_CLIENT_ID"), (s) => s),
  clientSecret: nonBlank(Config.redacted("LINER_SPOTIFY_CLIENT_SECRET"), Redacted.value)
}).pipe(
  Config.map(({ clientId, clientSecret }) =>
    Option.all({ clientId: Option.map(clientId, (s) => s.trim()), clientSecret })
  )
)

/** Spotify settings from the environment (contracts/cli.md). */
export const spotifySettingsConfig: Config.Config<SpotifySettings> = Config.all({
  apiUrl: Config.string("LINER_SPOTIFY_API_URL").pipe(Config.withDefault(defaultSpotifyApiUrl)),
  accountsUrl: Config.string("LINER_SPOTIFY_ACCOUNTS_URL").pipe(Config.withDefault(defaultSpotifyAccountsUrl)),
  credentials: credentialsConfig
}).pipe(
  Config.map(({ apiUrl, accountsUrl, credentials }) =>
    makeSpotifySettings({ apiUrl, accountsUrl, credentials })
  )
)

/** Settings with defaults for what is not given (tests and programmatic use). */
export const makeSpotifySettings = (settings: {
  readonly apiUrl?: string
  readonly accountsUrl?: string
  readonly credentials?: Option.Option<SpotifyCredentials> | SpotifyCredentials | { clientId: string; clientSecret: string }
  readonly requestTimeout?: Duration.DurationInput
  readonly retry?: RetryPolicy
}): SpotifySettings => {
  const given = settings.credentials
  const credentials: Option.Option<SpotifyCredentials> =
    given === undefined
      ? Option.none()
      : Option.isOption(given)
        ? given
        : Option.some({
            clientId: given.clientId,
            clientSecret: Redacted.isRedacted(given.clientSecret) ? given.clientSecret : Redacted.make(given.clientSecret)
          })
  return {
    apiUrl: withoutTrailingSlash(settings.apiUrl ?? defaultSpotifyApiUrl),
    accountsUrl: withoutTrailingSlash(settings.accountsUrl ?? defaultSpotifyAccountsUrl),
    credentials,
    requestTimeout: settings.requestTimeout ?? "10 seconds",
    retry: settings.retry ?? defaultRetryPolicy
  }
}

export class SpotifyConfig extends Context.Tag("@liner/providers/SpotifyConfig")<SpotifyConfig, SpotifySettings>() {
  /** From the environment: LINER_SPOTIFY_CLIENT_ID, LINER_SPOTIFY_CLIENT_SECRET, LINER_SPOTIFY_API_URL, LINER_SPOTIFY_ACCOUNTS_URL. */
  static readonly fromEnv: Layer.Layer<SpotifyConfig, ConfigError.ConfigError> = Layer.effect(SpotifyConfig, spotifySettingsConfig)

  static readonly make = (settings: Parameters<typeof makeSpotifySettings>[0]): Layer.Layer<SpotifyConfig> =>
    Layer.succeed(SpotifyConfig, makeSpotifySettings(settings))
}
