import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { bridged, findWith, startWorld } from "./harness.js"

const chandni = { title: "Chandni Raat", year: 2015, imdbId: "tt9100003" }

describe("Wikidata failures", () => {
  it.live("429 with Retry-After is honoured: the retry waits, then answers", () =>
    Effect.gen(function* () {
      const world = yield* startWorld()
      world.wd.fail({ status: 429, retryAfter: 1 })
      const result = yield* findWith(world, bridged)
      expect(result).toMatchObject({ status: "found", matchedBy: "wikidata" })
      const attempt = result.attempts.find((a) => a.tier === "wikidata")!
      expect(attempt).toMatchObject({ outcome: "found", requests: 2, failedTries: ["rate_limited"] })
      expect(world.wd.requests.map((r) => r.status)).toEqual([429, 200])
      expect(world.wd.violations).toBe(0)
    })
  )

  it.live("a Retry-After longer than we wait fails the step at once; the title search still runs", () =>
    Effect.gen(function* () {
      const world = yield* startWorld()
      world.wd.fail({ status: 429, retryAfter: 600, times: "forever" })
      const result = yield* findWith(world, chandni)
      expect(result).toMatchObject({ status: "found", matchedBy: "title" })
      const attempt = result.attempts.find((a) => a.tier === "wikidata")!
      expect(attempt).toMatchObject({ outcome: "failed", kind: "rate_limited", requests: 1 })
      expect(attempt.detail).toContain("wikidata is unavailable for now")
    })
  )

  it.live("Wikidata down (500 on every try): the failure is recorded, MusicBrainz's title search answers", () =>
    Effect.gen(function* () {
      const world = yield* startWorld()
      world.wd.fail({ status: 500, times: "forever" })
      const result = yield* findWith(world, chandni)
      expect(result).toMatchObject({ status: "found", source: "musicbrainz", matchedBy: "title" })
      expect(result.attempts.find((a) => a.tier === "musicbrainz")).toMatchObject({ outcome: "found" })
      expect(result.attempts.find((a) => a.tier === "wikidata")).toMatchObject({ outcome: "failed", kind: "server", requests: 3 })
    })
  )

  it.live("a miss while Wikidata was down is not remembered: the next run asks again and finds it", () =>
    Effect.gen(function* () {
      const world = yield* startWorld()
      world.wd.fail({ status: 503, times: "forever" })
      const first = yield* findWith(world, bridged)
      expect(first.status).toBe("not_found")
      expect(first.attempts.find((a) => a.tier === "wikidata")).toMatchObject({ outcome: "failed" })
      world.wd.clearFailures()
      const second = yield* findWith(world, bridged)
      expect(second).toMatchObject({ status: "found", matchedBy: "wikidata" })
    })
  )

  it.live("a hung query times out (and its retries too); the title search still runs", () =>
    Effect.gen(function* () {
      const world = yield* startWorld()
      world.wd.fault({ kind: "hang" }, { times: "forever" })
      const result = yield* findWith(world, chandni, {}, { requestTimeout: "300 millis", budget: "2 seconds" })
      expect(result).toMatchObject({ status: "found", matchedBy: "title" })
      const attempt = result.attempts.find((a) => a.tier === "wikidata")!
      expect(attempt).toMatchObject({ outcome: "failed", kind: "timeout" })
    })
  )

  it.live("an HTML page instead of JSON is a bad payload, tried twice, then given up", () =>
    Effect.gen(function* () {
      const world = yield* startWorld()
      world.wd.fault({ kind: "html" }, { times: "forever" })
      const result = yield* findWith(world, chandni)
      expect(result).toMatchObject({ status: "found", matchedBy: "title" })
      const attempt = result.attempts.find((a) => a.tier === "wikidata")!
      expect(attempt).toMatchObject({ outcome: "failed", kind: "bad_payload", requests: 2 })
      expect(attempt.detail).toContain("an HTML page")
    })
  )
})
