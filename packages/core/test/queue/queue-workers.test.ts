import { describe, expect, it } from "@effect/vitest"
import { makeTempDir } from "@liner/testkit"
import { Effect, TestClock } from "effect"
import { type ChildProcess, spawn } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterEach } from "vitest"
import { addToQueue } from "../../src/queue/enter-queue.js"
import { listQueueItems } from "../../src/store/queue-items.js"
import { StoreLayer } from "../../src/store/store.js"
import { freshStoreLocation } from "../support/test-store.js"

// Several real worker processes on one store (a SQLite file, or a PostgreSQL database; the built core: run `tsc -b` first, as
// `npm test` does): no item is answered twice, and the items of a worker killed with SIGKILL come
// back once its lease has run out, and not before.

const workerScript = fileURLToPath(new URL("./support/queue-worker.mjs", import.meta.url))
const dirs: Array<{ remove: () => void }> = []
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

const T0 = Date.parse("2027-01-01T00:00:00.000Z")
const minute = 60_000

const startWorker = (env: Record<string, string>): { readonly child: ChildProcess; readonly done: Promise<{ code: number | null; stdout: string; stderr: string }> } => {
  const child = spawn(process.execPath, [workerScript], { env: { PATH: process.env["PATH"] ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] })
  let stdout = ""
  let stderr = ""
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })))
  return { child, done }
}

/** The item ids a worker's log holds, one per answer. */
const answered = (log: string): Array<number> =>
  existsSync(log) ? readFileSync(log, "utf8").split("\n").filter((l) => l !== "").map((l) => Number(l.split(" ")[0])) : []

const setUp = (count: number) => {
  const dir = makeTempDir()
  dirs.push(dir)
  const db = freshStoreLocation(dir.path)
  return Effect.gen(function* () {
    yield* TestClock.setTime(T0)
    for (let i = 0; i < count; i++)
      yield* i % 2 === 0 ? addToQueue({ kind: "soundtrack", query: { title: `Film ${i}` } as never }) : addToQueue({ kind: "label", query: { title: `Track ${i}`, artist: "DJ" } })
    return { dir: dir.path, db }
  }).pipe(Effect.provide(StoreLayer.at(db)))
}

const items = (db: string, now: number) => listQueueItems({ now: new Date(now).toISOString() }).pipe(Effect.provide(StoreLayer.at(db)))

describe("queue workers in several processes on one store", () => {
  it.effect("four workers at once answer every item exactly once", () =>
    Effect.gen(function* () {
      const { dir, db } = yield* setUp(160)
      const logs = [0, 1, 2, 3].map((i) => join(dir, `worker-${i}.log`))
      const runs = yield* Effect.promise(() =>
        Promise.all(logs.map((log, i) => startWorker({ LINER_DB: db, WORKER_LOG: log, WORKER_NOW: String(T0 + minute), WORKER_CLAIM: String(1 + (i % 3)) }).done))
      )
      for (const run of runs) expect(run).toMatchObject({ code: 0, stderr: "" })
      const all = logs.flatMap(answered)
      expect(all).toHaveLength(160)
      expect(new Set(all).size).toBe(160)
      // They did run side by side: the work was shared.
      expect(logs.filter((log) => answered(log).length > 0).length).toBeGreaterThan(1)
      // Each worker's own summary agrees with what it logged, and none lost a lease.
      runs.forEach((run, i) => expect(JSON.parse(run.stdout)).toMatchObject({ tried: answered(logs[i]!).length, found: answered(logs[i]!).length, lost: 0 }))
      expect((yield* items(db, T0 + minute)).every((item) => item.status === "done")).toBe(true)
    })
  )

  it.effect("a worker killed with SIGKILL holding items: they stay with it until its lease runs out, then another worker answers them once", () =>
    Effect.gen(function* () {
      const { dir, db } = yield* setUp(12)
      const holder = startWorker({ LINER_DB: db, WORKER_MODE: "hold", WORKER_CLAIM: "4", WORKER_NOW: String(T0) })
      yield* Effect.promise(
        () => new Promise<void>((resolve) => holder.child.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("holding") && resolve()))
      )
      holder.child.kill("SIGKILL")
      expect((yield* Effect.promise(() => holder.done)).code).toBeNull()
      const held = (yield* items(db, T0 + minute)).filter((i) => i.status === "in_progress").map((i) => i.id)
      expect(held).toHaveLength(4)

      // Nine minutes later the lease (10 minutes) still holds: another worker answers only the rest.
      const early = join(dir, "early.log")
      expect((yield* Effect.promise(() => startWorker({ LINER_DB: db, WORKER_LOG: early, WORKER_NOW: String(T0 + 9 * minute) }).done)).code).toBe(0)
      expect(answered(early)).toHaveLength(8)
      expect(answered(early).filter((id) => held.includes(id))).toEqual([])

      // After the lease, the dead worker's items come back and are answered.
      const late = join(dir, "late.log")
      expect((yield* Effect.promise(() => startWorker({ LINER_DB: db, WORKER_LOG: late, WORKER_NOW: String(T0 + 11 * minute) }).done)).code).toBe(0)
      expect(answered(late).sort((a, b) => a - b)).toEqual(held.sort((a, b) => a - b))
      const all = [...answered(early), ...answered(late)]
      expect(new Set(all).size).toBe(all.length)
      expect((yield* items(db, T0 + 11 * minute)).every((item) => item.status === "done")).toBe(true)
    })
  )
})
