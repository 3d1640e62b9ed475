import { Effect, Either } from "effect"
import type { SiteClient } from "./fetch/site-client.js"
import type { StoreSite } from "./site.js"
import type { StoreAdapter } from "./tier/store-adapter.js"

/**
 * `ok`: the search page parsed and showed tracks with title, artists and label.
 * `blocked`: a challenge, bot check, 403 or robots.txt stood in the way.
 * `changed`: the page came but the fields the parser reads are missing.
 * `unavailable`: no usable answer (network error, timeout, 429, 5xx): try again later.
 */
export type ScrapeCheckStatus = "ok" | "blocked" | "changed" | "unavailable"

export interface ScrapeCheckResult {
  readonly site: StoreSite
  readonly status: ScrapeCheckStatus
  readonly detail: string
}

/**
 * Fetches one known search page from a store (no retries: this is a diagnosis) and says
 * whether the scraper can still read it.
 */
export const checkStore = (adapter: StoreAdapter, client: SiteClient, query: string): Effect.Effect<ScrapeCheckResult> => {
  const site = adapter.site
  const url = adapter.searchUrl(query)
  return client.get(url, { retries: false }).pipe(
    Effect.map((page): ScrapeCheckResult => {
      const parsed = adapter.parseSearch(page)
      if (Either.isLeft(parsed)) {
        const problem = parsed.left
        return problem._tag === "PageBlocked"
          ? { site, status: "blocked", detail: problem.reason }
          : { site, status: "changed", detail: problem.reason }
      }
      const hits = parsed.right
      if (hits.length === 0) return { site, status: "changed", detail: `no tracks found for the check query "${query}"` }
      const readable = hits.filter((h) => h.title !== "" && h.artists.length > 0)
      if (readable.length === 0) return { site, status: "changed", detail: `${hits.length} tracks but none with title and artists` }
      const labelled = readable.filter((h) => h.label !== null)
      if (labelled.length === 0) return { site, status: "changed", detail: `${hits.length} tracks but none shows a label` }
      const first = labelled[0]
      return {
        site,
        status: "ok",
        detail: `${hits.length} tracks, ${labelled.length} with a label; first: ${first?.artists.join(", ")} – ${first?.title} [${first?.label}]`
      }
    }),
    Effect.catchAll((e) =>
      Effect.succeed<ScrapeCheckResult>({
        site,
        status: e.kind === "blocked" || e.kind === "forbidden" || e.kind === "robots" ? "blocked" : "unavailable",
        detail: e.reason
      })
    )
  )
}
