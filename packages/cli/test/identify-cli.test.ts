import { djWorldCsv, type DjWorld, generateDjWorld, makeTempDir, runLiner } from "@liner/testkit"
import { existsSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

// `liner identify` as a user runs it: the real binary, a real SQLite file filled by
// `liner sets import` with a generated DJ world whose truth is known (contracts/identify.md).
let dir: { path: string; remove: () => void }
let env: Record<string, string>
let world: DjWorld

interface Answer {
  readonly track: { readonly key: string | null; readonly title: string; readonly occurrences: number; readonly sets: ReadonlyArray<string>; readonly djs: ReadonlyArray<string> }
  readonly status: string
  readonly guesses: ReadonlyArray<{
    readonly artist: string
    readonly probability: number
    readonly matchWeight: number | null
    readonly confidence: string
    readonly evidence: ReadonlyArray<string>
    readonly explanation: ReadonlyArray<{ readonly feature: string; readonly level: string; readonly bayesFactor: number; readonly weight: number }>
  }>
  readonly model: { readonly trainedAt: string; readonly pairs: number } | null
}

const identify = async (args: ReadonlyArray<string>) => {
  const run = await runLiner(["identify", ...args, "--json"], env)
  return { ...run, answer: run.stdout.trim() === "" ? undefined : (JSON.parse(run.stdout) as Answer) }
}

beforeAll(async () => {
  dir = makeTempDir()
  env = { HOME: dir.path, LINER_DB: join(dir.path, "liner.db") }
  world = generateDjWorld({ seed: 3, sets: 1500 })
  const file = join(dir.path, "world.csv")
  writeFileSync(file, djWorldCsv(world.rows))
  const imported = await runLiner(["sets", "import", file], env, { timeoutMs: 120_000 })
  expect(imported.code).toBe(0)
}, 180_000)
afterAll(() => dir.remove())

describe("liner identify", () => {
  it("train keeps the model in the store and writes the splink model that liner linkage explain reads", async () => {
    const model = join(dir.path, "identify-model.json")
    const trained = await runLiner(["identify", "train", "--out", model, "--json"], env)
    expect(trained.code).toBe(0)
    const doc = JSON.parse(trained.stdout) as { readonly pairs: number; readonly tracks: number; readonly model: { readonly link_type: string } }
    expect(doc.pairs).toBeGreaterThan(1000)
    expect(doc.model.link_type).toBe("link_only")
    expect(existsSync(model)).toBe(true)
    const explained = await runLiner(["linkage", "explain", "--model", model, "--json"], env)
    expect(explained.code).toBe(0)
    const parameters = (JSON.parse(explained.stdout) as { readonly parameters: ReadonlyArray<{ readonly comparison_name: string }> }).parameters
    expect(new Set(parameters.map((p) => p.comparison_name))).toEqual(
      new Set(["probability_two_random_records_match", "adjacent_sets", "adjacency_lead", "dj_overlap", "played_by", "songstats_support", "candidate_popularity"])
    )
    const table = await runLiner(["identify", "train"], env)
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/adjacent_sets\s+3 or more/)
    expect(table.stderr).toMatch(/trained on \d+ candidate pairs of \d+ unknown tracks; kept in the store/)
  })

  it("answers one track with the contract's document, evidence and explanation; exit 0 when identified", async () => {
    // The keyed tracks played most, whose context names their artist: the model identifies most of
    // them. Half are asked for JSON, half for people (an identified track is known afterwards).
    const rich = world.unknownTracks.filter((u) => u.kind === "identifiable" && u.trackKey !== null).sort((a, b) => b.occurrences - a.occurrences).slice(0, 10)
    const runs = await Promise.all(rich.slice(0, 5).map((u) => identify(["--track-key", u.trackKey!])))
    for (const run of runs) expect(run.code).toBe(run.answer?.status === "identified" ? 0 : 1)
    const hit = runs.findIndex((run) => run.answer?.status === "identified")
    expect(hit).toBeGreaterThanOrEqual(0)
    const { answer } = runs[hit]!
    expect(answer).toMatchObject({ track: { key: rich[hit]!.trackKey, title: "ID", occurrences: rich[hit]!.occurrences }, status: "identified", model: { pairs: expect.any(Number) } })
    expect(answer!.track.sets.length).toBeGreaterThan(0)
    const best = answer!.guesses[0]!
    expect(best).toMatchObject({ artist: rich[hit]!.artist, confidence: "high" })
    expect(best.probability).toBeGreaterThan(0.85)
    expect(best.evidence.some((sentence) => /^played next to .+ in \d+ of \d+ sets$/.test(sentence))).toBe(true)
    expect(best.explanation.map((e) => e.feature)).toContain("adjacent_sets")
    for (const e of best.explanation) expect(e.weight).toBeCloseTo(Math.log2(e.bayesFactor), 2)

    const texts = await Promise.all(rich.slice(5).map((u) => runLiner(["identify", "--track-key", u.trackKey!], env)))
    const shown = texts.findIndex((text) => text.code === 0)
    expect(shown).toBeGreaterThanOrEqual(0)
    expect(texts[shown]!.stdout).toMatch(/^identified: .+ \(probability 0\.\d\d, high\)$/m)
    expect(texts[shown]!.stdout).toMatch(/^ {2}- played next to /m)
    expect(texts[shown]!.stdout).toMatch(/Feature\s+Level\s+Bayes factor\s+Weight/)
  })

  it("finds a track by its title; one the sets never play is insufficient (exit 1)", async () => {
    const titled = world.unknownTracks.find((u) => u.title !== null && u.occurrences >= 2)!
    const byTitle = await identify(["--title", titled.title!, "--artist", "ID"])
    expect(byTitle.answer).toMatchObject({ track: { key: null, title: titled.title, occurrences: titled.occurrences } })
    expect([0, 1]).toContain(byTitle.code)
    const absent = await identify(["--track-key", "tl-never-played"])
    expect(absent.code).toBe(1)
    expect(absent.answer).toMatchObject({ track: { key: "tl-never-played", occurrences: 0 }, status: "insufficient", guesses: [] })
  })

  it("refuses bad input with one clear line (exit 2)", async () => {
    const bad = async (args: ReadonlyArray<string>, message: RegExp) => expect(await runLiner(["identify", ...args], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(message) })
    await bad([], /give one of --track-key KEY, --title TITLE or --all/)
    await bad(["--track-key", "tl-1", "--all"], /give one of --track-key KEY, --title TITLE or --all/)
    await bad(["--artist", "ID", "--track-key", "tl-1"], /--artist goes with --title/)
    await bad(["--title", "Velvet Static", "--artist", "Mara Lindqvist"], /"Mara Lindqvist" names the artist already/)
    await bad(["--all", "--min-occurrences", "0"], /--min-occurrences must be 1 or more/)
    await bad(["--all", "--bogus"], /unknown option --bogus/)
  })

  it("--all answers every unknown track, one JSON line each, a summary on standard error; the answers feed the store and the queue", async () => {
    const all = await runLiner(["identify", "--all", "--json"], env, { timeoutMs: 120_000 })
    expect(all.code).toBe(0)
    const answers = all.stdout.trim().split("\n").map((line) => JSON.parse(line) as Answer)
    // Every keyless `ID – ID` play on its own, never grouped; every other unknown track once.
    expect(answers.filter((a) => a.track.key === null && a.track.title === "ID")).toHaveLength(world.keylessRows.length)
    expect(answers.filter((a) => a.track.key === null && a.track.title === "ID").every((a) => a.status === "insufficient" && a.track.occurrences === 1)).toBe(true)
    const identified = answers.filter((a) => a.status === "identified")
    expect(identified.length).toBeGreaterThan(20)
    expect(all.stderr).toMatch(new RegExp(`${answers.length} unknown tracks: identified ${identified.length} \\(best guess high ${identified.length}\\) · ambiguous \\d+`))

    // Identified tracks are known now: asked again, the store answers.
    const keyed = identified.find((a) => a.track.key !== null)!
    const again = await identify(["--track-key", keyed.track.key!])
    expect(again.code).toBe(0)
    expect(again.answer!.guesses[0]).toMatchObject({ artist: keyed.guesses[0]!.artist, matchWeight: null })
    expect(again.answer!.guesses[0]!.evidence[0]).toMatch(/^identified by Liner on \d{4}-\d{2}-\d{2} with probability/)

    // The others wait in the queue, and `liner queue run` tries them as `liner identify` would.
    const stats = JSON.parse((await runLiner(["queue", "stats", "--json"], env)).stdout) as { readonly byKind: Record<string, Record<string, number>> }
    const waiting = answers.filter((a) => a.status !== "identified" && !(a.track.key === null && a.track.title === "ID")).length
    expect(stats.byKind["identify"]?.["cooling_down"]).toBe(waiting)
    const queued = await runLiner(["queue", "add", "--kind", "identify", "--track-key", keyed.track.key!], env)
    expect(queued.code).toBe(0)
    const ran = await runLiner(["queue", "run", "--kind", "identify", "--json"], env)
    expect(ran.code).toBe(0)
    expect(JSON.parse(ran.stdout)).toMatchObject({ tried: 1, found: 1, items: [{ kind: "identify", outcome: "found", status: "done", result: { status: "identified" } }] })
  })
})
