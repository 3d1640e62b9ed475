import {
  Answer,
  decide,
  type LabelFinding,
  type LabelQuery,
  normalizeText,
  RequestMeter,
  type ScoredCandidate,
  type Tier,
  TierFailure
} from "@liner/core"
import { Effect, Either, Option, Ref } from "effect"
import type { ScraperConfig } from "../config.js"
import type { FetchedPage } from "../fetch/fetched-page.js"
import type { SiteClient, SiteFailure } from "../fetch/site-client.js"
import { displayTitle, type StoreTrackHit } from "../hit.js"
import type { PageProblem } from "../parse/page-problem.js"
import { scoreHit, searchText } from "./scoring.js"
import type { GetPage, StoreAdapter } from "./store-adapter.js"

/**
 * Confidence of a store answer: 0.8 × the match score, so at most 0.8. Scraped store listings
 * are the last resort of the label cascade and rank below a label written in the title and
 * below MusicBrainz; an accepted match (score ≥ 0.85 by default) lands between 0.68 and 0.8.
 */
export const storeConfidence = (score: number): number => Math.round(0.8 * score * 1000) / 1000

interface Scored {
  readonly hit: StoreTrackHit
  readonly score: number
  /** Title and version spelled as in the query: breaks ties between versions of one title. */
  readonly exact: boolean
}

const byScore = (a: Scored, b: Scored): number => b.score - a.score || Number(b.exact) - Number(a.exact)

const describe = (s: Scored): string =>
  `${s.hit.label ?? "label unknown"} (${s.hit.artists.join(", ")} – ${displayTitle(s.hit)})`

/**
 * One candidate per label: two versions of a title on the same label agree, they do not
 * compete. A track whose label stayed unknown is a candidate of its own (it may disagree).
 */
const candidatesByLabel = (scored: ReadonlyArray<Scored>): ReadonlyArray<ScoredCandidate<Scored>> => {
  const best = new Map<string, Scored>()
  scored.forEach((s, i) => {
    const key = s.hit.label === null ? `\u0000unknown-${i}` : normalizeText(s.hit.label)
    const seen = best.get(key)
    if (seen === undefined || byScore(s, seen) < 0) best.set(key, s)
  })
  return [...best.values()].map((s) => ({ candidate: s, score: s.score, label: describe(s) }))
}

const tierFailure = (tier: string, requests: number) => (e: SiteFailure | PageProblem): TierFailure => {
  const counted = { tier, requests }
  switch (e._tag) {
    case "PageBlocked":
      return new TierFailure({ ...counted, reason: e.message, retryable: true, kind: "blocked" })
    case "PageChanged":
      return new TierFailure({ ...counted, reason: e.message, retryable: false, kind: "bad_payload" })
    case "SiteFailure":
      switch (e.kind) {
        case "blocked":
        case "forbidden":
        case "robots":
          return new TierFailure({ ...counted, reason: e.reason, retryable: true, kind: "blocked" })
        case "rate_limited":
          return new TierFailure({
            ...counted,
            reason: e.reason,
            retryable: true,
            kind: "rate_limited",
            ...(e.retryAfterMs === undefined ? {} : { retryAfterMs: e.retryAfterMs })
          })
        case "server":
          return new TierFailure({ ...counted, reason: e.reason, retryable: true, kind: "server" })
        case "timeout":
          return new TierFailure({ ...counted, reason: e.reason, retryable: true, kind: "timeout" })
        case "network":
          return new TierFailure({ ...counted, reason: e.reason, retryable: true, kind: "network" })
      }
  }
}

/** Each URL fetched at most once per lookup (a track page may serve both label and cat#). */
const memoized = (client: SiteClient): GetPage => {
  const pages = new Map<string, FetchedPage>()
  return (url) => {
    const seen = pages.get(url)
    return seen !== undefined ? Effect.succeed(seen) : Effect.tap(client.get(url), (page) => Effect.sync(() => pages.set(url, page)))
  }
}

/**
 * A label tier over one store: search by artist and title, score every track, learn the label
 * of close contenders that lack one from their own pages, then decide per label (precision
 * over recall: too close is "ambiguous"). The winner's catalogue number is fetched from its
 * pages when the search did not show it.
 */
export const makeStoreLabelTier = (
  adapter: StoreAdapter,
  client: SiteClient,
  config: Pick<ScraperConfig, "matchRule" | "maxDetailLookups">
): Tier<LabelQuery, LabelFinding> => {
  const rule = config.matchRule
  const run = (query: LabelQuery): Effect.Effect<Answer<LabelFinding>, SiteFailure | PageProblem> =>
    Effect.gen(function* () {
      const text = searchText(query)
      const get = memoized(client)
      const page = yield* get(adapter.searchUrl(text))
      const hits = adapter.parseSearch(page)
      if (Either.isLeft(hits)) return yield* Effect.fail(hits.left)
      if (hits.right.length === 0) return Answer.notFound(`no ${adapter.site} results for "${text}"`)

      const wanted = normalizeText(query.title)
      let scored = hits.right
        .map((hit) => ({ hit, score: scoreHit(query, hit), exact: normalizeText(displayTitle(hit)) === wanted }))
        .sort(byScore)
      const top = scored[0]?.score ?? 0
      const contenders = scored
        .filter((s) => s.hit.label === null && s.score >= rule.minScore && s.score >= top - rule.minMargin)
        .slice(0, config.maxDetailLookups)
      for (const c of contenders) {
        const completed = yield* adapter.complete(c.hit, get)
        scored = scored.map((s) => (s === c ? { ...s, hit: completed } : s))
      }

      const decision = decide(candidatesByLabel(scored), rule)
      switch (decision._tag) {
        case "Ambiguous":
          return Answer.ambiguous(decision.candidates)
        case "NoMatch":
          return Answer.notFound(
            decision.best === undefined
              ? `no ${adapter.site} result matches`
              : `best ${adapter.site} result ${decision.best.label} scored ${decision.best.score.toFixed(2)}`
          )
        case "Accepted": {
          const { hit, score } = decision.candidate
          if (hit.label === null) return Answer.notFound(`the best ${adapter.site} result shows no label: ${describe(decision.candidate)}`)
          // The catalogue number is a bonus: a page that cannot be had does not undo the answer.
          const full = hit.catalogNumber === null ? yield* Effect.orElseSucceed(adapter.complete(hit, get), () => hit) : hit
          const finding: LabelFinding = {
            label: hit.label,
            catalogNumber: full.catalogNumber,
            evidence: {
              url: hit.url,
              matchedTitle: displayTitle(hit),
              matchedArtists: hit.artists,
              score: Math.round(score * 1000) / 1000
            }
          }
          return Answer.found(finding, "search", storeConfidence(score))
        }
      }
    })

  return {
    name: adapter.site,
    risk: "scrape",
    lookup: (query) =>
      Effect.gen(function* () {
        // The cascade provides a request meter; a direct call gets its own, so failures can say how many requests they cost.
        const meter = Option.getOrElse(yield* Effect.serviceOption(RequestMeter), () => Ref.unsafeMake(0))
        return yield* run(query).pipe(
          Effect.catchIf(
            (e): e is SiteFailure => e._tag === "SiteFailure" && e.kind === "robots",
            (e) => Effect.succeed(Answer.skipped(`${adapter.site}: ${e.reason} (${e.url})`))
          ),
          Effect.catchAll((e) => Effect.flatMap(Ref.get(meter), (n) => Effect.fail(tierFailure(adapter.site, n)(e)))),
          Effect.provideService(RequestMeter, meter)
        )
      })
  }
}
