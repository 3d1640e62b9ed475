import {
  addGeneratedFilms,
  createPostgresDatabase,
  defaultMusicBrainzCatalogue,
  type FakeMusicBrainz,
  makeTempDir,
  type PostgresServer,
  runLiner,
  startFakeMusicBrainz,
  startPostgresServer
} from "@liner/testkit"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"

// Four `liner` workers on one host share one store (a SQLite file, or a database on a throwaway
// PostgreSQL server) and one MusicBrainz: the rate is the fleet's, not each process's. The fake
// server records every arrival; no two may be closer than 1/rate. (A faster rate than the
// public 1/s keeps the test short; the logic is the same.)
const rate = 20
const spacingMs = 1000 / rate
/** Arrival times are read from a high-resolution clock, the clients' pace from a millisecond one. */
const clockToleranceMs = 1

let pg: PostgresServer
let mb: FakeMusicBrainz
let dir: { path: string; remove: () => void }
let env: Record<string, string>

beforeAll(async () => {
  pg = await startPostgresServer()
})
afterAll(() => pg.stop())

beforeEach(async () => {
  mb = await startFakeMusicBrainz({ catalogue: defaultMusicBrainzCatalogue().catalogue, rate, rateTolerance: clockToleranceMs / spacingMs })
  dir = makeTempDir()
  env = { HOME: dir.path, LINER_DB: join(dir.path, "liner.db"), LINER_MUSICBRAINZ_URL: mb.url, LINER_MUSICBRAINZ_RATE: String(rate), LINER_CONTACT: "tests@liner.invalid" }
})
afterEach(async () => {
  await mb.close()
  dir.remove()
})

describe.each([
  ["a SQLite file", () => join(dir.path, "liner.db")],
  ["PostgreSQL", () => createPostgresDatabase(pg)]
])("workers sharing one store: %s", (_, storeLocation) => {
  it("four processes together keep MusicBrainz's rate: no two arrivals closer than 1/rate, every film answered", async () => {
    env = { ...env, LINER_DB: storeLocation() }
    // The store exists (migrated) before the workers start, as in a deployment.
    expect((await runLiner(["queue", "stats"], env)).code).toBe(0)
    const films = addGeneratedFilms(mb.catalogue, 20)
    const batches = [0, 1, 2, 3].map((w) => writeBatch(`worker-${w}.jsonl`, films.filter((_, i) => i % 4 === w).map((f) => f.imdbId!)))

    const runs = await Promise.all(batches.map((file) => runLiner(["soundtrack", "--batch", file, "--json"], env, { timeoutMs: 120_000 })))

    for (const run of runs) {
      expect(run.stderr).toMatch(/5 films: found 5 · not found 0 · unavailable 0/)
      expect(run.code).toBe(0)
    }
    const arrivals = mb.requests.map((r) => r.at).sort((a, b) => a - b)
    const tooClose = arrivals.slice(1).map((at, i) => at - arrivals[i]!).filter((gap) => gap < spacingMs - clockToleranceMs)
    expect(tooClose).toEqual([])
    expect(mb.violations).toBe(0)
    expect(mb.requests.every((r) => r.status === 200)).toBe(true)
    // Every film's IMDb link was asked for.
    for (const film of films) expect(mb.requestsTo("/ws/2/url").some((r) => (r.query.get("resource") ?? "").includes(film.imdbId!))).toBe(true)
  })
})

const writeBatch = (name: string, imdbIds: ReadonlyArray<string>): string => {
  const file = join(dir.path, name)
  writeFileSync(file, imdbIds.map((imdb) => JSON.stringify({ imdb }) + "\n").join(""))
  return file
}
