import type { LabelResult } from "../domain/label.js"
import type { SoundtrackResult } from "../domain/soundtrack.js"
import type { LookupOutcome } from "./enter-queue.js"
import { failureDetail } from "./failure-detail.js"

export interface OutcomeOf {
  readonly outcome: LookupOutcome
  /** Why a source failed, for an `unavailable`. */
  readonly detail: string | null
}

/** A soundtrack answer as the queue sees it: found (a stale answer too), not found, or unavailable. */
export const soundtrackOutcome = (result: SoundtrackResult): OutcomeOf => ({
  outcome: result.status,
  detail: result.status === "unavailable" ? failureDetail(result.attempts) : null
})

/**
 * A label answer as the queue sees it: a track that already carries a label is answered; a store's
 * bot check is a source that failed (worth trying again), like any other failure.
 */
export const labelOutcome = (result: LabelResult): OutcomeOf => {
  switch (result.status) {
    case "found":
    case "skipped":
      return { outcome: "found", detail: null }
    case "not_found":
      return { outcome: "not_found", detail: null }
    case "unavailable":
    case "blocked":
      return { outcome: "unavailable", detail: failureDetail(result.attempts) ?? result.status }
  }
}
