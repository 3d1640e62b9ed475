/** GET /queue/stats and POST /queue/run: `liner queue stats --json` and `liner queue run --json`. */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import { type QueueKind, queueStats, runQueue, type TriedItem } from "@liner/core"
import { Clock, Effect } from "effect"
import { makeQueueAnswers } from "../batch/queue-answers.js"
import { queueKinds, queueRunDocument } from "../commands/queue.js"
import { excerpt } from "../terminal-safe.js"
import { BadInput, linerApi, Unavailable } from "./api.js"
import { documentResponse } from "./documents.js"
import { orUnavailable } from "./lookup-handlers.js"
import type { Draining } from "./shutdown.js"

const nowIso = Clock.currentTimeMillis.pipe(Effect.map((ms) => new Date(ms).toISOString()))

const limitOf = (text: string | undefined) => {
  if (text === undefined || text.trim() === "") return Effect.succeed(undefined)
  const n = /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN
  return n >= 1 ? Effect.succeed(n) : Effect.fail(new BadInput({ message: `limit must be 1 or more, not "${excerpt(text)}"` }))
}

const kindsOf = (text: string | undefined) => {
  if (text === undefined || text.trim() === "") return Effect.succeed(queueKinds)
  const kind = queueKinds.find((k) => k === text.trim())
  return kind === undefined ? Effect.fail(new BadInput({ message: `kind is one of ${queueKinds.join(", ")}, not "${excerpt(text)}"` })) : Effect.succeed<ReadonlyArray<QueueKind>>([kind])
}

export const queueHandlers = (draining: Draining) =>
  HttpApiBuilder.group(linerApi, "queue", (handlers) =>
    handlers
      .handle("stats", () => Effect.flatMap(nowIso, queueStats).pipe(Effect.map((stats) => documentResponse(stats)), orUnavailable))
      .handle("run", ({ urlParams }) =>
        Effect.scoped(
          Effect.gen(function* () {
            const limit = yield* limitOf(urlParams.limit)
            const kinds = yield* kindsOf(urlParams.kind)
            const answer = yield* makeQueueAnswers
            const tried: Array<TriedItem> = []
            const run = runQueue({ kinds, limit, answer, onTried: (item) => Effect.sync(() => void tried.push(item)) })
            // At shutdown the run is interrupted before the grace ends: its claimed items are handed back.
            const stopped = Effect.zipRight(
              draining.deadline,
              Effect.fail(new Unavailable({ message: `the server is shutting down: the run stopped after ${tried.length} item(s) and handed the rest back` }))
            )
            const summary = yield* Effect.raceFirst(run, stopped)
            // As `liner queue run` exits 75 when a source was unavailable for some item.
            return documentResponse(queueRunDocument(summary, tried), summary.unavailable > 0 ? 503 : 200)
          })
        ).pipe(orUnavailable)
      )
  )
