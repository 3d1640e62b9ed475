import { type Attempt, FailedTries, type FailureKind, RequestMeter, TierFailure } from "@liner/core"
import { Duration, Effect, Option, Ref } from "effect"
import { recordWikidataAttempt, skipWikidata } from "./attempt-log.js"
import { WikidataClient, wikidataTierName } from "./client.js"
import { isImdbTitleId, releaseGroupIdsOf } from "./query.js"
import type { WikidataFilm } from "./schemas.js"

/**
 * The Wikidata step for one film, run inside the MusicBrainz step: ask (or read the store),
 * record its attempt with its own request count and failed tries (they are not MusicBrainz's),
 * and never fail — Wikidata is evidence; when it cannot answer, the title search goes on.
 */

const describe = (film: WikidataFilm): string => {
  const groups = releaseGroupIdsOf(film)
  const parts = [
    `${film.item}${film.label === null ? "" : ` "${film.label}"`}`,
    groups.length === 0 ? "no MusicBrainz release group" : `release group ${groups.join(", ")}`,
    ...(film.composers.length === 0 ? [] : [`composer ${film.composers.join(", ")}`]),
    ...(film.lyricists.length === 0 ? [] : [`lyricist ${film.lyricists.join(", ")}`])
  ]
  return parts.join("; ")
}

/** The film's Wikidata item for this IMDb id, or none (not there, turned off, not configured, or failed: the attempt says which). */
export const wikidataFilmStep = (imdbId: string): Effect.Effect<Option.Option<WikidataFilm>> =>
  Effect.gen(function* () {
    const client = yield* Effect.serviceOption(WikidataClient)
    if (Option.isNone(client)) {
      yield* skipWikidata("not configured")
      return Option.none()
    }
    if (!isImdbTitleId(imdbId)) {
      yield* skipWikidata(`"${imdbId}" is not an IMDb title id`)
      return Option.none()
    }
    if (!client.value.settings.enabled) {
      yield* skipWikidata("turned off (USE_WIKIDATA=false)")
      return Option.none()
    }
    const meter = yield* Ref.make(0)
    const failedLog = yield* Ref.make<ReadonlyArray<FailureKind>>([])
    const budget = client.value.settings.budget
    const [elapsed, result] = yield* client.value.film(imdbId).pipe(
      Effect.timeoutFail({
        duration: budget,
        onTimeout: () => new TierFailure({ tier: wikidataTierName, reason: `no answer within ${Duration.format(budget)}`, retryable: true, kind: "timeout" })
      }),
      Effect.either,
      Effect.provideService(RequestMeter, meter),
      Effect.provideService(FailedTries, failedLog),
      Effect.timed
    )
    const requests = yield* Ref.get(meter)
    const failedTries = yield* Ref.get(failedLog)
    const base = {
      tier: wikidataTierName,
      durationMs: Math.round(Duration.toMillis(elapsed)),
      ...(requests > 0 ? { requests } : {}),
      ...(failedTries.length > 0 ? { failedTries } : {})
    }
    if (result._tag === "Left") {
      const failure = result.left
      const attempt: Attempt = { ...base, outcome: "failed", detail: failure.reason, ...(failure.kind === undefined ? {} : { kind: failure.kind }) }
      yield* recordWikidataAttempt(attempt)
      return Option.none()
    }
    const answer = result.right
    const from = answer.cached ? ` (as fetched on ${answer.fetchedAt})` : ""
    const attempt: Attempt = Option.match(answer.film, {
      onNone: () => ({ ...base, outcome: "not_found" as const, detail: `no film with IMDb id ${imdbId}${from}` }),
      onSome: (film) => ({ ...base, outcome: "found" as const, detail: `${describe(film)}${from}` })
    })
    yield* recordWikidataAttempt(attempt)
    return answer.film
  })
