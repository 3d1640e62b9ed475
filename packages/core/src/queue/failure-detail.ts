import type { Attempt } from "../domain/attempt.js"

/**
 * Why a lookup did not answer, for an item's `lastError` and history: the tiers that failed and
 * why ("musicbrainz: 503 from musicbrainz after 4 tries"), or null when every tier answered.
 */
export const failureDetail = (attempts: ReadonlyArray<Attempt>): string | null => {
  const failed = attempts.filter((a) => a.outcome === "failed").map((a) => `${a.tier}: ${a.detail ?? a.kind ?? "failed"}`)
  return failed.length === 0 ? null : failed.join("; ")
}
