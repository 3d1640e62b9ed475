import { listQueueItems, StoreLayer } from "@liner/core"
import { jobDirPool, jobLayouts, makeTempDir, refusingPort } from "@liner/testkit"
import { Effect, Layer } from "effect"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { runSoundtrackStage, runSoundtrackStagePromise } from "../src/index.js"
import { countingFinder, localAnswer, unavailableAnswer } from "./support/local-finder.js"

// The soundtrack stage hands what it could not answer to Liner's cool-down queue, in the store it
// was given (a real SQLite file); without a store (a custom finder alone) it leaves the queue be.
const jobs = jobDirPool()
let store: { path: string; remove: () => void }
const saved = { ...process.env }
beforeEach(() => {
  store = makeTempDir()
})
afterEach(async () => {
  process.env = { ...saved }
  store.remove()
  await jobs.cleanup()
})

const db = () => join(store.path, "liner.db")
const queued = () => Effect.runPromise(listQueueItems({ now: new Date().toISOString() }).pipe(Effect.provide(StoreLayer.at(db()))))

describe("the soundtrack stage and the queue", () => {
  it("the Promise form's default finder queues a film whose source failed, with the error", async () => {
    Object.assign(process.env, { LINER_DB: db(), LINER_MUSICBRAINZ_URL: `http://127.0.0.1:${await refusingPort()}` })
    const j = await jobs.make(jobLayouts.older())
    const result = await runSoundtrackStagePromise({ jobDir: j.dir })
    expect(result).toMatchObject({ status: "unavailable", exitCode: 75 })
    expect(result.statusFile.warnings).toEqual([])
    const [item, ...others] = await queued()
    expect(others).toEqual([])
    expect(item).toMatchObject({ kind: "soundtrack", query: { title: "Jaane Tu... Ya Jaane Na", year: 2008 }, status: "cooling_down", attempts: { notFound: 0, unavailable: 1 } })
    expect(item!.lastError).toMatch(/^musicbrainz: /)
  })

  it("with a store among its services, a miss enters the queue and a later answer closes the item", async () => {
    const j = await jobs.make(jobLayouts.older())
    const withStore = (answer: typeof localAnswer) => Layer.merge(countingFinder(answer).layer, StoreLayer.at(db()))
    await Effect.runPromise(runSoundtrackStage({ jobDir: j.dir }).pipe(Effect.provide(withStore(unavailableAnswer))))
    expect(await queued()).toMatchObject([{ status: "cooling_down", lastError: "musicbrainz: 503 from musicbrainz after 4 tries" }])
    await Effect.runPromise(runSoundtrackStage({ jobDir: j.dir, refresh: true }).pipe(Effect.provide(withStore(localAnswer))))
    expect(await queued()).toMatchObject([{ status: "done", lastOutcome: "found" }])
  })

  it("with a finder alone (no store), the stage runs as before and queues nothing", async () => {
    const j = await jobs.make(jobLayouts.older())
    const result = await Effect.runPromise(runSoundtrackStage({ jobDir: j.dir }).pipe(Effect.provide(countingFinder(unavailableAnswer).layer)))
    expect(result).toMatchObject({ status: "unavailable", exitCode: 75 })
    expect(result.statusFile.warnings).toEqual([])
    expect(await queued()).toEqual([])
  })
})
