/**
 * The cool-down queue (issue 10):
 *
 * - throughput: items claimed, looked up and completed per second by `liner queue run` with 1 and
 *   with 4 worker processes on one SQLite file, against the local fake MusicBrainz answering at
 *   once (no rate limit). Every item is a generated film MusicBrainz has, so each is a full
 *   soundtrack lookup (three requests, the answer cached, the lookup logged) plus the queue's
 *   claim and settle. The wall time includes starting the processes.
 * - the queue alone: claims and settles per second in one process with an answer that costs
 *   nothing, one item per claim (what `liner queue run` does), to show the queue's own share.
 * - spread: when 10 000 items fail at the same instant, when they come back: the next-attempt
 *   times the queue computes (`afterFailedTry`, the function every failed try goes through), as a
 *   histogram whose width is compared with the base delay (the goal: the full ±10 %).
 *
 * Standalone: `npx tsx bench/queue.ts` (after `npm run build`); also exported for `bench/run.ts`.
 */
import { addToQueue, afterFailedTry, type QueueStrategy, runQueue, StoreLayer } from "@liner/core"
import { addGeneratedFilms, defaultMusicBrainzCatalogue, makeTempDir, runLiner, startFakeMusicBrainz } from "@liner/testkit"
import { Effect } from "effect"
import { join } from "node:path"
import { figure, heading, isMain, percentile } from "./stats.js"

const itemCount = Number(process.env["BENCH_QUEUE_ITEMS"] ?? 300)
const spreadCount = 10_000

interface RunDocument {
  readonly tried: number
  readonly lost: number
  readonly items: ReadonlyArray<{ readonly id: number; readonly outcome: string }>
}

/** Queues every film, then runs `workers` `liner queue run` processes at once until all are done. */
const throughput = async (workers: number, imdbIds: ReadonlyArray<string>, mbUrl: string) => {
  const dir = makeTempDir("liner-bench-")
  try {
    const db = join(dir.path, "liner.db")
    await Effect.runPromise(
      Effect.forEach(imdbIds, (imdbId) => addToQueue({ kind: "soundtrack", query: { imdbId } as never }), { discard: true }).pipe(Effect.provide(StoreLayer.at(db)))
    )
    const env = { HOME: dir.path, LINER_DB: db, LINER_MUSICBRAINZ_URL: mbUrl, LINER_MUSICBRAINZ_RATE: "100000", LINER_CONTACT: "bench@liner.invalid" }
    const start = performance.now()
    const runs = await Promise.all(Array.from({ length: workers }, () => runLiner(["queue", "run", "--json"], env, { timeoutMs: 600_000 })))
    const seconds = (performance.now() - start) / 1000
    const docs = runs.map((run) => {
      if (run.code !== 0) throw new Error(`liner queue run exited ${run.code}: ${run.stderr}`)
      return JSON.parse(run.stdout) as RunDocument
    })
    const ids = docs.flatMap((d) => d.items.map((i) => i.id))
    return {
      seconds,
      tried: ids.length,
      once: new Set(ids).size === ids.length && ids.length === imdbIds.length,
      found: docs.flatMap((d) => d.items).filter((i) => i.outcome === "found").length,
      perWorker: docs.map((d) => d.tried)
    }
  } finally {
    dir.remove()
  }
}

/** The queue's own work per item: one claim and one settle, the answer costing nothing. */
const queueAlone = async (count: number) => {
  const dir = makeTempDir("liner-bench-")
  try {
    const store = StoreLayer.at(join(dir.path, "liner.db"))
    await Effect.runPromise(
      Effect.forEach(Array.from({ length: count }, (_, i) => i), (i) => addToQueue({ kind: "soundtrack", query: { title: `Film ${i}` } as never }), { discard: true }).pipe(Effect.provide(store))
    )
    const start = performance.now()
    const summary = await Effect.runPromise(
      runQueue({ kinds: ["soundtrack"], answer: () => Effect.succeed({ outcome: "found" as const, detail: null, result: null }) }).pipe(Effect.provide(store))
    )
    return { tried: summary.tried, seconds: (performance.now() - start) / 1000 }
  } finally {
    dir.remove()
  }
}

/** When `count` items that fail at the same instant come back, in days after it. */
const spread = (count: number, strategy: QueueStrategy, young: boolean) => {
  const now = Date.parse("2027-01-01T00:00:00.000Z")
  const createdAt = new Date(young ? now : now - 60 * 86_400_000).toISOString()
  return Effect.runSync(
    Effect.forEach(Array.from({ length: count }), () =>
      afterFailedTry({ outcome: "not_found", attempts: { notFound: 0, unavailable: 0 }, createdAt, hasLabel: false, strategy, now }).pipe(
        Effect.map((state) => (Date.parse(state.nextAttemptAt ?? "") - now) / 86_400_000)
      )
    )
  )
}

/** A text histogram of `values` in `bins` equal bins between `low` and `high`. */
const histogram = (values: ReadonlyArray<number>, low: number, high: number, bins: number): Array<string> => {
  const counts = Array.from({ length: bins }, () => 0)
  for (const v of values) {
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(((v - low) / (high - low)) * bins)))
    counts[bin] = (counts[bin] ?? 0) + 1
  }
  const most = Math.max(...counts)
  return counts.map((n, i) => {
    const from = low + ((high - low) * i) / bins
    return `    ${from.toFixed(1).padStart(6)} d  ${"#".repeat(Math.round((n / most) * 40)).padEnd(40)} ${n}`
  })
}

/** The most items that come back on one calendar day (counted from the failure). */
const busiestDay = (days: ReadonlyArray<number>): number => {
  const perDay = new Map<number, number>()
  for (const d of days) perDay.set(Math.floor(d), (perDay.get(Math.floor(d)) ?? 0) + 1)
  return Math.max(...perDay.values())
}

export const benchQueue = async (): Promise<void> => {
  heading(`Cool-down queue: \`liner queue run\` over ${itemCount} due films, fake MusicBrainz answering at once`)
  const { catalogue } = defaultMusicBrainzCatalogue()
  const films = addGeneratedFilms(catalogue, itemCount)
  const mb = await startFakeMusicBrainz({ catalogue, rate: null })
  try {
    const imdbIds = films.map((f) => f.imdbId ?? "")
    for (const workers of [1, 4]) {
      const r = await throughput(workers, imdbIds, mb.url)
      figure(
        `${workers} worker process${workers === 1 ? "" : "es"} on one SQLite file`,
        `${(r.tried / r.seconds).toFixed(1)} items/s (${r.tried} items in ${r.seconds.toFixed(2)} s, process start-up included; ${r.found} found; each item once: ${r.once ? "yes" : "NO"}${workers > 1 ? `; per worker ${r.perWorker.join(" / ")}` : ""})`
      )
    }
  } finally {
    await mb.close()
  }
  const alone = await queueAlone(2000)
  figure("the queue alone (claim + settle, no lookup), one process", `${Math.round(alone.tried / alone.seconds)} items/s (${alone.tried} items in ${alone.seconds.toFixed(2)} s)`)

  heading(`Cool-down queue: next attempts of ${spreadCount.toLocaleString("en")} items that failed (not found) at the same instant`)
  for (const [label, strategy, young, base] of [
    ["adaptive, items older than 30 days (base 90 d)", "adaptive", false, 90],
    ["adaptive, items younger than 30 days (base 45 d)", "adaptive", true, 45]
  ] as const) {
    const days = spread(spreadCount, strategy, young)
    const [min, max] = [Math.min(...days), Math.max(...days)]
    figure(
      label,
      `from ${min.toFixed(2)} to ${max.toFixed(2)} days: width ${(((max - min) / base) * 100).toFixed(1)} % of the base (goal 20 %: ±10 %); p5 ${percentile(days, 5).toFixed(2)} d, p50 ${percentile(days, 50).toFixed(2)} d, p95 ${percentile(days, 95).toFixed(2)} d; busiest day ${busiestDay(days)} items`
    )
    if (!young) for (const line of histogram(days, base * 0.9, base * 1.1, 10)) process.stdout.write(`${line}\n`)
  }
}

if (isMain(import.meta.url)) await benchQueue()
