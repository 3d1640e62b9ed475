import type { Effect, Either } from "effect"
import type { FetchedPage } from "../fetch/fetched-page.js"
import type { SiteFailure } from "../fetch/site-client.js"
import type { StoreTrackHit } from "../hit.js"
import type { PageProblem } from "../parse/page-problem.js"
import type { StoreSite } from "../site.js"

/** Fetches a page within one lookup (each URL at most once). */
export type GetPage = (url: string) => Effect.Effect<FetchedPage, SiteFailure>

/** What the label tier needs to know about one store. */
export interface StoreAdapter {
  readonly site: StoreSite
  /** The search page for a free-text query (artist and title). */
  readonly searchUrl: (text: string) => string
  readonly parseSearch: (page: FetchedPage) => Either.Either<ReadonlyArray<StoreTrackHit>, PageProblem>
  /**
   * The hit with its missing label and catalogue number filled in from the store's own pages
   * (track, product or title page). Pages that are missing or unreadable leave the hit as it was;
   * a blocked page fails.
   */
  readonly complete: (hit: StoreTrackHit, get: GetPage) => Effect.Effect<StoreTrackHit, SiteFailure>
}

/** Fills only what the hit lacks. */
export const fillMissing = (
  hit: StoreTrackHit,
  more: { readonly label?: string | null; readonly catalogNumber?: string | null; readonly release?: string | null; readonly releaseDate?: string | null }
): StoreTrackHit => ({
  ...hit,
  label: hit.label ?? more.label ?? null,
  catalogNumber: hit.catalogNumber ?? more.catalogNumber ?? null,
  release: hit.release ?? more.release ?? null,
  releaseDate: hit.releaseDate ?? more.releaseDate ?? null
})
