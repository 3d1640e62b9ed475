/**
 * Politeness shared by many workers: 1, 2, 4 and 8 `liner soundtrack --batch` processes on one
 * store against one fake MusicBrainz that records every arrival. Over a window that opens once
 * every worker has sent its first request (each has a contact, so a User-Agent, of its own): the combined requests per second
 * against the limit (`LINER_MUSICBRAINZ_RATE`), the violations (two arrivals closer than 1/rate,
 * on the server's high-resolution clock) and the smallest gap. The workers have more films than
 * the window allows and are stopped when it closes.
 *
 * On SQLite at 1 and 10 requests/s, and on PostgreSQL (a throwaway server, Debian's `postgresql`
 * package) at 1 request/s when it is installed. `BENCH_WORKERS_WINDOW_S` sets the window at
 * 1 request/s (default 15 s); the 10/s rows use a quarter of it. `BENCH_WORKERS_STORES`
 * (default "sqlite,postgres") picks the stores.
 */
import {
  addGeneratedFilms,
  createPostgresDatabase,
  defaultMusicBrainzCatalogue,
  linerBin,
  makeTempDir,
  postgresBinDir,
  type PostgresServer,
  runLiner,
  startFakeMusicBrainz,
  startPostgresServer
} from "@liner/testkit"
import { type ChildProcess, spawn } from "node:child_process"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { figure, heading, isMain } from "./stats.js"

const windowAtOnePerSecond = Number(process.env["BENCH_WORKERS_WINDOW_S"] ?? 15)
const stores = (process.env["BENCH_WORKERS_STORES"] ?? "sqlite,postgres").split(",")
/** The most the bench waits for every worker's first request. */
const startUpLimitS = 120

const stopped = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once("exit", () => resolve())
    child.kill("SIGTERM")
  })

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** `store`: where the workers' store is (a new one for this row): "sqlite" or a PostgreSQL server. */
const workersRow = async (workers: number, rate: number, windowS: number, store: "sqlite" | PostgresServer): Promise<void> => {
  const { catalogue } = defaultMusicBrainzCatalogue()
  // Each film costs at least two requests: more films per worker than the start-up (30 s at
  // most, as a rule) and the window can take.
  const perWorker = Math.ceil((rate * (windowS + 30)) / 2) + 2
  const films = addGeneratedFilms(catalogue, workers * perWorker)
  const mb = await startFakeMusicBrainz({ catalogue, rate, rateTolerance: 0 })
  const dir = makeTempDir("liner-bench-")
  const children: Array<ChildProcess> = []
  try {
    const db = store === "sqlite" ? join(dir.path, "liner.db") : createPostgresDatabase(store, "liner_bench")
    const env = { PATH: process.env["PATH"] ?? "", HOME: dir.path, LINER_DB: db, LINER_MUSICBRAINZ_URL: mb.url, LINER_MUSICBRAINZ_RATE: String(rate), LINER_CONTACT: "bench@liner.invalid" }
    const contactOf = (w: number) => `bench-worker-${w}@liner.invalid`
    // The store exists (migrated) before the workers start, as in a deployment.
    const ready = await runLiner(["queue", "stats"], env)
    if (ready.code !== 0) throw new Error(`cannot open the store: ${ready.stderr}`)
    for (let w = 0; w < workers; w++) {
      const file = join(dir.path, `worker-${w}.jsonl`)
      writeFileSync(file, films.filter((_, i) => i % workers === w).map((f) => JSON.stringify({ imdb: f.imdbId }) + "\n").join(""))
      children.push(spawn(process.execPath, [linerBin, "soundtrack", "--batch", file, "--json"], { env: { ...env, LINER_CONTACT: contactOf(w) }, stdio: "ignore" }))
    }
    const firstOf = (w: number) => mb.requests.find((r) => (r.headers["user-agent"] ?? "").includes(contactOf(w)))?.at
    const startedBy = performance.now() + startUpLimitS * 1000
    while (Array.from({ length: workers }, (_, w) => firstOf(w)).some((at) => at === undefined) && performance.now() < startedBy) await sleep(50)
    const opens = Math.max(...Array.from({ length: workers }, (_, w) => firstOf(w) ?? 0))
    const closes = opens + windowS * 1000
    await sleep(closes - performance.timeOrigin - performance.now())
    await Promise.all(children.map(stopped))

    const arrivals = mb.requests.map((r) => r.at).filter((at) => at >= opens && at <= closes).sort((a, b) => a - b)
    const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]!)
    const combined = (arrivals.length - 1) / ((arrivals.at(-1)! - arrivals[0]!) / 1000)
    const violations = gaps.filter((gap) => gap < 1000 / rate).length
    figure(
      `${store === "sqlite" ? "SQLite" : "PostgreSQL"}, ${workers} worker${workers === 1 ? " " : "s"} at ${rate}/s`,
      `${combined.toFixed(3)} requests/s combined (${((100 * combined) / rate).toFixed(1)} % of the limit), ` +
        `${violations} violations, smallest gap ${Math.min(...gaps).toFixed(1)} ms (limit ${(1000 / rate).toFixed(0)} ms), ` +
        `${arrivals.length} requests in ${windowS} s, ${mb.requests.filter((r) => r.status === 503).length} answered 503 in all`
    )
  } finally {
    await Promise.all(children.map(stopped))
    await mb.close()
    dir.remove()
  }
}

export const benchWorkers = async (): Promise<void> => {
  heading("Workers sharing one store against one fake MusicBrainz (each request's turn taken in the store)")
  if (stores.includes("sqlite")) {
    for (const [rate, windowS] of [[1, windowAtOnePerSecond], [10, windowAtOnePerSecond / 4]] as const) {
      for (const workers of [1, 2, 4, 8]) await workersRow(workers, rate, windowS, "sqlite")
    }
  }
  if (!stores.includes("postgres")) return
  if (postgresBinDir() === undefined) {
    figure("PostgreSQL", "not installed (no initdb): rows skipped")
    return
  }
  const server = await startPostgresServer()
  try {
    for (const workers of [1, 2, 4, 8]) await workersRow(workers, 1, windowAtOnePerSecond, server)
  } finally {
    server.stop()
  }
}

if (isMain(import.meta.url)) await benchWorkers()
