import { StoreLayer } from "@liner/core"
import { type FakeSongstats, type FakeSongstatsOptions, makeTempDir, startFakeSongstats } from "@liner/testkit"
import { Duration, Effect, Layer } from "effect"
import { join } from "node:path"
import { afterEach } from "vitest"
import { makeSongstatsSettings, Songstats, type SongstatsClientService } from "../../src/index.js"

/** A fake Songstats and a temporary store per test, both gone after it. */
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

export const startFake = (options?: FakeSongstatsOptions): Effect.Effect<FakeSongstats> =>
  Effect.promise(async () => {
    const fake = await startFakeSongstats(options)
    cleanups.push(() => fake.close())
    return fake
  })

/** A fresh SQLite file in a temporary folder. */
export const tempStorePath = (): string => {
  const dir = makeTempDir()
  cleanups.push(() => dir.remove())
  return join(dir.path, "liner.db")
}

/** Quick retries, a short timeout: what the tests need. */
type SettingsInput = Parameters<typeof makeSongstatsSettings>[0]

export const testSettings = (fake: FakeSongstats, overrides: SettingsInput = {}): SettingsInput => ({
  baseUrl: fake.url,
  apiKey: fake.apiKey,
  requestTimeout: Duration.seconds(2),
  retry: { base: "10 millis", times: 2, maxRetryAfter: "5 seconds" },
  ...overrides
})

/** Runs `use` with a client of its own (a "run": its own memory) over the store at `storePath`. */
export const withClient = <A, E>(
  fake: FakeSongstats,
  storePath: string,
  use: (client: SongstatsClientService) => Effect.Effect<A, E>,
  overrides: SettingsInput = {}
): Effect.Effect<A, E> =>
  Effect.flatMap(Songstats, (access) => (access._tag === "Configured" ? use(access.client) : Effect.die(new Error(access.reason)))).pipe(
    Effect.provide(Songstats.with(testSettings(fake, overrides)).pipe(Layer.provide(StoreLayer.at(storePath)), Layer.orDie))
  )
