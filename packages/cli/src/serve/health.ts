/** GET /health: the store answers, and what the store knows of each source: its last attempt. */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import { withDb } from "@liner/core"
import { Effect } from "effect"
import { linerApi } from "./api.js"
import { documentResponse } from "./documents.js"
import { orUnavailable } from "./lookup-handlers.js"

/** Recent attempts read to find each source's last one: every source the cascades have is among them. */
const recentAttempts = 1000

export interface SourceState {
  readonly source: string
  readonly outcome: string
  readonly at: string
  readonly detail: string | null
}

/** Each source's (tier's) last logged attempt, newest first; a store that never looked anything up has none. */
export const readSourceStates = withDb("cannot read the lookup log", (db) =>
  db
    .selectFrom("attempts")
    .innerJoin("lookups", "lookups.id", "attempts.lookup_id")
    .select(["attempts.tier", "attempts.outcome", "attempts.detail", "lookups.started_at"])
    .orderBy("attempts.id", "desc")
    .limit(recentAttempts)
    .execute()
).pipe(
  Effect.map((rows) => {
    const last = new Map<string, SourceState>()
    for (const row of rows) if (!last.has(row.tier)) last.set(row.tier, { source: row.tier, outcome: row.outcome, at: row.started_at, detail: row.detail })
    return [...last.values()]
  })
)

export const healthHandlers = HttpApiBuilder.group(linerApi, "health", (handlers) =>
  handlers.handle("health", () =>
    readSourceStates.pipe(
      Effect.map((sources) => documentResponse({ status: "ok", store: { reachable: true }, sources })),
      orUnavailable
    )
  )
)
