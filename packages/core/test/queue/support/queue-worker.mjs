// A queue worker in a process of its own, on the built core (`@liner/core`'s dist), for the tests
// that share one SQLite file between real processes. Configured by environment:
//   LINER_DB       the store
//   WORKER_LOG     a file this worker appends "<item id> <pid>" to for every item it answers
//   WORKER_MODE    "work" (answer every due item "found") or "hold" (claim WORKER_CLAIM items,
//                  print "holding" and never answer: the test kills it with SIGKILL)
//   WORKER_NOW     optional epoch ms the worker's clock stands at (the test moves time this way)
//   WORKER_CLAIM   items claimed at a time (default 1)
import { runQueue, StoreLayer } from "@liner/core"
import { Effect, TestClock, TestContext } from "effect"
import { appendFileSync } from "node:fs"

const env = process.env
const mode = env.WORKER_MODE ?? "work"
const claimSize = Number(env.WORKER_CLAIM ?? "1")

// A few milliseconds of real time per item, so that concurrent workers interleave.
const pause = () => Effect.promise(() => new Promise((resolve) => setTimeout(resolve, Math.random() * 3)))

const answer = (item) =>
  mode === "hold"
    ? Effect.sync(() => process.stdout.write("holding\n")).pipe(Effect.andThen(Effect.never))
    : pause().pipe(
        Effect.tap(() => appendFileSync(env.WORKER_LOG, `${item.id} ${process.pid}\n`)),
        Effect.as({ outcome: "found", detail: null, result: null })
      )

const program = runQueue({ kinds: ["soundtrack", "label"], claimSize, answer }).pipe(
  Effect.tap((summary) => Effect.sync(() => process.stdout.write(`${JSON.stringify(summary)}\n`))),
  Effect.provide(StoreLayer.at(env.LINER_DB))
)

const clocked =
  env.WORKER_NOW === undefined ? program : TestClock.setTime(Number(env.WORKER_NOW)).pipe(Effect.andThen(program), Effect.provide(TestContext.TestContext))

Effect.runPromise(clocked).catch((error) => {
  process.stderr.write(`${String(error)}\n`)
  process.exit(1)
})
