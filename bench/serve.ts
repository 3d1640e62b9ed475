/**
 * `liner serve` under load (issue 11): cached soundtrack answers per second, and the latency of
 * each (p50, p99), as a client in another process sees them. The server is the real binary on a
 * free loopback port; this process is the load generator: N concurrent keep-alive connections,
 * each sending `GET /soundtrack?imdb=…` as soon as its last answer came, for a fixed time after a
 * short warm-up. The film is cached first (one lookup against the local fake MusicBrainz), so
 * every answer is the cache tier's: the figures are the HTTP layer, the store read and the
 * lookup log write. On SQLite, and on PostgreSQL when its programs are installed (a throwaway
 * server from the testkit).
 *
 * Standalone: `npx tsx bench/serve.ts` (after `npm run build`); also exported for `bench/run.ts`.
 * BENCH_SERVE_SECONDS (default 5) sets how long each level runs.
 */
import {
  createPostgresDatabase,
  defaultMusicBrainzCatalogue,
  linerBin,
  makeTempDir,
  postgresBinDir,
  runLiner,
  startFakeMusicBrainz,
  startPostgresServer
} from "@liner/testkit"
import { type ChildProcess, spawn } from "node:child_process"
import { Agent, request } from "node:http"
import { join } from "node:path"
import { figure, heading, isMain, ms, percentile } from "./stats.js"

const seconds = Number(process.env["BENCH_SERVE_SECONDS"] ?? 5)
const levels = [1, 8, 32]
const path = "/soundtrack?imdb=tt9100001"

/** Starts `liner serve --port 0` and resolves with its URL once it says it is listening. */
const startServer = (env: Record<string, string>): Promise<{ readonly url: string; readonly child: ChildProcess }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [linerBin, "serve", "--port", "0"], { env: { PATH: process.env["PATH"] ?? "", ...env }, stdio: ["ignore", "ignore", "pipe"] })
    let stderr = ""
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk
      const listening = /listening on (http:\/\/\S+)/.exec(stderr)
      if (listening?.[1] !== undefined) resolve({ url: listening[1], child })
    })
    child.on("exit", (code) => reject(new Error(`liner serve ended (${code}): ${stderr}`)))
  })

const stopServer = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    child.removeAllListeners("exit")
    child.on("exit", () => resolve())
    child.kill("SIGTERM")
  })

/** One GET on a keep-alive agent: its status and milliseconds. */
const get = (agent: Agent, url: URL): Promise<{ readonly status: number; readonly ms: number }> =>
  new Promise((resolve, reject) => {
    const start = performance.now()
    const req = request(url, { agent }, (res) => {
      res.resume()
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - start }))
    })
    req.on("error", reject)
    req.end()
  })

/** `connections` loops sending requests back to back for `durationMs`; latencies of the 200s, and the rest counted. */
const load = async (url: URL, connections: number, durationMs: number) => {
  const agent = new Agent({ keepAlive: true, maxSockets: connections })
  const latencies: Array<number> = []
  let failed = 0
  const end = performance.now() + durationMs
  const start = performance.now()
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const answer = await get(agent, url)
        if (answer.status === 200) latencies.push(answer.ms)
        else failed++
      }
    })
  )
  const elapsed = performance.now() - start
  agent.destroy()
  return { latencies, failed, perSecond: (latencies.length / elapsed) * 1000 }
}

const benchStore = async (name: string, db: string, home: string, mbUrl: string) => {
  const env = { HOME: home, LINER_DB: db, LINER_MUSICBRAINZ_URL: mbUrl, LINER_MUSICBRAINZ_RATE: "100000", LINER_CONTACT: "bench@liner.invalid" }
  const seeded = await runLiner(["soundtrack", "--imdb", "tt9100001", "--json"], env)
  if (seeded.code !== 0) throw new Error(`seeding the cache failed (${seeded.code}): ${seeded.stderr}`)
  const { url, child } = await startServer(env)
  try {
    const target = new URL(path, url)
    const first = await fetch(target)
    const source = ((await first.json()) as { source?: string }).source
    if (first.status !== 200 || source !== "cache") throw new Error(`expected a cached answer, got ${first.status} ${source}`)
    for (const connections of levels) {
      await load(target, connections, 1000)
      const run = await load(target, connections, seconds * 1000)
      figure(
        `${name}, ${connections} connection${connections === 1 ? "" : "s"}`,
        `${run.perSecond.toFixed(0)} answers/s · p50 ${ms(percentile(run.latencies, 50))} · p99 ${ms(percentile(run.latencies, 99))}${run.failed > 0 ? ` · ${run.failed} not 200` : ""}`
      )
    }
  } finally {
    await stopServer(child)
  }
}

export const benchServe = async (): Promise<void> => {
  heading(`liner serve: cached GET /soundtrack from another process, keep-alive connections (${seconds} s per level)`)
  const mb = await startFakeMusicBrainz({ catalogue: defaultMusicBrainzCatalogue().catalogue, rate: null })
  const dir = makeTempDir("liner-bench-")
  try {
    await benchStore("SQLite", join(dir.path, "liner.db"), dir.path, mb.url)
    if (postgresBinDir() === undefined) {
      figure("PostgreSQL", "skipped: PostgreSQL is not installed (apt-get install postgresql)")
      return
    }
    const pg = await startPostgresServer()
    try {
      await benchStore("PostgreSQL", createPostgresDatabase(pg, "liner_bench"), dir.path, mb.url)
    } finally {
      pg.stop()
    }
  } finally {
    await mb.close()
    dir.remove()
  }
}

if (isMain(import.meta.url)) await benchServe()
