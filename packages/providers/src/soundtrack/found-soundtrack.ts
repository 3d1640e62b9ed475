import type { Origin, Soundtrack, StoredSoundtrack, StoreError } from "@liner/core"
import { TierFailure } from "@liner/core"

/** What every soundtrack tier hands the finder: the soundtrack and where it came from. */
export interface FoundSoundtrack {
  readonly soundtrack: Soundtrack
  readonly origin: Origin
  /** When the answer was fetched (stored answers), null for a fresh network answer. */
  readonly fetchedAt: string | null
}

export const fromStored = (stored: StoredSoundtrack): FoundSoundtrack => ({
  soundtrack: stored.soundtrack,
  origin: stored.origin,
  fetchedAt: stored.fetchedAt
})

/** A store that cannot be read is a failed tier, not a miss. */
export const storeFailure =
  (tier: string) =>
  (error: StoreError): TierFailure =>
    new TierFailure({ tier, reason: error.reason, retryable: false, kind: "unavailable" })
