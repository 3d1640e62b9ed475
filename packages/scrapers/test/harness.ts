import type { FakeStores } from "@liner/testkit"
import { Duration, Effect, type Either } from "effect"
import { defaultScraperConfig, type ScraperConfig } from "../src/index.js"

/** The scrapers pointed at the fake stores, paced and backing off in milliseconds so tests run fast. */
export const testConfig = (stores: FakeStores, overrides: Partial<ScraperConfig> = {}): ScraperConfig => ({
  ...defaultScraperConfig,
  baseUrls: {
    beatport: stores.baseUrl("beatport"),
    junodownload: stores.baseUrl("junodownload"),
    traxsource: stores.baseUrl("traxsource")
  },
  delay: Duration.millis(5),
  requestTimeout: Duration.seconds(10),
  retry: { base: "20 millis", times: 2, maxRetryAfter: "5 seconds" },
  checkQuery: "mara lindqvist velvet static",
  ...overrides
})

export const runEither = <A, E>(effect: Effect.Effect<A, E>): Promise<Either.Either<A, E>> => Effect.runPromise(Effect.either(effect))

export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(effect)

/** The decoded `q` / `term` / `q[all][]` of a recorded request path. */
export const searchParam = (path: string, name: string): string | null => new URL(path, "http://x").searchParams.get(name)
