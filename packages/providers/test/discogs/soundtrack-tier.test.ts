import { FetchHttpClient } from "@effect/platform"
import { type FilmQuery, FilmQuery as FilmQuerySchema, StoreLayer } from "@liner/core"
import { type FakeDiscogs, makeTempDir, startFakeDiscogs } from "@liner/testkit"
import Database from "better-sqlite3"
import { Effect, Redacted, Schema } from "effect"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { makeDiscogsClient } from "../../src/discogs/client.js"
import { DiscogsConfig, makeDiscogsSettings } from "../../src/discogs/config.js"
import { makeDiscogsSoundtrackTier } from "../../src/discogs/soundtrack-tier.js"

// The Discogs tier against a local fake of Discogs' API, with a real store in a temp dir.
let discogs: FakeDiscogs
let dir: { path: string; remove: () => void }
const quickRetry = { base: "10 millis", times: 2, maxRetryAfter: "2 seconds" } as const

beforeEach(async () => {
  discogs = await startFakeDiscogs()
  dir = makeTempDir()
})
afterEach(async () => {
  await discogs.close()
  dir.remove()
})

const q = (query: Record<string, unknown>): FilmQuery => Schema.decodeUnknownSync(FilmQuerySchema)(query)
const dbPath = () => join(dir.path, "liner.db")

const lookup = (query: Record<string, unknown>, settings: Parameters<typeof makeDiscogsSettings>[0] = {}) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const tier = yield* makeDiscogsSoundtrackTier
      return yield* Effect.either(tier.lookup(q(query)))
    }).pipe(
      Effect.provide(DiscogsConfig.make({ apiUrl: discogs.url, token: discogs.token, retry: quickRetry, ...settings })),
      Effect.provide(FetchHttpClient.layer),
      Effect.provide(StoreLayer.at(dbPath()))
    )
  )

const found = async (query: Record<string, unknown>, settings: Parameters<typeof makeDiscogsSettings>[0] = {}) => {
  const result = await lookup(query, settings)
  if (result._tag !== "Right" || result.right._tag !== "Found") throw new Error(`expected a found answer, got ${JSON.stringify(result)}`)
  return result.right
}

describe("the Discogs soundtrack tier", () => {
  it("finds a film's soundtrack through its master and reads credits by ranges and per track", async () => {
    const answer = await found({ title: "Lagaan", year: 2001 })
    expect(answer.matchedBy).toBe("title")
    expect(answer.confidence).toBeGreaterThanOrEqual(0.85)
    const { album, tracks } = answer.value
    expect(album).toMatchObject({ title: "Lagaan", releaseDate: "2001-05-08", label: "Sony Music" })
    // The master's main release (the cassette with credits), not the reissue; headings left out.
    expect(tracks.map((t) => t.title)).toEqual(["Ghanan Ghanan", "Mitwa", "O Paalanhaare", "Radha Kaise Na Jale", "O Rey Chhori", "Lagaan... Once Upon A Time In India (Theme)"])
    expect(tracks[0]).toMatchObject({ artists: ["Udit Narayan", "Alka Yagnik"], composers: ["A. R. Rahman"], lyricists: ["Javed Akhtar"], durationMs: 371_000 })
    expect(tracks[1]).toMatchObject({ artists: ["Sukhwinder Singh", "Shaan", "Alka Yagnik"], lyricists: ["Javed Akhtar"] })
    expect(tracks[3]).toMatchObject({ artists: ["Asha Bhosle"], lyricists: ["Javed Akhtar"] })
    expect(tracks[4]).toMatchObject({ artists: ["Vasundhara Das"], durationMs: null })
    expect(tracks[5]).toMatchObject({ artists: [], composers: ["A. R. Rahman"], lyricists: [] })
    // The score album of the same film is named beside the answer, not chosen.
    expect(discogs.requests.map((r) => r.pathname)).toEqual(["/database/search", "/masters/402001", "/releases/1402001"])
  })

  it("sends the token only in the Authorization header, with a User-Agent naming Liner", async () => {
    await found({ title: "Dil Chahta Hai", year: 2001 })
    for (const request of discogs.requests) {
      expect(request.authorization).toBe(`Discogs token=${discogs.token}`)
      expect(request.userAgent).toMatch(/^liner\/\S+ \( .+ \)$/)
      expect(request.path).not.toContain(discogs.token)
    }
  })

  it("answers a repeat from the store without a request, and the store holds no token", async () => {
    const first = await found({ title: "Dil Chahta Hai", year: 2001 })
    discogs.clearRequests()
    const second = await found({ title: "Dil Chahta Hai", year: 2001 })
    expect(discogs.requests).toHaveLength(0)
    expect(second.value).toEqual(first.value)
    const rows = new Database(dbPath(), { readonly: true }).prepare("select request_key, params, answer from discogs_cache").all()
    expect(rows.length).toBe(3)
    expect(JSON.stringify(rows)).not.toContain(discogs.token)
    expect(readFileSync(dbPath()).includes(Buffer.from(discogs.token))).toBe(false)
  })

  it("makes no request and answers skipped without a token", async () => {
    const result = await lookup({ title: "Lagaan", year: 2001 }, { token: undefined })
    expect(result).toMatchObject({ _tag: "Right", right: { _tag: "Skipped", detail: "no LINER_DISCOGS_TOKEN" } })
    expect(discogs.requests).toHaveLength(0)
  })

  it("refuses a wrong token with Discogs' message, once, and never prints the token", async () => {
    const wrong = "wrongDiscogsToken9876543210"
    const result = await lookup({ title: "Lagaan", year: 2001 }, { token: wrong })
    expect(result._tag).toBe("Left")
    const reason = result._tag === "Left" ? result.left.reason : ""
    expect(reason).toContain("401 from discogs")
    expect(reason).toContain("You must authenticate to access this resource.")
    expect(reason).not.toContain(wrong)
    expect(discogs.requests.map((r) => r.status)).toEqual([401])
  })

  it("reports Discogs' 404 message for a release that is not there", async () => {
    const result = await Effect.runPromise(
      Effect.gen(function* () {
        const client = yield* makeDiscogsClient(makeDiscogsSettings({ apiUrl: discogs.url, retry: quickRetry }), Redacted.make(discogs.token))
        return yield* Effect.either(client.release(999))
      }).pipe(Effect.provide(FetchHttpClient.layer), Effect.provide(StoreLayer.at(dbPath())))
    )
    expect(result._tag === "Left" ? result.left : undefined).toMatchObject({ tier: "discogs", retryable: false, reason: "404 from discogs for release 999: Release not found." })
    expect(discogs.requests).toHaveLength(1)
  })

  it("says no match rather than guess", async () => {
    const result = await lookup({ title: "Sholay", year: 1975 })
    expect(result).toMatchObject({ _tag: "Right", right: { _tag: "NotFound" } })
    // Masters first, then releases without a master.
    expect(discogs.requests.map((r) => r.query["type"])).toEqual(["master", "release"])
  })
})

describe("Discogs' rate limit", () => {
  it("waits for the window when the last answer said no request is left, so none is refused", async () => {
    await discogs.close()
    // Two requests per (short) window: a found film needs three, so the third must wait.
    discogs = await startFakeDiscogs({ rateLimit: 2, rateWindowMs: 400 })
    await found({ title: "Lagaan", year: 2001 }, { rateWindow: "400 millis", lowRemaining: 0 })
    expect(discogs.requests.map((r) => [r.pathname, r.status, r.remaining])).toEqual([
      ["/database/search", 200, 1],
      ["/masters/402001", 200, 0],
      ["/releases/1402001", 200, 1]
    ])
  })

  it("without the pace the same fake refuses the third request (the test above means something)", async () => {
    await discogs.close()
    discogs = await startFakeDiscogs({ rateLimit: 2, rateWindowMs: 60_000 })
    // A window of a millisecond is no pause at all: the third request arrives inside the fake's minute.
    const result = await lookup({ title: "Lagaan", year: 2001 }, { rateWindow: "1 millis", lowRemaining: 0, retry: { base: "1 millis", times: 0, maxRetryAfter: "1 second" } })
    expect(result._tag).toBe("Left")
    expect(discogs.requests.map((r) => r.status)).toEqual([200, 200, 429])
  })

  it("retries a 429, then answers", async () => {
    discogs.fail({ status: 429, times: 1 })
    const answer = await found({ title: "Lagaan", year: 2001 })
    expect(answer.value.tracks.length).toBe(6)
    expect(discogs.requests.map((r) => r.status)).toEqual([429, 200, 200, 200])
  })

  it("gives up when a 429 asks to wait longer than the policy allows, saying so", async () => {
    discogs.fail({ status: 429, retryAfter: 120 })
    const result = await lookup({ title: "Lagaan", year: 2001 })
    expect(result._tag).toBe("Left")
    expect(result._tag === "Left" ? result.left.reason : "").toMatch(/429 from discogs.*asks to wait 2m/)
    expect(discogs.requests).toHaveLength(1)
  })
})
