/**
 * MusicBrainz cost and politeness, against the local fake server:
 * - requests per uncached film, over films found by IMDb link (https and legacy http), by title
 *   search, and with the IMDb id unlinked (search after the link misses);
 * - a batch of 20 uncached films through `liner soundtrack --batch` (a whole process) against a
 *   server that enforces 1 request a second, as musicbrainz.org does: wall time ÷ requests, and
 *   how many requests came too soon (503).
 */
import { addGeneratedFilms, defaultMusicBrainzCatalogue, makeTempDir, runLiner, startFakeMusicBrainz } from "@liner/testkit"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { figure, heading, isMain } from "./stats.js"

const batchSize = Number(process.env["BENCH_BATCH_FILMS"] ?? 20)

const requestsPerFilm = async (): Promise<void> => {
  heading("MusicBrainz requests per uncached film (fake server, 50 requests/s allowed)")
  const { catalogue, films } = defaultMusicBrainzCatalogue()
  const generated = addGeneratedFilms(catalogue, 10)
  const mb = await startFakeMusicBrainz({ catalogue, rate: 50 })
  const dir = makeTempDir("liner-bench-")
  try {
    const env = { HOME: dir.path, LINER_DB: join(dir.path, "liner.db"), LINER_MUSICBRAINZ_URL: mb.url, LINER_MUSICBRAINZ_RATE: "50" }
    const cases: Array<[string, Array<string>]> = [
      ...generated.map((f): [string, Array<string>] => ["IMDb link (https)", ["--imdb", f.imdbId!]]),
      ["IMDb link (legacy http only)", ["--imdb", films.linkedHttpOnly.imdbId!]],
      ["title search (no IMDb id)", [films.searchOnly.title, "--year", String(films.searchOnly.year)]],
      ["IMDb id not linked, then title search", [films.searchOnly.title, "--year", String(films.searchOnly.year), "--imdb", "tt0000042", "--refresh"]]
    ]
    const byKind = new Map<string, Array<number>>()
    let total = 0
    for (const [kind, args] of cases) {
      const before = mb.requests.length
      const run = await runLiner(["soundtrack", ...args, "--json"], env)
      if (run.code !== 0) throw new Error(`${kind}: exit ${run.code}: ${run.stderr}`)
      const n = mb.requests.length - before
      total += n
      byKind.set(kind, [...(byKind.get(kind) ?? []), n])
    }
    for (const [kind, counts] of byKind) figure(kind, `${(counts.reduce((a, b) => a + b, 0) / counts.length).toFixed(1)} requests (${counts.length} film${counts.length === 1 ? "" : "s"})`)
    figure("mean over all", `${(total / cases.length).toFixed(2)} requests per film (${cases.length} films)`)
  } finally {
    await mb.close()
    dir.remove()
  }
}

const politeBatch = async (): Promise<void> => {
  heading(`A batch of ${batchSize} uncached films against a server enforcing 1 request/s (a whole process)`)
  const { catalogue } = defaultMusicBrainzCatalogue()
  const films = addGeneratedFilms(catalogue, batchSize)
  const mb = await startFakeMusicBrainz({ catalogue, rate: 1 })
  const dir = makeTempDir("liner-bench-")
  try {
    const file = join(dir.path, "films.csv")
    writeFileSync(file, ["title,year,imdb", ...films.map((f) => `"${f.title}",${f.year},${f.imdbId}`)].join("\n") + "\n")
    const env = { HOME: dir.path, LINER_DB: join(dir.path, "liner.db"), LINER_MUSICBRAINZ_URL: mb.url }
    const start = performance.now()
    const run = await runLiner(["soundtrack", "--batch", file, "--json"], env, { timeoutMs: 15 * 60_000 })
    const wall = (performance.now() - start) / 1000
    const found = run.stdout.trim().split("\n").filter((l) => l.includes('"status":"found"')).length
    const tooSoon = mb.requests.filter((r) => r.status === 503).length
    figure("films found", `${found} / ${batchSize} (exit ${run.code})`)
    figure("requests", String(mb.requests.length))
    figure("wall time", `${wall.toFixed(1)} s`)
    figure("wall time ÷ requests", `${(wall / mb.requests.length).toFixed(2)} s per request`)
    figure("503s (requests faster than 1/s)", `${tooSoon} (the server counted ${mb.violations} violations)`)
  } finally {
    await mb.close()
    dir.remove()
  }
}

const requestsPerTrack = async (): Promise<void> => {
  heading("MusicBrainz requests per DJ track (label hunter, `liner label --batch`, no label in the titles)")
  const { catalogue } = defaultMusicBrainzCatalogue()
  const mb = await startFakeMusicBrainz({ catalogue, rate: 50 })
  const dir = makeTempDir("liner-bench-")
  try {
    const file = join(dir.path, "tracks.jsonl")
    const tracks = [
      { title: "Solar Drift", artist: "Anna Lunoe & Marco Vesti" },
      { title: "Deep Water (Extended Mix)", artist: "Nora Fine" },
      { title: "Lost Signal", artist: "Orbit Theory" },
      { title: "Unknown Tune", artist: "Nobody Known" }
    ]
    writeFileSync(file, tracks.map((t) => JSON.stringify(t)).join("\n") + "\n")
    const env = { HOME: dir.path, LINER_DB: join(dir.path, "liner.db"), LINER_MUSICBRAINZ_URL: mb.url, LINER_MUSICBRAINZ_RATE: "50" }
    const run = await runLiner(["label", "--batch", file, "--json"], env)
    const results = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { status: string; source: string | null })
    figure("tracks", `${tracks.length} (${results.map((r) => `${r.status}${r.source === null ? "" : ` via ${r.source}`}`).join(", ")})`)
    figure("requests per track", (mb.requests.length / tracks.length).toFixed(2))
  } finally {
    await mb.close()
    dir.remove()
  }
}

export const benchMusicBrainz = async (): Promise<void> => {
  await requestsPerFilm()
  await politeBatch()
  await requestsPerTrack()
}

if (isMain(import.meta.url)) await benchMusicBrainz()
