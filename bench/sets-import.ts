/**
 * DJ sets into the store (issue 9, step 1): the import rate of a generated DJ world of about a
 * million played-track rows (40 000 sets, `generateDjWorld` of the testkit) into a fresh SQLite
 * store, and the memory it takes.
 *
 * - in-process: the rows as a file gives them → decoded (Schema) → grouped into sets (keys,
 *   unknown markers) → written (`importDjSets`, sets in transactions of 10 000 rows, the label
 *   hunter's learned labels included); then the same rows again (every set unchanged);
 * - one set per transaction against the default grouping, on the first 2 000 sets: what a commit
 *   (a disk sync) per set would cost;
 * - `liner sets import world.csv` as a user runs it: the whole binary on the world written as CSV,
 *   process start-up included, with that process's peak memory (its own `resourceUsage().maxRSS`).
 *
 * `BENCH_SETS` sets the world's size (default 40 000 sets ≈ 1 million rows).
 * Standalone: `npx tsx bench/sets-import.ts` (after `npm run build`); also exported for `bench/run.ts`.
 */
import { decodeSetRow, djSetCounts, groupSetRows, importDjSets, type NumberedSetRow, type SetImportReport, StoreLayer } from "@liner/core"
import { djWorldCsv, type DjWorldRow, generateDjWorld, linerBin, makeTempDir } from "@liner/testkit"
import { Effect, Either } from "effect"
import { execFile } from "node:child_process"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { figure, heading, isMain } from "./stats.js"

const setCount = Number(process.env["BENCH_SETS"] ?? 40_000)
const NOW = "2026-03-01T00:00:00.000Z"

const mb = (bytes: number): string => `${Math.round(bytes / 1_048_576)} MB`
const rate = (rows: number, seconds: number): string => `${Math.round(rows / seconds).toLocaleString("en")} rows/s`

/** Peak resident memory while `work` runs, sampled every 50 ms (the work yields between statements). */
const withPeakRss = async <A>(work: () => Promise<A>): Promise<{ readonly result: A; readonly peak: number }> => {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => void (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  try {
    const result = await work()
    return { result, peak: Math.max(peak, process.memoryUsage().rss) }
  } finally {
    clearInterval(timer)
  }
}

const decodeAll = (rows: ReadonlyArray<DjWorldRow>): Array<NumberedSetRow> =>
  rows.map((cells, i) => {
    const row = decodeSetRow(cells)
    if (Either.isLeft(row)) throw new Error(`generated row ${i} does not decode: ${row.left}`)
    return { line: i + 2, row: row.right }
  })

/** Decodes, groups and imports `rows` into the store at `db`; seconds for each step. */
const importRows = async (rows: ReadonlyArray<DjWorldRow>, db: string, rowsPerTransaction?: number) => {
  const start = performance.now()
  const decoded = decodeAll(rows)
  const decodedAt = performance.now()
  const { sets, rejected } = groupSetRows(decoded)
  if (rejected.length > 0) throw new Error(`generated rows rejected: ${JSON.stringify(rejected.slice(0, 3))}`)
  const groupedAt = performance.now()
  const report: SetImportReport = await Effect.runPromise(
    importDjSets(sets, { now: NOW, ...(rowsPerTransaction === undefined ? {} : { rowsPerTransaction }) }).pipe(Effect.provide(StoreLayer.at(db)))
  )
  const end = performance.now()
  return { report, total: (end - start) / 1000, decode: (decodedAt - start) / 1000, group: (groupedAt - decodedAt) / 1000, write: (end - groupedAt) / 1000 }
}

// Written by the `liner` process itself when it exits: its own peak memory, in kilobytes.
const maxRssHook = `data:text/javascript,${encodeURIComponent(
  'import { writeSync } from "node:fs"; process.on("exit", () => { writeSync(2, "\\nbench-max-rss-kb=" + process.resourceUsage().maxRSS + "\\n") })'
)}`

const runCli = (file: string, db: string, home: string) =>
  new Promise<{ readonly code: number; readonly seconds: number; readonly maxRssKb: number; readonly stdout: string; readonly stderr: string }>((resolve) => {
    const start = performance.now()
    execFile(
      process.execPath,
      ["--import", maxRssHook, linerBin, "sets", "import", file, "--json"],
      { env: { PATH: process.env["PATH"] ?? "", HOME: home, LINER_DB: db }, maxBuffer: 256 * 1024 * 1024, timeout: 1_800_000 },
      (error, stdout, stderr) => {
        const seconds = (performance.now() - start) / 1000
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1
        resolve({ code, seconds, maxRssKb: Number(/bench-max-rss-kb=(\d+)/.exec(stderr)?.[1] ?? Number.NaN), stdout, stderr })
      }
    )
  })

export const benchSetsImport = async (): Promise<void> => {
  heading(`DJ sets: importing a generated world of ${setCount.toLocaleString("en")} sets into a fresh store (BENCH_SETS)`)
  const generatedAt = performance.now()
  const world = generateDjWorld({ seed: 9, sets: setCount })
  const generation = (performance.now() - generatedAt) / 1000
  const rows = world.rows.length
  figure("world", `${rows.toLocaleString("en")} rows, ${world.unknownTracks.length.toLocaleString("en")} unknown tracks, ${world.djs.length.toLocaleString("en")} DJs, generated in ${generation.toFixed(1)} s`)
  const afterGeneration = process.memoryUsage().rss

  const dir = makeTempDir("liner-bench-")
  try {
    const db = join(dir.path, "liner.db")
    const { result: first, peak } = await withPeakRss(() => importRows(world.rows, db))
    figure(
      "in-process import (decode → group → write)",
      `${rate(rows, first.total)} (${first.total.toFixed(1)} s: decode ${first.decode.toFixed(1)} s, group ${first.group.toFixed(1)} s, write ${first.write.toFixed(1)} s = ${rate(rows, first.write)}); ${first.report.added} sets added, ${first.report.labelsLearned.toLocaleString("en")} artist labels learned`
    )
    figure("memory (in-process)", `rss ${mb(afterGeneration)} after generating the world, peak ${mb(peak)} during the import (+${mb(peak - afterGeneration)})`)
    const again = await importRows(world.rows, db)
    figure("the same rows again (every set unchanged)", `${rate(rows, again.total)} (${again.total.toFixed(1)} s; ${again.report.unchanged} unchanged, ${again.report.tracksWritten} rows written)`)
    const counts = await Effect.runPromise(djSetCounts().pipe(Effect.provide(StoreLayer.at(db))))
    figure("stored", `${counts.sets.toLocaleString("en")} sets, ${counts.djs.toLocaleString("en")} DJs, ${counts.playedTracks.toLocaleString("en")} played tracks`)

    const firstSets = new Set(world.rows.map((r) => r.set_id).filter((id, i, all) => i === 0 || all[i - 1] !== id).slice(0, 2000))
    const subset = world.rows.filter((r) => firstSets.has(r.set_id))
    const perSet = await importRows(subset, join(dir.path, "per-set.db"), 1)
    const grouped = await importRows(subset, join(dir.path, "grouped.db"))
    figure(
      `${firstSets.size.toLocaleString("en")} sets (${subset.length.toLocaleString("en")} rows), write only`,
      `one transaction per set ${rate(subset.length, perSet.write)}, sets grouped up to 10 000 rows per transaction ${rate(subset.length, grouped.write)}`
    )

    const csv = join(dir.path, "world.csv")
    writeFileSync(csv, djWorldCsv(world.rows))
    const cli = await runCli(csv, join(dir.path, "cli.db"), dir.path)
    if (cli.code !== 0) throw new Error(`liner sets import exited ${cli.code}: ${cli.stderr.slice(-500)}`)
    const document = JSON.parse(cli.stdout) as { readonly rows: number }
    figure("`liner sets import world.csv`", `${rate(document.rows, cli.seconds)} (${cli.seconds.toFixed(1)} s, process start-up included); peak memory of the process ${mb(cli.maxRssKb * 1024)}`)
  } finally {
    dir.remove()
  }
}

if (isMain(import.meta.url)) await benchSetsImport()
