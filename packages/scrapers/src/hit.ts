import type { StoreSite } from "./site.js"

/**
 * One track as a store lists it, reduced to what label matching needs. Every parser's typed
 * result converts to this; the tier scores these against the query.
 */
export interface StoreTrackHit {
  readonly site: StoreSite
  /** The title without its version. */
  readonly title: string
  /** The version as the store writes it ("Original Mix", "extended mix", "Jonas Ørsted Remix"), if any. */
  readonly mix: string | null
  readonly artists: ReadonlyArray<string>
  readonly remixers: ReadonlyArray<string>
  readonly label: string | null
  readonly catalogNumber: string | null
  readonly release: string | null
  /** `YYYY-MM-DD`. */
  readonly releaseDate: string | null
  /** The track's (or its release's) page on the store. */
  readonly url: string
  /** The release's page, when the listing tells it (it may hold the label and catalogue number). */
  readonly releaseUrl: string | null
}

/** `Title (Mix)` as a person would write it, for scoring and evidence. */
export const displayTitle = (hit: Pick<StoreTrackHit, "title" | "mix">): string =>
  hit.mix === null || hit.mix === "" ? hit.title : `${hit.title} (${hit.mix})`
