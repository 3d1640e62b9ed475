import { describe, expect, it } from "@effect/vitest"
import { saveSongstatsAnswer, StoreLayer, withDb } from "@liner/core"
import { Effect, Option } from "effect"
import { startFake, tempStorePath, withClient } from "./harness.js"

// Every Songstats call is billable: an answer is asked once, then read from the store while fresh.
const henrik = "h3nr1kb2"

const cachedRows = (storePath: string) =>
  withDb("read the cache", (db) => db.selectFrom("songstats_cache").selectAll().orderBy("request_key").execute()).pipe(
    Effect.provide(StoreLayer.at(storePath)),
    Effect.orDie
  )

const seed = (storePath: string, entry: Parameters<typeof saveSongstatsAnswer>[0]) =>
  saveSongstatsAnswer(entry).pipe(Effect.provide(StoreLayer.at(storePath)), Effect.orDie)

/** An `/artists/info` answer as the client stores it, with a label the fake does not have. */
const storedInfo = (label: string) => ({
  result: "success",
  artist_info: { songstats_artist_id: henrik, name: "Henrik Bäcklund", genres: [], labels: [{ name: label }] },
  genres: [],
  labels: []
})

const everything = (client: Parameters<Parameters<typeof withClient>[2]>[0]) =>
  Effect.all([client.searchArtist("Henrik"), client.artistInfo(henrik), client.artistCatalog(henrik), client.artistTopCurators(henrik)])

describe("songstats answers in the store", () => {
  it.live("a later run over the same store answers everything from it, making no request", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      const storePath = tempStorePath()
      const first = yield* withClient(fake, storePath, everything)
      expect(fake.requests).toHaveLength(4)
      const second = yield* withClient(fake, storePath, everything)
      expect(second).toEqual(first)
      expect(fake.requests).toHaveLength(4)
    })
  )

  it.live("within a run the same question is asked once, even when asked three times at once", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      const answers = yield* withClient(fake, tempStorePath(), (client) =>
        Effect.all([client.artistInfo(henrik), client.artistInfo(henrik), client.artistInfo(henrik)], { concurrency: "unbounded" })
      )
      expect(answers.map((a) => Option.getOrThrow(a).labels)).toEqual(Array(3).fill(["Nightglass Records", "Polar Drift"]))
      expect(fake.requests).toHaveLength(1)
    })
  )

  it.live("a fresh stored answer is used as it is, with no request", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      const storePath = tempStorePath()
      yield* seed(storePath, { path: "artists/info", params: { songstats_artist_id: henrik }, answer: storedInfo("Stored Label"), fetchedAt: new Date().toISOString() })
      const info = yield* withClient(fake, storePath, (client) => client.artistInfo(henrik))
      expect(Option.getOrThrow(info).labels).toEqual(["Stored Label"])
      expect(fake.requests).toHaveLength(0)
    })
  )

  it.live("a stale stored answer is asked again and replaced", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      const storePath = tempStorePath()
      yield* seed(storePath, { path: "artists/info", params: { songstats_artist_id: henrik }, answer: storedInfo("Old Label"), fetchedAt: "2020-01-01T00:00:00.000Z" })
      const info = yield* withClient(fake, storePath, (client) => client.artistInfo(henrik))
      expect(Option.getOrThrow(info).labels).toEqual(["Nightglass Records", "Polar Drift"])
      expect(fake.requests).toHaveLength(1)
      const [row] = yield* cachedRows(storePath)
      expect(row?.fetched_at.startsWith("2020")).toBe(false)
      expect(row?.answer).toContain("Polar Drift")
    })
  )

  it.live("how long an answer stays fresh is a setting", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      const storePath = tempStorePath()
      const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString()
      yield* seed(storePath, { path: "artists/info", params: { songstats_artist_id: henrik }, answer: storedInfo("Stored Label"), fetchedAt: twoDaysAgo })
      const withinAMonth = yield* withClient(fake, storePath, (client) => client.artistInfo(henrik))
      expect(Option.getOrThrow(withinAMonth).labels).toEqual(["Stored Label"])
      expect(fake.requests).toHaveLength(0)
      const withinADay = yield* withClient(fake, storePath, (client) => client.artistInfo(henrik), { cacheFor: "1 day" })
      expect(Option.getOrThrow(withinADay).labels).toEqual(["Nightglass Records", "Polar Drift"])
      expect(fake.requests).toHaveLength(1)
    })
  )

  it.live("'no such artist' is kept like an answer; a failure is not", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      const storePath = tempStorePath()
      const unknown = yield* withClient(fake, storePath, (client) => client.artistInfo("n0such01"))
      expect(Option.isNone(unknown)).toBe(true)
      yield* withClient(fake, storePath, (client) => client.artistInfo("n0such01"))
      expect(fake.requests).toHaveLength(1)

      fake.fail({ status: 503 })
      yield* Effect.flip(withClient(fake, storePath, (client) => client.artistTopCurators(henrik)))
      fake.clearFailures()
      fake.clearRequests()
      const curators = yield* withClient(fake, storePath, (client) => client.artistTopCurators(henrik))
      expect(curators).toHaveLength(2)
      expect(fake.requests.map((r) => r.status)).toEqual([200])
    })
  )

  it.live("a row holds the request's path and parameters in a stable order, and the decoded answer", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      const storePath = tempStorePath()
      yield* withClient(fake, storePath, (client) => Effect.all([client.artistTopCurators(henrik), client.artistInfo("n0such01")]))
      const rows = yield* cachedRows(storePath)
      expect(rows.map((r) => [r.request_key, r.path, JSON.parse(r.params)])).toEqual([
        ["artists/info?songstats_artist_id=n0such01", "artists/info", { songstats_artist_id: "n0such01" }],
        ["artists/top_curators?songstats_artist_id=h3nr1kb2&source=tracklist", "artists/top_curators", { songstats_artist_id: henrik, source: "tracklist" }]
      ])
      const [notFound, curators] = rows
      expect(JSON.parse(notFound?.answer ?? "")).toBeNull()
      // Only what Liner reads is kept: the fake's images and links are not.
      expect(curators?.answer).toContain("Mara Lindqvist")
      expect(curators?.answer).not.toContain("image_url")
    })
  )
})
