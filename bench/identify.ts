/**
 * Artist identification (issue 9, step 3) on a generated DJ world with known truth
 * (`generateDjWorld` of the testkit; 40 000 sets ≈ 1 million played-track rows by default):
 *
 * - `liner identify train` and `liner identify --all --json` as a user runs them: the whole binary
 *   on the store, process start-up and the feedback writes included, with each process's peak
 *   memory (its own `resourceUsage().maxRSS`);
 * - precision and recall of the `identified` answers against the world's truth: precision over
 *   every identified track, recall over the tracks whose context can name their artist
 *   (`identifiable`, played at least twice); how many decoys (artist never in a set) and twins
 *   (two equally plausible label-mates) were asserted;
 * - the anchor: the original plan's hand-weighted formula, implemented here only, on the same
 *   candidates: 0.5 × the share of the track's sets with the candidate within the window + 0.3 ×
 *   the share of its DJs who play the candidate elsewhere + 0.2 × whether a neighbour had a label
 *   (any label: presence, not equality), the best candidate asserted at 0.5 or more.
 *
 * `BENCH_IDENTIFY_SETS` sets the world's size. Standalone: `npx tsx bench/identify.ts` (after
 * `npm run build`); also exported for `bench/run.ts`.
 */
import { decodeSetRow, groupSetRows, importDjSets, type NumberedSetRow, StoreLayer, trackKey } from "@liner/core"
import { candidateFeatures, DEFAULT_WINDOW, type IdentifyAnswer, readPlayIndex, TRAINING_MIN_OCCURRENCES, unknownTracks } from "@liner/identify"
import { type DjWorld, generateDjWorld, linerBin, makeTempDir } from "@liner/testkit"
import { Effect, Either } from "effect"
import { execFile } from "node:child_process"
import { join } from "node:path"
import { figure, heading, isMain } from "./stats.js"

const setCount = Number(process.env["BENCH_IDENTIFY_SETS"] ?? 40_000)
const NOW = "2026-03-01T00:00:00.000Z"

// Written by the `liner` process itself when it exits: its own peak memory, in kilobytes.
const maxRssHook = `data:text/javascript,${encodeURIComponent(
  'import { writeSync } from "node:fs"; process.on("exit", () => { writeSync(2, "\\nbench-max-rss-kb=" + process.resourceUsage().maxRSS + "\\n") })'
)}`

const runCli = (args: ReadonlyArray<string>, db: string, home: string) =>
  new Promise<{ readonly code: number; readonly seconds: number; readonly maxRssKb: number; readonly stdout: string; readonly stderr: string }>((resolve) => {
    const start = performance.now()
    execFile(
      process.execPath,
      ["--import", maxRssHook, linerBin, ...args],
      { env: { PATH: process.env["PATH"] ?? "", HOME: home, LINER_DB: db }, maxBuffer: 1024 * 1024 * 1024, timeout: 3_600_000 },
      (error, stdout, stderr) => {
        const seconds = (performance.now() - start) / 1000
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1
        resolve({ code, seconds, maxRssKb: Number(/bench-max-rss-kb=(\d+)/.exec(stderr)?.[1] ?? Number.NaN), stdout, stderr })
      }
    )
  })

const importWorld = async (world: DjWorld, db: string): Promise<number> => {
  const start = performance.now()
  const numbered: Array<NumberedSetRow> = world.rows.map((cells, i) => {
    const row = decodeSetRow(cells)
    if (Either.isLeft(row)) throw new Error(`generated row ${i} does not decode: ${row.left}`)
    return { line: i + 2, row: row.right }
  })
  const { sets } = groupSetRows(numbered)
  await Effect.runPromise(importDjSets(sets, { now: NOW }).pipe(Effect.provide(StoreLayer.at(db))))
  return (performance.now() - start) / 1000
}

/** The world's unknown tracks by the group key Liner gives them. */
const truthOf = (world: DjWorld) =>
  new Map(world.unknownTracks.map((u) => [u.trackKey !== null ? `key:${u.trackKey}` : `title:${trackKey(u.title ?? "")}`, u]))

interface Scored {
  readonly asserted: number
  readonly right: number
  readonly rightIdentifiable: number
  readonly decoys: number
  readonly twins: number
}

const score = (world: DjWorld, answers: ReadonlyArray<{ readonly groupKey: string; readonly artist: string }>): Scored => {
  const truth = truthOf(world)
  let right = 0
  let rightIdentifiable = 0
  let decoys = 0
  let twins = 0
  for (const { groupKey, artist } of answers) {
    const track = truth.get(groupKey)
    if (track?.kind === "decoy") decoys++
    if (track?.kind === "ambiguous") twins++
    if (track?.artist !== artist) continue
    right++
    if (track.kind === "identifiable") rightIdentifiable++
  }
  return { asserted: answers.length, right, rightIdentifiable, decoys, twins }
}

/** The original plan's hand-weighted formula on Liner's own candidates (see the module's comment). */
const baseline = (db: string) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const index = yield* readPlayIndex()
      const { snapshot } = index
      const answers: Array<{ groupKey: string; artist: string }> = []
      for (const track of unknownTracks(snapshot)) {
        if (track.groupKey === null || track.plays.length < TRAINING_MIN_OCCURRENCES) continue
        let best: { artist: number; value: number } | undefined
        for (const f of candidateFeatures(index, track, { window: DEFAULT_WINDOW })) {
          const adjacency = f.nearSets.length / track.sets.length
          const overlap = track.djs.length === 0 ? 0 : f.overlappingDjs.length / track.djs.length
          const hadLabel = f.labelsAround ? 1 : 0
          const value = 0.5 * adjacency + 0.3 * overlap + 0.2 * hadLabel
          if (best === undefined || value > best.value) best = { artist: f.artist, value }
        }
        if (best !== undefined && best.value >= 0.5) answers.push({ groupKey: track.groupKey, artist: snapshot.artists.name[best.artist]! })
      }
      return answers
    }).pipe(Effect.provide(StoreLayer.at(db)))
  )

const percent = (part: number, whole: number): string => (whole === 0 ? "-" : `${((100 * part) / whole).toFixed(1)} %`)

const line = (name: string, s: Scored, identifiable: number) =>
  figure(
    name,
    `precision ${percent(s.right, s.asserted)} (${s.right} of ${s.asserted} asserted right), recall ${percent(s.rightIdentifiable, identifiable)} (${s.rightIdentifiable} of ${identifiable} identifiable tracks); decoys asserted ${s.decoys}, twins asserted ${s.twins}`
  )

export const benchIdentify = async (): Promise<void> => {
  heading(`Artist identification: a generated DJ world of ${setCount.toLocaleString("en")} sets (BENCH_IDENTIFY_SETS)`)
  const world = generateDjWorld({ seed: 11, sets: setCount })
  const identifiable = world.unknownTracks.filter((u) => u.kind === "identifiable" && u.occurrences >= TRAINING_MIN_OCCURRENCES).length
  const dir = makeTempDir("liner-bench-")
  try {
    const db = join(dir.path, "liner.db")
    const imported = await importWorld(world, db)
    figure(
      "world",
      `${world.rows.length.toLocaleString("en")} played-track rows, ${world.unknownTracks.length.toLocaleString("en")} unknown tracks (${identifiable.toLocaleString("en")} identifiable, played twice or more), ${world.keylessRows.length.toLocaleString("en")} keyless ID – ID plays; imported in ${imported.toFixed(1)} s (setup)`
    )
    const base = score(world, await baseline(db))

    const train = await runCli(["identify", "train", "--json"], db, dir.path)
    if (train.code !== 0) throw new Error(`liner identify train exited ${train.code}: ${train.stderr}`)
    const trained = JSON.parse(train.stdout) as { readonly pairs: number; readonly tracks: number }
    figure(
      "`liner identify train`, whole process",
      `${train.seconds.toFixed(1)} s for ${trained.pairs.toLocaleString("en")} candidate pairs of ${trained.tracks.toLocaleString("en")} tracks; peak memory ${Math.round(train.maxRssKb / 1024)} MB`
    )

    const all = await runCli(["identify", "--all", "--json"], db, dir.path)
    if (all.code !== 0) throw new Error(`liner identify --all exited ${all.code}: ${all.stderr}`)
    const answers = all.stdout
      .split("\n")
      .filter((text) => text.trim() !== "")
      .map((text) => JSON.parse(text) as IdentifyAnswer)
    figure(
      "`liner identify --all --json`, whole process",
      `${all.seconds.toFixed(1)} s for ${answers.length.toLocaleString("en")} unknown tracks (store read, candidates, scoring, answers written back, the rest queued); peak memory ${Math.round(all.maxRssKb / 1024)} MB`
    )
    const liner = score(
      world,
      answers
        .filter((a) => a.status === "identified")
        .map((a) => ({ groupKey: a.track.key !== null ? `key:${a.track.key}` : `title:${trackKey(a.track.title)}`, artist: a.guesses[0]?.artist ?? "" }))
    )
    line("Liner (Fellegi–Sunter, EM-trained; identified = high and 100× the runner-up)", liner, identifiable)
    line("the original plan's hand-weighted formula (threshold 0.5)", base, identifiable)
    const statuses = new Map<string, number>()
    for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1)
    figure("Liner's answers", [...statuses.entries()].map(([status, n]) => `${status} ${n.toLocaleString("en")}`).join(" · "))
  } finally {
    dir.remove()
  }
}

if (isMain(import.meta.url)) await benchIdentify()
