import { Config, type ConfigError, Context, Duration, Layer } from "effect"
import type { RetryPolicy } from "@liner/core"
import { isHttpUrl, withoutTrailingSlash } from "../http/base-url.js"
import { defaultContact } from "../musicbrainz/config.js"

/** How Liner talks to the Wikidata Query Service (LINER_WIKIDATA_URL, USE_WIKIDATA, LINER_CONTACT). */
export interface WikidataSettings {
  /** The Query Service's origin, without a trailing slash; queries go to `<baseUrl>/sparql`. */
  readonly baseUrl: string
  /** Put in the User-Agent (Wikimedia's User-Agent policy asks for a contact). */
  readonly contact: string
  /** `USE_WIKIDATA=false` turns the Wikidata step off. */
  readonly enabled: boolean
  /** One request is abandoned after this long (and retried while tries are left). */
  readonly requestTimeout: Duration.Duration
  /** The whole step for one film, retries included: past it, MusicBrainz's title search goes on without Wikidata. */
  readonly budget: Duration.Duration
  /** At least this long between the end of one request and the start of the next. */
  readonly spacing: Duration.Duration
  readonly retry: RetryPolicy
  /** A film found is trusted from the store for this long, */
  readonly cacheFor: Duration.Duration
  /** and a film Wikidata does not know for this long (it may be added any day). */
  readonly missCacheFor: Duration.Duration
}

export const defaultWikidataUrl = "https://query.wikidata.org"

/**
 * The Query Service throttles by query time and errors per client and answers 429 with a
 * `Retry-After`; a client that ignores it is banned for a day. Two retries, never sooner than the
 * wait asked; a wait above 30 s is not taken inside one lookup (Wikidata is evidence, not the answer).
 */
export const defaultWikidataRetry: RetryPolicy = { base: "1 second", times: 2, maxRetryAfter: "30 seconds" }

/** Settings with defaults for what is not given (tests, benchmarks, programmatic use). Throws on invalid values. */
export const makeWikidataSettings = (settings: {
  readonly baseUrl?: string
  readonly contact?: string
  readonly enabled?: boolean
  readonly requestTimeout?: Duration.DurationInput
  readonly budget?: Duration.DurationInput
  readonly spacing?: Duration.DurationInput
  readonly retry?: RetryPolicy
  readonly cacheFor?: Duration.DurationInput
  readonly missCacheFor?: Duration.DurationInput
}): WikidataSettings => {
  const baseUrl = withoutTrailingSlash(settings.baseUrl ?? defaultWikidataUrl)
  if (!isHttpUrl(baseUrl)) throw new Error(`the Wikidata URL must be an http(s) URL, not "${baseUrl}"`)
  return {
    baseUrl,
    contact: settings.contact ?? defaultContact,
    enabled: settings.enabled ?? true,
    requestTimeout: Duration.decode(settings.requestTimeout ?? "20 seconds"),
    budget: Duration.decode(settings.budget ?? "45 seconds"),
    // One query a second at most: a film is one small query, so this keeps far below the service's limits.
    spacing: Duration.decode(settings.spacing ?? "1 second"),
    retry: settings.retry ?? defaultWikidataRetry,
    cacheFor: Duration.decode(settings.cacheFor ?? Duration.days(90)),
    missCacheFor: Duration.decode(settings.missCacheFor ?? Duration.days(7))
  }
}

/** Wikidata settings from the environment, validated with messages that name the variable. */
export const wikidataSettingsConfig: Config.Config<WikidataSettings> = Config.all({
  baseUrl: Config.string("LINER_WIKIDATA_URL").pipe(
    Config.withDefault(defaultWikidataUrl),
    Config.map((s) => s.trim()),
    Config.validate({ message: `LINER_WIKIDATA_URL must be an http(s) URL such as ${defaultWikidataUrl}`, validation: isHttpUrl })
  ),
  contact: Config.string("LINER_CONTACT").pipe(
    Config.withDefault(defaultContact),
    Config.map((s) => (s.trim() === "" ? defaultContact : s.trim()))
  ),
  enabled: Config.boolean("USE_WIKIDATA").pipe(Config.withDefault(true))
}).pipe(Config.map(makeWikidataSettings))

export class WikidataConfig extends Context.Tag("@liner/providers/WikidataConfig")<WikidataConfig, WikidataSettings>() {
  /** From the environment: LINER_WIKIDATA_URL, USE_WIKIDATA, LINER_CONTACT. */
  static readonly fromEnv: Layer.Layer<WikidataConfig, ConfigError.ConfigError> = Layer.effect(WikidataConfig, wikidataSettingsConfig)

  static readonly make = (settings: Parameters<typeof makeWikidataSettings>[0]): Layer.Layer<WikidataConfig> =>
    Layer.sync(WikidataConfig, () => makeWikidataSettings(settings))
}
