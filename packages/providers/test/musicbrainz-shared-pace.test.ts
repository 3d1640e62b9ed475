import { FetchHttpClient } from "@effect/platform"
import { hostPacerLayer, openStore, Store, withDb } from "@liner/core"
import { defaultMusicBrainzCatalogue, type FakeMusicBrainz, makeTempDir, startFakeMusicBrainz } from "@liner/testkit"
import { Effect, Either, Layer } from "effect"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { MbUrlList, MusicBrainzClient, musicBrainzClientLayer, MusicBrainzConfig } from "../src/index.js"

// Twelve MusicBrainz clients (as twelve workers would have, each pacing itself) on two
// connections to one store take their turns in the store: together they keep the one rate. Without a store, a client paces
// only itself (musicbrainz-client.test.ts).
const rate = 25
let server: FakeMusicBrainz | undefined
const dirs: Array<{ remove: () => void }> = []
afterEach(async () => {
  await server?.close()
  server = undefined
  dirs.splice(0).forEach((d) => d.remove())
})

const tempDb = () => {
  const dir = makeTempDir()
  dirs.push(dir)
  return join(dir.path, "liner.db")
}

const clientOn = (store: Store["Type"]) =>
  musicBrainzClientLayer.pipe(
    Layer.provide(MusicBrainzConfig.make({ baseUrl: server!.url, rate, contact: "liner-tests@example.org", retry: { base: "20 millis", times: 0, maxRetryAfter: "1 second" } })),
    Layer.provide(FetchHttpClient.layer),
    Layer.provide(hostPacerLayer),
    Layer.provide(Layer.succeed(Store, store))
  )

const imdbLookup = (n: number) =>
  Effect.flatMap(MusicBrainzClient, (client) => client.get("url", { resource: [`https://www.imdb.com/title/tt91${String(n).padStart(5, "0")}/`, `http://www.imdb.com/title/tt91${String(n).padStart(5, "0")}/`] }, MbUrlList)).pipe(Effect.either)

describe("MusicBrainz client with the store's host pace", () => {
  it("twelve clients on one store send no two requests closer than 1/rate", async () => {
    server = await startFakeMusicBrainz({ catalogue: defaultMusicBrainzCatalogue().catalogue, rate, rateTolerance: 1 / (1000 / rate) })
    const path = tempDb()
    const results = await Effect.runPromise(
      Effect.scoped(
        Effect.gen(function* () {
          const stores = [yield* openStore(path), yield* openStore(path)]
          return yield* Effect.all(
            Array.from({ length: 12 }, (_, i) => Effect.provide(imdbLookup(i), clientOn(stores[i % 2]!))),
            { concurrency: "unbounded" }
          )
        })
      )
    )
    // Answers (linked or not), never failures such as a 503.
    expect(results.filter(Either.isLeft)).toEqual([])
    expect(server.requests).toHaveLength(12)
    expect(server.violations).toBe(0)
  })

  it("fails retryably, without sending, when the store cannot keep the pace", async () => {
    server = await startFakeMusicBrainz({ catalogue: defaultMusicBrainzCatalogue().catalogue, rate: null })
    const result = await Effect.runPromise(
      Effect.scoped(
        Effect.gen(function* () {
          const store = yield* openStore(tempDb())
          yield* Effect.provideService(withDb("drop", (db) => db.schema.dropTable("host_pace").execute()), Store, store)
          return yield* Effect.provide(imdbLookup(1), clientOn(store))
        })
      )
    )
    expect(result).toMatchObject({ left: { _tag: "TierFailure", retryable: true, reason: expect.stringMatching(/shared pace of 127\.0\.0\.1:\d+ could not be kept in the store/) } })
    expect(server.requests).toHaveLength(0)
  })
})
