import { inspect } from "node:util"
import { readFileSync, readdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { StoreLayer, withDb } from "@liner/core"
import { Cause, Effect, Exit, Inspectable, Logger, LogLevel, Option, Ref } from "effect"
import { makeSongstatsSettings } from "../../src/index.js"
import { startFake, tempStorePath, withClient } from "./harness.js"

// The API key goes to Songstats in the `apikey` header and nowhere else: not in a failure, a log
// line, a returned answer or the store, even when the server echoes it back.
const henrik = "h3nr1kb2"

/** Runs `use` and returns all it produced as text: the exit (rendered every way), every log line. */
const everythingAsText = <A, E>(run: Effect.Effect<A, E>) =>
  Effect.gen(function* () {
    const lines = yield* Ref.make<ReadonlyArray<string>>([])
    const capture = Logger.make(({ message, annotations, cause }) => {
      const text = [Inspectable.toStringUnknown(message), Inspectable.toStringUnknown(annotations), Cause.pretty(cause)].join(" ")
      Effect.runSync(Ref.update(lines, (all) => [...all, text]))
    })
    const exit = yield* run.pipe(Effect.provide(Logger.replace(Logger.defaultLogger, capture)), Logger.withMinimumLogLevel(LogLevel.All), Effect.exit)
    const rendered = Exit.match(exit, {
      onFailure: (cause) => [Cause.pretty(cause), String(Cause.squash(cause)), JSON.stringify(Cause.failures(cause)), Inspectable.format(cause), inspect(cause, { depth: 10 })],
      onSuccess: (value) => [JSON.stringify(value), inspect(value, { depth: 10 })]
    })
    return { exit, text: [...rendered, ...(yield* Ref.get(lines))].join("\n") }
  })

/** Every byte of the store's files (the database, its WAL), as text. */
const storeBytes = (storePath: string) =>
  readdirSync(dirname(storePath))
    .map((name) => readFileSync(join(dirname(storePath), name)).toString("latin1"))
    .join("\n")

describe("songstats: the API key stays secret", () => {
  it.live("a wrong key: the failure, however it is printed, and the logs never hold it", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      const wrongKey = "wrong-songstats-key-5f1e2d3c4b5a6978"
      const { exit, text } = yield* everythingAsText(withClient(fake, tempStorePath(), (client) => client.artistInfo(henrik), { apiKey: wrongKey }))
      expect(Exit.isFailure(exit)).toBe(true)
      expect(text).toContain("invalid Songstats API key")
      expect(text).not.toContain(wrongKey)
      expect(fake.requests.map((r) => r.key)).toEqual(["wrong"])
    })
  )

  it.live("a server that echoes the key: failures, answers, logs and the store's files show <redacted> instead", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      const key = fake.apiKey
      const storePath = tempStorePath()
      fake.reply({ route: "/artists/search", status: 400, body: { result: "error", message: `Bad query for key ${key}` } })
      fake.reply({
        route: "/artists/info",
        body: { result: "success", debug: { apikey: key }, artist_info: { songstats_artist_id: henrik, name: `Henrik ${key}`, labels: [{ name: `Label ${key}` }] } }
      })
      fake.fail({ status: 500, route: "/artists/top_curators", message: `Internal error, key=${key}` })
      const { exit, text } = yield* everythingAsText(
        withClient(fake, storePath, (client) =>
          Effect.all([Effect.flip(client.searchArtist("Henrik")), client.artistInfo(henrik), Effect.flip(client.artistTopCurators(henrik)), client.artistCatalog(henrik)])
        )
      )
      expect(Exit.isSuccess(exit)).toBe(true)
      if (Exit.isFailure(exit)) return
      const [searchFailure, info, curatorsFailure] = exit.value
      expect(searchFailure.reason).toBe("400 from songstats for artists/search: Bad query for key <redacted>")
      expect(curatorsFailure.reason).toContain("key<redacted>")
      expect(Option.getOrThrow(info)).toMatchObject({ name: "Henrik <redacted>", labels: ["Label <redacted>"] })
      expect(text).not.toContain(key)

      const rows = yield* withDb("read the cache", (db) => db.selectFrom("songstats_cache").selectAll().execute()).pipe(
        Effect.provide(StoreLayer.at(storePath)),
        Effect.orDie
      )
      expect(rows.map((r) => r.path).sort()).toEqual(["artists/catalog", "artists/info"])
      for (const row of rows) expect(JSON.stringify(row)).not.toContain(key)
      expect(storeBytes(storePath)).not.toContain(key)
      // The key did reach Songstats, as a header, on every request.
      expect(fake.requests.every((r) => r.key === "valid")).toBe(true)
      expect(fake.requests.some((r) => r.path.includes(key))).toBe(false)
    })
  )

  it("the settings print the key as <redacted>", () => {
    const key = "printed-key-0123456789abcdef"
    const settings = makeSongstatsSettings({ apiKey: key })
    for (const text of [JSON.stringify(settings), Inspectable.format(settings), inspect(settings, { depth: 10 }), String(Option.getOrThrow(settings.apiKey))])
      expect(text).not.toContain(key)
  })
})
