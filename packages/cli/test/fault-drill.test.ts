import { join } from "node:path"
import { writeFileSync } from "node:fs"
import Database from "better-sqlite3"
import {
  defaultMusicBrainzCatalogue,
  type FakeMusicBrainz,
  type Fault,
  type FaultOptions,
  faultModes,
  makeTempDir,
  refusingPort,
  runLiner,
  startFakeMusicBrainz
} from "@liner/testkit"
import { afterEach, beforeEach, describe, expect, it } from "vitest"

// The fault drill: `liner soundtrack` as a user runs it (the real binary, a real SQLite file)
// against a MusicBrainz that misbehaves like real networks do, one fault mode per test. A single
// fault ends with the album; a fault that never ends, with exit 75 and nothing poisoned. The fake
// enforces the client's rate and every Retry-After it sends. No timing is asserted: each run must
// end with the right exit status before runLiner's own timeout kills it.
const rate = 20
const film = ["soundtrack", "--imdb", "tt9100001", "--json"]
const runTimeoutMs = 45_000
let mb: FakeMusicBrainz
let dir: { path: string; remove: () => void }
let env: Record<string, string>
beforeEach(async () => {
  mb = await startFakeMusicBrainz({ catalogue: defaultMusicBrainzCatalogue().catalogue, rate })
  dir = makeTempDir()
  env = {
    HOME: dir.path,
    LINER_DB: join(dir.path, "liner.db"),
    LINER_MUSICBRAINZ_URL: mb.url,
    LINER_MUSICBRAINZ_RATE: String(rate),
    LINER_CONTACT: "tests@liner.invalid",
    MUSICBRAINZ_TIMEOUT: "2"
  }
})
afterEach(async () => {
  await mb.close()
  dir.remove()
})

type Doc = Record<string, any>
const json = (stdout: string) => JSON.parse(stdout) as Doc
const liner = (args: ReadonlyArray<string>, environment = env) => runLiner(args, environment, { timeoutMs: runTimeoutMs })
const musicbrainzAttempt = (doc: Doc) => (doc["attempts"] as Array<Doc>).find((a) => a["tier"] === "musicbrainz")!

/** Rows in the store: answers kept, misses remembered, and the detail of every MusicBrainz attempt logged. */
const storeContents = (): { soundtracks: number; misses: number; musicbrainzDetails: ReadonlyArray<string | null> } => {
  const db = new Database(env["LINER_DB"]!, { readonly: true })
  try {
    const count = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
    const details = db.prepare("select detail from attempts where tier = 'musicbrainz' order by id").all() as Array<{ detail: string | null }>
    return { soundtracks: count("soundtracks"), misses: count("misses"), musicbrainzDetails: details.map((d) => d.detail) }
  } finally {
    db.close()
  }
}

/** The fake's arrivals as "+gap ms → status", shown when a violation is found. */
const arrivals = () => mb.requests.map((r, i) => `+${i === 0 ? 0 : Math.round(r.at - mb.requests[i - 1]!.at)}ms ${r.path} → ${r.status}`).join("; ")
const expectNoViolation = () => expect(mb.violations, `requests came too soon: ${arrivals()}`).toBe(0)

const expectTheAlbum = (doc: Doc) => {
  expect(doc).toMatchObject({ status: "found", album: { label: "Saregama India" } })
  expect(doc["tracks"][0]).toMatchObject({ position: 1, title: "Saawan Aaya", artists: ["Kavita Rao", "Rahul Sen"], composers: ["Arjun Mehra"] })
}

/** Where each single fault strikes: the IMDb link lookup, or the release with its tracks (the largest body) for a mid-body reset. */
const singleFaults: ReadonlyArray<readonly [string, Fault, FaultOptions, string]> = [
  ["busy 503", faultModes.busy, {}, "1 rate limited"],
  ["503 with Retry-After", faultModes["503 with Retry-After"], {}, "1 rate limited"],
  ["429 with Retry-After", faultModes["429 with Retry-After"], {}, "1 rate limited"],
  ["reset mid-body", faultModes["reset mid-body"], { path: "/ws/2/release/" }, "1 lost the connection"],
  ["destroyed socket", faultModes["destroyed socket"], {}, "1 lost the connection"],
  ["truncated JSON", faultModes["truncated JSON"], {}, "1 not the JSON asked for"],
  ["HTML 200 (captive portal)", faultModes["HTML 200"], {}, "1 not the JSON asked for"],
  ["502 proxy page", faultModes["502 proxy page"], {}, "1 server error"],
  ["hang", faultModes.hang, {}, "1 timed out"]
]

describe("fault drill: one fault, then the album", () => {
  it.each(singleFaults)("%s", async (_name, fault, options, triesNote) => {
    mb.fault(fault, options)
    const run = await liner(film)
    expect(run.code).toBe(0)
    const doc = json(run.stdout)
    expectTheAlbum(doc)
    expect(doc).toMatchObject({ source: "musicbrainz", stale: false })
    // The attempt, as printed and as logged, says what the failed try met.
    expect(musicbrainzAttempt(doc)).toMatchObject({ outcome: "found", detail: `after 1 failed try: ${triesNote}` })
    expect(musicbrainzAttempt(doc)["failedTries"]).toHaveLength(1)
    expect(storeContents().musicbrainzDetails).toEqual([`after 1 failed try: ${triesNote}`])
    expectNoViolation()

    // Nothing poisoned: the same store answers the same album (here from the complete cached answer).
    const again = await liner(film)
    expect(again.code).toBe(0)
    expect(json(again.stdout)).toMatchObject({ source: "cache", tracks: doc["tracks"] })
  })
})

describe("fault drill: a fault that does not end", () => {
  /** After an exit 75, the store holds no answer and no miss, and a healthy MusicBrainz is asked again and answers. */
  const expectNothingPoisoned = async () => {
    expect(storeContents()).toMatchObject({ soundtracks: 0, misses: 0 })
    mb.clearFaults()
    const healthy = await liner(film)
    expect(healthy.code).toBe(0)
    const doc = json(healthy.stdout)
    expectTheAlbum(doc)
    expect(doc).toMatchObject({ source: "musicbrainz" })
  }

  it("busy 503 forever: four tries, exit 75, nothing poisoned", async () => {
    mb.fault(faultModes.busy, { times: "forever" })
    const run = await liner(film)
    expect(run.code).toBe(75)
    expect(json(run.stdout)).toMatchObject({ status: "unavailable", source: null, album: null, tracks: [] })
    expect(musicbrainzAttempt(json(run.stdout))).toMatchObject({ outcome: "failed", kind: "rate_limited", requests: 4 })
    expect(run.stderr).toContain("liner: musicbrainz failed: 503 from musicbrainz after 4 tries")
    expectNoViolation()
    await expectNothingPoisoned()
  })

  it("truncated JSON forever: one retry, exit 75 with a message that names it, nothing poisoned", async () => {
    mb.fault(faultModes["truncated JSON"], { times: "forever" })
    const run = await liner(film)
    expect(run.code).toBe(75)
    expect(musicbrainzAttempt(json(run.stdout))).toMatchObject({ outcome: "failed", kind: "bad_payload", requests: 2 })
    expect(run.stderr).toMatch(/liner: musicbrainz failed: musicbrainz answered url with truncated JSON \(\d+ bytes, cut off before the end\): a proxy or a broken connection in the way\? after 2 tries/)
    expect(run.stderr).not.toMatch(/Expected|is missing|└─/)
    await expectNothingPoisoned()
  })

  it("an HTML page forever: exit 75 with a message that names it, nothing poisoned", async () => {
    mb.fault(faultModes["HTML 200"], { times: "forever" })
    const run = await liner(film)
    expect(run.code).toBe(75)
    expect(run.stderr).toContain("musicbrainz answered url with an HTML page, not JSON: a proxy or captive portal in the way? after 2 tries")
    await expectNothingPoisoned()
  })

  it("hang forever: the tier's budget (LINER_MUSICBRAINZ_BUDGET) ends it with exit 75, nothing poisoned", async () => {
    mb.fault(faultModes.hang, { times: "forever" })
    const run = await liner(film, { ...env, LINER_MUSICBRAINZ_BUDGET: "3" })
    expect(run.code).toBe(75)
    expect(musicbrainzAttempt(json(run.stdout))).toMatchObject({ outcome: "failed", kind: "timeout" })
    expect(run.stderr).toMatch(/liner: musicbrainz failed: no answer within 3s \(after \d failed tr(y|ies): \d timed out\)/)
    await expectNothingPoisoned()
  })

  it("with an old answer in the store, a failing MusicBrainz serves it, marked stale", async () => {
    expect((await liner(film)).code).toBe(0)
    const db = new Database(env["LINER_DB"]!)
    db.prepare("update soundtracks set fetched_at = '2020-01-01T00:00:00.000Z', expires_at = '2020-04-01T00:00:00.000Z'").run()
    db.close()
    mb.fault(faultModes["truncated JSON"], { times: "forever" })
    const run = await liner(film)
    expect(run.code).toBe(0)
    const doc = json(run.stdout)
    expectTheAlbum(doc)
    expect(doc).toMatchObject({ source: "cache", stale: true, fetchedAt: "2020-01-01T00:00:00.000Z" })
    expect(musicbrainzAttempt(doc)).toMatchObject({ outcome: "failed", kind: "bad_payload" })
  })
})

describe("fault drill: a host that is not there", () => {
  it("a batch pays for a refusing MusicBrainz once, then fails each film at once", async () => {
    const port = await refusingPort()
    const file = join(dir.path, "films.jsonl")
    writeFileSync(file, ['{"imdb": "tt9100001"}', '{"title": "Pyaar Ka Safar", "year": 2004}', '{"title": "Chandni Raat", "year": 2015}'].join("\n") + "\n")
    const run = await liner(["soundtrack", "--batch", file, "--json"], { ...env, LINER_MUSICBRAINZ_URL: `http://127.0.0.1:${port}` })
    expect(run.code).toBe(75)
    const attempts = run.stdout.trim().split("\n").map((line) => musicbrainzAttempt(json(line)))
    expect(attempts).toHaveLength(3)
    expect(attempts[0]).toMatchObject({ outcome: "failed", kind: "unreachable", requests: 2, detail: `cannot reach musicbrainz at 127.0.0.1:${port} (ECONNREFUSED) after 2 tries` })
    for (const later of attempts.slice(1)) {
      expect(later).toMatchObject({ outcome: "failed", kind: "unreachable" })
      expect(later["requests"]).toBeUndefined()
      expect(later["detail"]).toMatch(/; not asked again in this run$/)
    }
    expect(storeContents()).toMatchObject({ soundtracks: 0, misses: 0 })
  })

  it("a single lookup says the host is unreachable, after at most one quick retry", async () => {
    const port = await refusingPort()
    const run = await liner(["soundtrack", "Pyaar Ka Safar", "--year", "2004", "--json"], { ...env, LINER_MUSICBRAINZ_URL: `http://127.0.0.1:${port}` })
    expect(run.code).toBe(75)
    expect(run.stderr).toContain(`liner: musicbrainz is unreachable: cannot reach musicbrainz at 127.0.0.1:${port} (ECONNREFUSED) after 2 tries`)
  })
})
