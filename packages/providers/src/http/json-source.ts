import type { TierFailure } from "@liner/core"

/**
 * What differs from one JSON source to the next; everything else (transport, body, parsing,
 * decoding, timeouts, retries) is the shared discipline of `sendJson` and `retried`.
 */
export interface JsonSource<E> {
  /** The tier the failures belong to: "musicbrainz", "spotify". */
  readonly tier: string
  /** The source's short explanation in a JSON error body (`{"error": …}`), if any. */
  readonly errorMessage: (body: unknown) => string | undefined
  /**
   * Statuses this source reads its own way (404 is "no such entity" for MusicBrainz, 401 a stale
   * token for Spotify): the error to fail with, or undefined for the common rules.
   * `message` is the server's explanation ("" when none).
   */
  readonly onStatus?: (status: number, message: string, what: string) => E | TierFailure | undefined
}
