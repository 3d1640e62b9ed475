import { countRequest, parseRetryAfter, type RetryPolicy, retrySchedule } from "@liner/core"
import { Clock, Data, Duration, Effect, Option } from "effect"
import type { StoreSite } from "../site.js"
import { challengeReason } from "./block-detection.js"
import { type PageFetcher } from "./crawlee-fetcher.js"
import type { FetchedPage } from "./fetched-page.js"
import type { SiteGate } from "./site-gate.js"

export type SiteFailureKind = "blocked" | "forbidden" | "rate_limited" | "server" | "network" | "timeout" | "robots"

/** A store page could not be had. `retryable` here means "worth retrying within this lookup". */
export class SiteFailure extends Data.TaggedError("SiteFailure")<{
  readonly site: StoreSite
  readonly url: string
  readonly kind: SiteFailureKind
  readonly reason: string
  readonly retryable: boolean
  readonly retryAfterMs?: number
}> {
  override get message(): string {
    return `${this.site}: ${this.reason}`
  }
}

export interface SiteClientOptions {
  readonly site: StoreSite
  readonly fetcher: PageFetcher
  readonly gate: SiteGate
  readonly retry: RetryPolicy
  /** How long a site stays untouched after it answered with a challenge. */
  readonly blockedCooldown: Duration.Duration
}

export interface SiteClient {
  readonly site: StoreSite
  /**
   * A page of the site, paced by its gate, counted on the request meter, with bounded retries
   * (jittered exponential backoff, never sooner than Retry-After) after 429, 5xx, plain 403,
   * network errors and timeouts. A challenge page is never retried: it fails "blocked" at once
   * and suspends the site. Other statuses (200, 404) are returned to the caller.
   */
  readonly get: (url: string, options?: { readonly retries?: boolean }) => Effect.Effect<FetchedPage, SiteFailure>
}


export const makeSiteClient = (options: SiteClientOptions): SiteClient => {
  const { site, fetcher, gate } = options
  const backoffMs = Duration.toMillis(Duration.decode(options.retry.base))

  const classify = (url: string, page: FetchedPage, now: number): Effect.Effect<FetchedPage, SiteFailure> => {
    const challenge = challengeReason(page)
    if (challenge !== null) {
      return gate
        .suspend(Duration.toMillis(options.blockedCooldown), challenge)
        .pipe(Effect.zipRight(Effect.fail(new SiteFailure({ site, url, kind: "blocked", reason: challenge, retryable: false }))))
    }
    const fail = (kind: SiteFailureKind, reason: string, wait?: number) =>
      gate.holdOff(wait ?? backoffMs).pipe(
        Effect.zipRight(
          Effect.fail(
            new SiteFailure({ site, url, kind, reason, retryable: true, ...(wait === undefined ? {} : { retryAfterMs: wait }) })
          )
        )
      )
    if (page.status === 429) {
      return fail("rate_limited", `HTTP 429 Too Many Requests`, Option.getOrUndefined(parseRetryAfter(page.headers["retry-after"], now)))
    }
    if (page.status === 403) return fail("forbidden", "HTTP 403 Forbidden (no challenge markers)")
    if (page.status >= 500) return fail("server", `HTTP ${page.status}`, Option.getOrUndefined(parseRetryAfter(page.headers["retry-after"], now)))
    return Effect.succeed(page)
  }

  const once = (url: string): Effect.Effect<FetchedPage, SiteFailure> =>
    gate
      .run(
        fetcher.fetch(url).pipe(
          Effect.tap((_) => countRequest),
          Effect.tapError((e) => (e.kind === "robots" ? Effect.void : countRequest)),
          Effect.mapError(
            (e) => new SiteFailure({ site, url, kind: e.kind, reason: e.reason, retryable: e.kind !== "robots" })
          ),
          Effect.flatMap((page) => Effect.flatMap(Clock.currentTimeMillis, (now) => classify(url, page, now)))
        )
      )
      .pipe(
        Effect.catchTag("SiteSuspended", (s) =>
          Effect.fail(
            new SiteFailure({ site, url, kind: "blocked", reason: `suspended after a bot check: ${s.reason}`, retryable: false })
          )
        )
      )

  return {
    site,
    get: (url, opts) => (opts?.retries === false ? once(url) : Effect.retry(once(url), retrySchedule<SiteFailure>(options.retry)))
  }
}
