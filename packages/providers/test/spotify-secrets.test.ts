import { inspect } from "node:util"
import { FetchHttpClient } from "@effect/platform"
import { afterEach, describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit, Inspectable, Logger, LogLevel, Option, Ref, Schema } from "effect"
import { FilmQuery } from "@liner/core"
import { type FakeSpotify, startFakeSpotify } from "@liner/testkit"
import { makeSpotifySettings, makeSpotifySoundtrackTier, SpotifyConfig } from "../src/index.js"

const film = (q: { title?: string; year?: number }) => Schema.decodeUnknownSync(FilmQuery)(q)

let fake: FakeSpotify | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

const wrongSecret = "wrong-secret-5f1e2d3c4b5a69788796a5b4"

/** Runs one lookup and returns everything it produced as text: the exit, the rendered cause, every log line. */
const lookupAsText = (server: FakeSpotify, secret: string, query: FilmQuery) =>
  Effect.gen(function* () {
    const lines = yield* Ref.make<ReadonlyArray<string>>([])
    const capture = Logger.make(({ message, annotations, cause }) => {
      const text = [Inspectable.toStringUnknown(message), Inspectable.toStringUnknown(annotations), Cause.pretty(cause)].join(" ")
      Effect.runSync(Ref.update(lines, (all) => [...all, text]))
    })
    const exit = yield* Effect.flatMap(makeSpotifySoundtrackTier, (tier) => tier.lookup(query)).pipe(
      Effect.provide(
        SpotifyConfig.make({
          apiUrl: server.url,
          accountsUrl: server.url,
          credentials: { clientId: server.clientId, clientSecret: secret },
          retry: { base: "10 millis", times: 2, maxRetryAfter: "60 seconds" }
        })
      ),
      Effect.provide(FetchHttpClient.layer),
      Effect.provide(Logger.replace(Logger.defaultLogger, capture)),
      Logger.withMinimumLogLevel(LogLevel.All),
      Effect.exit
    )
    const rendered = Exit.match(exit, {
      onFailure: (cause) => [Cause.pretty(cause), String(Cause.squash(cause)), JSON.stringify(Cause.failures(cause)), Inspectable.format(cause)],
      onSuccess: (answer) => [JSON.stringify(answer), Inspectable.format(answer)]
    })
    return { exit, text: [...rendered, ...(yield* Ref.get(lines))].join("\n") }
  })

describe("spotify secrets", () => {
  it.live("a wrong secret fails without retrying, and no failure text contains it", () =>
    Effect.gen(function* () {
      fake = yield* Effect.promise(() => startFakeSpotify())
      const { exit, text } = yield* lookupAsText(fake, wrongSecret, film({ title: "3 Idiots", year: 2009 }))
      expect(Exit.isFailure(exit)).toBe(true)
      if (Exit.isSuccess(exit)) return
      const failure = Option.getOrThrow(Cause.failureOption(exit.cause))
      expect(failure.retryable).toBe(false)
      expect(failure.message).toContain("refused the client credentials")
      expect(failure.message).not.toContain(wrongSecret)
      expect(Cause.pretty(exit.cause)).not.toContain(wrongSecret)
      expect(text).not.toContain(wrongSecret)
      expect(text).not.toContain(Buffer.from(`${fake.clientId}:${wrongSecret}`).toString("base64"))
      // Credentials refused: asking again will not help, so one try only.
      expect(fake.requests.map((r) => [r.pathname, r.status])).toEqual([["/api/token", 401]])
    })
  )

  it.live("neither the secret nor the access token appear in anything the tier produces", () =>
    Effect.gen(function* () {
      fake = yield* Effect.promise(() => startFakeSpotify({ maxPageSize: 3 }))
      const server = fake
      const outputs: Array<string> = []
      const run = (query: FilmQuery) =>
        Effect.map(lookupAsText(server, server.clientSecret, query), ({ text }) => {
          outputs.push(text)
        })
      yield* run(film({ title: "Jaane Tu Ya Jaane Na", year: 2008 })) // found, paged
      yield* run(film({ title: "Don" })) // ambiguous
      yield* run(film({ title: "Nothing Like This", year: 1999 })) // not found
      server.expireTokens()
      server.fail({ status: 503 })
      yield* run(film({ title: "Don", year: 2006 })) // failed after retries
      server.clearFailures()
      server.fail({ status: 429, retryAfter: 86400 })
      yield* run(film({ title: "Don", year: 2006 })) // rate limited for a day
      server.clearFailures()
      server.expireTokens()
      yield* run(film({ title: "Don", year: 2006 })) // token refused, then renewed

      const basic = Buffer.from(`${server.clientId}:${server.clientSecret}`).toString("base64")
      expect(server.tokens.length).toBeGreaterThan(1)
      for (const text of outputs) {
        expect(text).not.toContain(server.clientSecret)
        expect(text).not.toContain(basic)
        for (const token of server.tokens) expect(text).not.toContain(token)
      }
      expect(outputs.join("\n")).toContain("503")
    })
  )

  it("the settings print the secret as <redacted>", () => {
    const settings = makeSpotifySettings({ credentials: { clientId: "id", clientSecret: wrongSecret } })
    expect(JSON.stringify(settings)).not.toContain(wrongSecret)
    expect(Inspectable.format(settings)).not.toContain(wrongSecret)
    expect(String(Option.getOrThrow(settings.credentials).clientSecret)).toBe("<redacted>")
    expect(inspect(settings, { depth: 10 })).not.toContain(wrongSecret)
  })
})
