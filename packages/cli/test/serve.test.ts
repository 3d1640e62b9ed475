import { defaultMusicBrainzCatalogue, type FakeMusicBrainz, linerBin, makeTempDir, runLiner, startFakeMusicBrainz } from "@liner/testkit"
import { type ChildProcess, execFile, spawn } from "node:child_process"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { readRecordedLoads, recorder } from "./support/recorded-loads.js"

// `liner serve` as an integrator runs it: the real binary listening on a free loopback port, a
// real SQLite file, and a local server that behaves like MusicBrainz. Every answer is compared
// with what the command prints for the same input.
let mb: FakeMusicBrainz
let dir: { path: string; remove: () => void }
let env: Record<string, string>
const servers: Array<Served> = []

beforeEach(async () => {
  mb = await startFakeMusicBrainz({ catalogue: defaultMusicBrainzCatalogue().catalogue, rate: null })
  dir = makeTempDir()
  env = {
    HOME: dir.path,
    LINER_DB: join(dir.path, "liner.db"),
    LINER_MUSICBRAINZ_URL: mb.url,
    LINER_MUSICBRAINZ_RATE: "1000",
    LINER_CONTACT: "tests@liner.invalid"
  }
})
afterEach(async () => {
  for (const served of servers.splice(0)) await served.stop()
  await mb.close()
  dir.remove()
})

interface Served {
  readonly url: string
  readonly child: ChildProcess
  stderr: string
  /** The exit status once it has ended (a signal's number as 128 + n, as a shell reports it). */
  readonly exited: Promise<number>
  readonly stop: () => Promise<number>
}

/** Starts `liner serve --port 0` and waits for its "listening on" line. */
const serve = (extra: Record<string, string> = {}, args: ReadonlyArray<string> = [], nodeArgs: ReadonlyArray<string> = []): Promise<Served> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, linerBin, "serve", "--port", "0", ...args], { env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", ...env, ...extra } })
    const exited = new Promise<number>((done) => child.on("exit", (code, signal) => done(code ?? (signal === "SIGTERM" ? 143 : signal === "SIGKILL" ? 137 : -1))))
    const served: { -readonly [K in keyof Served]: Served[K] } = {
      url: "",
      child,
      stderr: "",
      exited,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM")
        return exited
      }
    }
    child.stdout.resume()
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      served.stderr += chunk
      const listening = /listening on (http:\/\/\S+)/.exec(served.stderr)
      if (listening !== null && served.url === "") {
        served.url = listening[1] ?? ""
        servers.push(served)
        resolve(served)
      }
    })
    void exited.then((code) => reject(new Error(`liner serve ended (${code}) before listening: ${served.stderr}`)))
  })

/** Attempt timings differ from one lookup to the next; everything else must be equal. */
const withoutTimings = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(withoutTimings)
    : typeof value === "object" && value !== null
      ? Object.fromEntries(Object.entries(value).filter(([key]) => key !== "durationMs").map(([key, v]) => [key, withoutTimings(v)]))
      : value

const getJson = async (url: string, init?: RequestInit) => {
  const response = await fetch(url, init)
  return { status: response.status, headers: response.headers, body: (await response.json()) as any }
}

const postJson = (url: string, body: unknown) => getJson(url, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } })

// A value @effect/platform's HTTP API registers when its module is initialised (see lazy-loading.test.ts).
const httpApiMark = "@effect/platform/HttpApiSchema/astCache"

describe("liner serve", () => {
  it("is loaded only by liner serve: a lookup's start-up never loads the HTTP API", async () => {
    const lookupRecord = join(dir.path, "lookup-loads.txt")
    await new Promise<void>((resolve) =>
      execFile(process.execPath, ["--import", recorder, linerBin, "soundtrack", "Sholay", "--offline"], { env: { PATH: process.env["PATH"] ?? "", ...env, LINER_RECORD_LOADS: lookupRecord } }, () => resolve())
    )
    const lookup = readRecordedLoads(lookupRecord).globalValues
    expect(lookup.length).toBeGreaterThan(0)
    expect(lookup).not.toContain(httpApiMark)

    const serveRecord = join(dir.path, "serve-loads.txt")
    const server = await serve({ LINER_RECORD_LOADS: serveRecord }, [], ["--import", recorder])
    await server.stop()
    expect(readRecordedLoads(serveRecord).globalValues).toContain(httpApiMark)
  })

  it("listens on loopback and answers a soundtrack with the document `liner soundtrack --json` prints", async () => {
    const server = await serve()
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const first = await runLiner(["soundtrack", "--imdb", "tt9100001", "--json"], env)
    expect(first.code).toBe(0)
    const answered = await getJson(`${server.url}/soundtrack?imdb=tt9100001`)
    const cli = await runLiner(["soundtrack", "--imdb", "tt9100001", "--json"], env)
    expect(answered.status).toBe(200)
    expect(answered.body).toMatchObject({ status: "found", source: "cache", origin: "musicbrainz" })
    expect(withoutTimings(answered.body)).toEqual(withoutTimings(JSON.parse(cli.stdout)))
    // Looked up for real by the server, the same as the command's first answer.
    const fresh = await getJson(`${server.url}/soundtrack?title=${encodeURIComponent("Dil Ki Raahein")}&year=2011`)
    const freshCli = await runLiner(["soundtrack", "Dil Ki Raahein", "--year", "2011", "--json"], env)
    expect(withoutTimings(fresh.body)).toEqual(withoutTimings(JSON.parse(freshCli.stdout)))
  })

  it("answers 404 with the not-found document, and 400 with the command's message for bad input", async () => {
    const server = await serve()
    // Both answer from the miss the first lookup remembered.
    expect((await runLiner(["soundtrack", "Qwzx Unknown Film", "--year", "2001", "--json"], env)).code).toBe(1)
    const missing = await getJson(`${server.url}/soundtrack?title=${encodeURIComponent("Qwzx Unknown Film")}&year=2001`)
    const cliMissing = await runLiner(["soundtrack", "Qwzx Unknown Film", "--year", "2001", "--json"], env)
    expect(cliMissing.code).toBe(1)
    expect(missing.status).toBe(404)
    expect(withoutTimings(missing.body)).toEqual(withoutTimings(JSON.parse(cliMissing.stdout)))

    for (const [query, args] of [
      ["title=Lagaan&year=20x1", ["soundtrack", "Lagaan", "--year", "20x1"]],
      ["imdb=tt12", ["soundtrack", "--imdb", "tt12"]],
      ["year=2001", ["soundtrack", "--year", "2001"]]
    ] as const) {
      const bad = await getJson(`${server.url}/soundtrack?${query}`)
      const cli = await runLiner(args, env)
      expect(cli.code).toBe(2)
      expect(bad.status).toBe(400)
      expect(bad.body).toEqual({ _tag: "BadInput", message: expect.any(String) })
      expect(cli.stderr.trim()).toBe(`liner: ${bad.body.message}`)
    }
  })

  it("answers a batch with the documents of `liner soundtrack --batch --json`, and refuses a bad item, a long batch and a large body", async () => {
    const server = await serve({ LINER_SERVE_MAX_BATCH: "3", LINER_SERVE_MAX_BODY: "2000" })
    const films = [{ imdb: "tt9100001" }, { title: "Qwzx Unknown Film", year: 2001 }]
    const file = join(dir.path, "films.jsonl")
    writeFileSync(file, films.map((f) => JSON.stringify(f)).join("\n"))
    // Both answer from what the first batch stored: the cached soundtrack and the remembered miss.
    expect((await runLiner(["soundtrack", "--batch", file, "--json"], env)).code).toBe(0)
    const answered = await postJson(`${server.url}/soundtracks`, films)
    expect(answered.status).toBe(200)
    const cli = await runLiner(["soundtrack", "--batch", file, "--json"], env)
    const cliDocs = cli.stdout.trim().split("\n").map((line) => JSON.parse(line))
    expect(answered.body.map((d: any) => d.status)).toEqual(["found", "not_found"])
    expect(withoutTimings(answered.body)).toEqual(withoutTimings(cliDocs))
    // A miss enters the cool-down queue, as a batch's does.
    expect((await getJson(`${server.url}/queue/stats`)).body.total).toBe(1)

    const bad = await postJson(`${server.url}/soundtracks`, [{ imdb: "tt9100001" }, { title: "Lagaan", year: "20x1" }, 7])
    expect(bad.status).toBe(400)
    expect(bad.body.message).toBe('item 2: year: expected a year like 2008, got "20x1"; item 3: expected a JSON object')
    const long = await postJson(`${server.url}/soundtracks`, [{ imdb: "tt9100001" }, { imdb: "tt9100001" }, { imdb: "tt9100001" }, { imdb: "tt9100001" }])
    expect(long.status).toBe(400)
    expect(long.body.message).toMatch(/a batch holds at most 3 films \(LINER_SERVE_MAX_BATCH\), this one 4/)
    const large = await postJson(`${server.url}/soundtracks`, [{ title: "x".repeat(3000) }])
    expect(large.status).toBe(413)
    expect(large.body.message).toMatch(/larger than 2000 bytes/)
    expect((await postJson(`${server.url}/soundtracks`, { title: "Lagaan" })).status).toBe(400)
  })

  it("answers labels (one and a batch) with the documents of `liner label --json`", async () => {
    const server = await serve()
    const known = await getJson(`${server.url}/label?title=${encodeURIComponent("Frozen Ground (Extended Mix)")}&artist=${encodeURIComponent("Mara Lindqvist")}&label_known=Anjunadeep`)
    const cliKnown = await runLiner(["label", "Frozen Ground (Extended Mix)", "--artist", "Mara Lindqvist", "--label-known", "Anjunadeep", "--json"], env)
    expect(known.status).toBe(200)
    expect(known.body.status).toBe("skipped")
    expect(withoutTimings(known.body)).toEqual(withoutTimings(JSON.parse(cliKnown.stdout)))

    const missing = await getJson(`${server.url}/label?title=${encodeURIComponent("Qwzx Nothing")}&artist=Nobody`)
    const cliMissing = await runLiner(["label", "Qwzx Nothing", "--artist", "Nobody", "--json"], env)
    expect(cliMissing.code).toBe(1)
    expect(missing.status).toBe(404)
    expect(withoutTimings(missing.body)).toEqual(withoutTimings(JSON.parse(cliMissing.stdout)))

    const batch = await postJson(`${server.url}/labels`, [{ title: "Frozen Ground (Extended Mix)", artist: "Mara Lindqvist", label: "Anjunadeep" }])
    expect(batch.status).toBe(200)
    expect(withoutTimings(batch.body)).toEqual([withoutTimings(JSON.parse(cliKnown.stdout))])

    const bad = await getJson(`${server.url}/label?artist=Nobody`)
    expect(bad).toMatchObject({ status: 400, body: { message: "the track title is missing" } })
  })

  it("answers 503 with Retry-After when MusicBrainz is unavailable, with the document the command prints", async () => {
    const failing = { LINER_MUSICBRAINZ_BUDGET: "1" }
    const server = await serve(failing)
    mb.failWith(1000, 503, "1")
    const answered = await fetch(`${server.url}/soundtrack?imdb=tt9100001`)
    expect(answered.status).toBe(503)
    expect(Number(answered.headers.get("retry-after"))).toBeGreaterThan(0)
    const doc = await answered.json()
    const cli = await runLiner(["soundtrack", "--imdb", "tt9100001", "--json"], { ...env, ...failing })
    expect(cli.code).toBe(75)
    expect(doc).toMatchObject({ status: "unavailable", source: null })
    expect(withoutTimings(doc)).toEqual(withoutTimings(JSON.parse(cli.stdout)))
  })

  it("answers 503 with Retry-After when a request takes longer than LINER_SERVE_TIMEOUT", async () => {
    const server = await serve({ LINER_SERVE_TIMEOUT: "1" })
    mb.delay(1, 5000)
    const answered = await getJson(`${server.url}/soundtrack?imdb=tt9100001`)
    expect(answered.status).toBe(503)
    expect(answered.headers.get("retry-after")).not.toBeNull()
    expect(answered.body).toEqual({ _tag: "Unavailable", message: expect.stringMatching(/^the request took longer than 1s \(LINER_SERVE_TIMEOUT\)/) })
  })

  it("answers the queue, the report and health with the commands' documents", async () => {
    const server = await serve()
    expect((await runLiner(["queue", "add", "--kind", "soundtrack", "--imdb", "tt9100001"], env)).code).toBe(0)
    const stats = await getJson(`${server.url}/queue/stats`)
    expect(stats.body).toEqual(JSON.parse((await runLiner(["queue", "stats", "--json"], env)).stdout))
    expect(stats.body.total).toBe(1)

    expect((await postJson(`${server.url}/queue/run?limit=zero`, [])).body.message).toBe('limit must be 1 or more, not "zero"')
    const run = await getJson(`${server.url}/queue/run?limit=5`, { method: "POST" })
    expect(run.status).toBe(200)
    expect(run.body).toMatchObject({ tried: 1, found: 1, items: [{ kind: "soundtrack", outcome: "found", status: "done" }] })
    expect(withoutTimings(run.body.items[0].result)).toMatchObject(withoutTimings({ status: "found", source: "musicbrainz" }) as object)
    const idle = await getJson(`${server.url}/queue/run`, { method: "POST" })
    expect(idle.body).toEqual(JSON.parse((await runLiner(["queue", "run", "--json"], env)).stdout))

    const report = await getJson(`${server.url}/report`)
    const cliReport = JSON.parse((await runLiner(["report", "--format", "json"], env)).stdout)
    expect(Object.keys(report.body)).toEqual(Object.keys(cliReport))
    expect(report.body.coverage ?? null).toEqual(cliReport.coverage ?? null)
    const page = await fetch(`${server.url}/report`, { headers: { accept: "text/html,application/xhtml+xml" } })
    expect(page.headers.get("content-type")).toMatch(/^text\/html/)
    expect(await page.text()).toMatch(/<html[\s\S]*Liner report/)
    expect((await getJson(`${server.url}/report?since=yesterday`)).body.message).toMatch(/^since takes a date such as 2026-01-31/)

    const health = await getJson(`${server.url}/health`)
    expect(health.status).toBe(200)
    expect(health.body).toMatchObject({ status: "ok", store: { reachable: true } })
    expect(health.body.sources).toContainEqual(expect.objectContaining({ source: "musicbrainz", outcome: "found" }))
  })

  it("answers identify with the command's message when the store has nothing to learn from", async () => {
    const server = await serve()
    expect(await getJson(`${server.url}/identify`)).toMatchObject({ status: 400, body: { message: "give the unknown track's track_key" } })
    const answered = await getJson(`${server.url}/identify?track_key=tl-48213`)
    const cli = await runLiner(["identify", "--track-key", "tl-48213", "--json"], env)
    expect(cli.code).toBe(2)
    expect(answered.status).toBe(400)
    expect(cli.stderr.trim().split("\n").at(-1)).toBe(`liner: ${answered.body.message}`)
  })

  it("publishes its OpenAPI document with every endpoint", async () => {
    const server = await serve()
    const spec = await getJson(`${server.url}/openapi.json`)
    expect(spec.status).toBe(200)
    expect(Object.keys(spec.body.paths).sort()).toEqual(["/health", "/identify", "/label", "/labels", "/queue/run", "/queue/stats", "/report", "/soundtrack", "/soundtracks"])
    expect(Object.keys(spec.body.paths["/soundtracks"])).toEqual(["post"])
  })

  it("on SIGTERM lets the request in flight finish, then exits 143", async () => {
    const server = await serve()
    mb.delay(1, 1500)
    const pending = getJson(`${server.url}/soundtrack?imdb=tt9100001`)
    while (mb.requests.length === 0) await new Promise((r) => setTimeout(r, 20))
    server.child.kill("SIGTERM")
    const answered = await pending
    expect(answered.status).toBe(200)
    expect(answered.body).toMatchObject({ status: "found", source: "musicbrainz" })
    expect(await server.exited).toBe(143)
  })

  it("on SIGTERM stops a queue run before the grace ends and hands its claimed item back", async () => {
    const server = await serve({ LINER_SERVE_GRACE: "2" })
    expect((await runLiner(["queue", "add", "--kind", "soundtrack", "--imdb", "tt9100001"], env)).code).toBe(0)
    mb.delay(1, 20_000)
    const pending = getJson(`${server.url}/queue/run`, { method: "POST" })
    while (mb.requests.length === 0) await new Promise((r) => setTimeout(r, 20))
    server.child.kill("SIGTERM")
    const answered = await pending
    expect(answered.status).toBe(503)
    expect(answered.headers.get("retry-after")).not.toBeNull()
    expect(answered.body.message).toMatch(/^the server is shutting down/)
    expect(await server.exited).toBe(143)
    const items = JSON.parse((await runLiner(["queue", "list", "--json"], env)).stdout) as Array<{ status: string; leaseUntil: string | null }>
    expect(items).toEqual([expect.objectContaining({ status: "pending", leaseUntil: null })])
  })

  it("refuses a port in use with a clear message, and keeps secrets out of its output", async () => {
    const secret = "sp-secret-4f9a2c"
    const server = await serve({ LINER_SPOTIFY_CLIENT_ID: "client-id", LINER_SPOTIFY_CLIENT_SECRET: secret, LINER_SPOTIFY_ACCOUNTS_URL: "http://127.0.0.1:9", LINER_SPOTIFY_API_URL: "http://127.0.0.1:9" })
    const bodies = await Promise.all(["/health", "/openapi.json", "/soundtrack?imdb=tt9100001", "/report"].map(async (path) => (await fetch(`${server.url}${path}`)).text()))
    for (const body of bodies) expect(body).not.toContain(secret)
    const port = new URL(server.url).port
    const second = await runLiner(["serve", "--port", port], env)
    expect(second.code).toBe(2)
    expect(second.stderr.trim()).toBe(`liner: cannot listen on 127.0.0.1:${port}: the port is in use`)
    await server.stop()
    expect(server.stderr).not.toContain(secret)
  })
})
