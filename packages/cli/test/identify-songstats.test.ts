import { type FakeSongstats, makeTempDir, runLiner, startFakeSongstats } from "@liner/testkit"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"

// Songstats as evidence about candidates (contracts/songstats.md), through the real binary and a
// local fake Songstats: the DJs who played the track and the candidate's top supporters there.
let dir: { path: string; remove: () => void }
let songstats: FakeSongstats
let env: Record<string, string>

// An unknown track (t-1) played by Mara Lindqvist, and by Henrik Bäcklund with DJ Kairo, next to
// Mara Lindqvist's records; Songstats lists Henrik Bäcklund and DJ Kairo among her supporters.
const csv = [
  "set_id,dj,position,artist,title,label,track_key",
  "s1,Mara Lindqvist,1,Henrik Bäcklund,Nordlicht,Nightglass Records,",
  "s1,Mara Lindqvist,2,ID,ID,,t-1",
  "s1,Mara Lindqvist,3,Mara Lindqvist,Velvet Static,Nightglass Records,",
  "s2,Henrik Bäcklund & DJ Kairo,1,Mara Lindqvist,Glass Hours,Nightglass,",
  "s2,Henrik Bäcklund & DJ Kairo,2,Unknown Artist,ID,,t-1",
  "s2,Henrik Bäcklund & DJ Kairo,3,Tomas Ek,Ferry,Polar Drift,",
  "s3,DJ Kairo,1,Mara Lindqvist,Night Ferry,Nightglass Records,",
  "s3,DJ Kairo,2,Tomas Ek,Ferry,Polar Drift,"
].join("\n")

beforeEach(async () => {
  dir = makeTempDir()
  songstats = await startFakeSongstats()
  env = { HOME: dir.path, LINER_DB: join(dir.path, "liner.db"), LINER_SONGSTATS_URL: songstats.url, LINER_SONGSTATS_API_KEY: songstats.apiKey }
  const file = join(dir.path, "sets.csv")
  writeFileSync(file, `${csv}\n`)
  expect((await runLiner(["sets", "import", file], env)).code).toBe(0)
  expect((await runLiner(["identify", "train"], env)).code).toBe(0)
})
afterEach(async () => {
  await songstats.close()
  dir.remove()
})

interface Guess {
  readonly artist: string
  readonly evidence: ReadonlyArray<string>
  readonly explanation: ReadonlyArray<{ readonly feature: string; readonly level: string }>
}

describe("liner identify with Songstats", () => {
  it("counts the track's DJs among a candidate's Songstats supporters, asking once per artist", async () => {
    const run = await runLiner(["identify", "--track-key", "t-1", "--json"], env)
    expect([0, 1]).toContain(run.code)
    const guesses = (JSON.parse(run.stdout) as { readonly guesses: ReadonlyArray<Guess> }).guesses
    const mara = guesses.find((g) => g.artist === "Mara Lindqvist")!
    expect(mara.evidence).toContain("Songstats lists 2 of its DJs among Mara Lindqvist's top supporters")
    expect(mara.explanation.find((e) => e.feature === "songstats_support")).toMatchObject({ level: "2 or more" })
    const curatorRequests = songstats.requests.filter((r) => r.route === "/artists/top_curators")
    expect(curatorRequests.length).toBeGreaterThan(0)
    expect(new Set(curatorRequests.map((r) => r.query["songstats_artist_id"])).size).toBe(curatorRequests.length)
    expect(run.stdout + run.stderr).not.toContain(songstats.apiKey)
  })

  it("says the answer may change when Songstats is unavailable (exit 75), still answering from the sets", async () => {
    songstats.fail({ status: 503 })
    const run = await runLiner(["identify", "--track-key", "t-1", "--json"], env)
    expect(run.code).toBe(75)
    expect(run.stderr).toMatch(/Songstats was unavailable: the answer may change when it answers/)
    const answer = JSON.parse(run.stdout) as { readonly status: string; readonly guesses: ReadonlyArray<Guess> }
    expect(answer.status).not.toBe("identified")
    expect(answer.guesses.flatMap((g) => g.explanation).filter((e) => e.feature === "songstats_support").every((e) => e.level === "not asked")).toBe(true)
  })
})
