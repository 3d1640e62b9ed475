import {
  bestEffort,
  type Attempt,
  clearMiss,
  emptySoundtrackResult,
  type CascadeStep,
  type FilmQuery,
  type FindOptions,
  findFreshMiss,
  logLookup,
  type MatchedBy,
  recordMiss,
  runCascade,
  saveSoundtrack,
  skippedAttempt,
  type Soundtrack,
  SoundtrackFinder,
  type SoundtrackResult,
  type SoundtrackSource,
  Store,
  type Tier
} from "@liner/core"
import { Clock, Duration, Effect, Layer, Option, Ref } from "effect"
import { curatedTier } from "../local/curated-tier.js"
import { filmRefFor, missKey } from "./film-ref.js"
import type { FoundSoundtrack } from "./found-soundtrack.js"
import { cacheTier, findStale, pinnedTier } from "./stored-tiers.js"
import { WikidataAttemptLog, withWikidataAttempt } from "../wikidata/attempt-log.js"
import { withoutFilledCredits } from "../wikidata/credit-fill.js"

/** A network tier and how long the cascade gives it, retries included. */
export interface NetworkTier<R> {
  readonly tier: Tier<FilmQuery, Soundtrack, R>
  readonly timeout: Duration.DurationInput
}

export interface FinderSettings<R> {
  /** Absent: turned off by configuration (`USE_MUSICBRAINZ=false`); the reason is recorded. */
  readonly musicbrainz: Option.Option<NetworkTier<R>>
  readonly musicbrainzOff?: string
  readonly spotify: Option.Option<NetworkTier<R>>
  /** Discogs, between the curated database and Spotify (it has credits; Spotify has none). Absent: not in this cascade. */
  readonly discogs?: Option.Option<NetworkTier<R>>
  /** `CACHE_MUSICBRAINZ=false` stops writing MusicBrainz answers to the store. */
  readonly cacheMusicBrainz: boolean
  readonly positiveTtl: Duration.DurationInput
  readonly negativeTtl: Duration.DurationInput
}

export const defaultTtls = { positiveTtl: Duration.days(90), negativeTtl: Duration.days(7) } as const


const asFound = <R>(network: NetworkTier<R>, origin: "musicbrainz" | "spotify" | "discogs"): CascadeStep<FilmQuery, FoundSoundtrack, R> => ({
  tier: {
    name: network.tier.name,
    risk: network.tier.risk,
    lookup: (query) =>
      network.tier.lookup(query).pipe(
        Effect.map((answer) => (answer._tag === "Found" ? { ...answer, value: { soundtrack: answer.value, origin, fetchedAt: null } } : answer))
      )
  },
  timeout: network.timeout
})

/** A tier that only reads the store: no timer (see CascadeStep.timeout). */
const local = <A>(tier: Tier<FilmQuery, A, Store>): CascadeStep<FilmQuery, A, Store> => ({ tier })

const foundResult = (
  query: FilmQuery,
  source: SoundtrackSource,
  found: { readonly value: FoundSoundtrack; readonly matchedBy: string; readonly confidence: number },
  attempts: ReadonlyArray<Attempt>,
  now: string,
  stale: boolean
): SoundtrackResult => ({
  ...emptySoundtrackResult(query, "found", attempts),
  source,
  matchedBy: found.matchedBy as MatchedBy,
  confidence: Math.round(found.confidence * 1000) / 1000,
  stale,
  fetchedAt: found.value.fetchedAt ?? now,
  origin: found.value.origin,
  album: found.value.soundtrack.album,
  // Every track names both sources' ids (null when unknown), fresh or stored alike.
  tracks: found.value.soundtrack.tracks.map((t) => ({ ...t, musicbrainz: t.musicbrainz ?? null, spotify: t.spotify ?? null })),
  alternatives: found.value.soundtrack.alternatives
})

const addDays = (now: number, ttl: Duration.DurationInput) => new Date(now + Duration.toMillis(ttl)).toISOString()


/**
 * The soundtrack cascade: pinned → fresh cache → MusicBrainz → local curated → Discogs → Spotify, then a
 * stale cached answer when sources *failed*, else `unavailable`. Network answers are written back.
 */
export const makeSoundtrackFinder = <R>(settings: FinderSettings<R>) =>
  Effect.gen(function* () {
    const context = yield* Effect.context<Store | R>()

    const find = (query: FilmQuery, options: FindOptions = {}): Effect.Effect<SoundtrackResult, never, Store | R> =>
      Effect.gen(function* () {
        const startedMs = yield* Clock.currentTimeMillis
        const now = new Date(startedMs).toISOString()
        const key = missKey(query)
        const remembered = options.refresh === true ? Option.none() : yield* findFreshMiss(key, now).pipe(Effect.orElseSucceed(() => Option.none()))

        const steps: Array<CascadeStep<FilmQuery, FoundSoundtrack, Store | R>> = [local(pinnedTier)]
        if (options.refresh !== true) steps.push(local(cacheTier(now)))
        const skipped: Array<Attempt> = []
        const networkOff = options.offline === true ? "offline" : Option.isSome(remembered) ? `not found on ${remembered.value.fetchedAt}; asked again after ${remembered.value.expiresAt}` : undefined
        if (networkOff !== undefined || Option.isNone(settings.musicbrainz))
          skipped.push(skippedAttempt("musicbrainz", networkOff ?? settings.musicbrainzOff ?? "turned off"))
        else steps.push(asFound(settings.musicbrainz.value, "musicbrainz"))
        steps.push(local(curatedTier()))
        if (settings.discogs !== undefined) {
          if (networkOff !== undefined) skipped.push(skippedAttempt("discogs", networkOff))
          else if (Option.isSome(settings.discogs)) steps.push(asFound(settings.discogs.value, "discogs"))
        }
        if (networkOff !== undefined) skipped.push(skippedAttempt("spotify", networkOff))
        else if (Option.isSome(settings.spotify)) steps.push(asFound(settings.spotify.value, "spotify"))

        // The Wikidata step runs inside MusicBrainz's and leaves its attempt here.
        const wikidataLog = yield* Ref.make(Option.none<Attempt>())
        const outcome = yield* runCascade(steps, query).pipe(Effect.provideService(WikidataAttemptLog, wikidataLog))
        const attempts = withWikidataAttempt([...outcome.attempts, ...skipped], yield* Ref.get(wikidataLog))
        const result = yield* Option.match(outcome.hit, {
          onSome: (hit) =>
            Effect.gen(function* () {
              const origin = hit.found.value.origin
              const fresh = hit.found.value.fetchedAt === null
              if (fresh && (origin === "spotify" || origin === "discogs" || (origin === "musicbrainz" && settings.cacheMusicBrainz))) {
                yield* bestEffort(
                  "cannot cache the answer",
                  saveSoundtrack({
                    film: filmRefFor(query, hit.found.value.soundtrack),
                    origin,
                    // The store has no place for a credit's source yet: Wikidata's filled credits are not kept.
                    soundtrack: withoutFilledCredits(hit.found.value.soundtrack),
                    matchedBy: hit.found.matchedBy as MatchedBy,
                    confidence: hit.found.confidence,
                    fetchedAt: now,
                    expiresAt: addDays(startedMs, settings.positiveTtl)
                  })
                )
                yield* bestEffort("cannot clear the remembered miss", clearMiss(key))
              }
              return foundResult(query, hit.tier as SoundtrackSource, hit.found, attempts, now, false)
            }),
          onNone: () =>
            Effect.gen(function* () {
              if (outcome.failures.length > 0) {
                const stale = yield* findStale(query).pipe(Effect.orElseSucceed(() => undefined))
                if (stale !== undefined && stale._tag === "Found") return foundResult(query, "cache", stale, attempts, now, true)
                return emptySoundtrackResult(query, "unavailable", attempts)
              }
              const askedNetwork = attempts.some((a) => (a.tier === "musicbrainz" || a.tier === "discogs" || a.tier === "spotify") && a.outcome !== "skipped")
              // Wikidata failed: it might have named the album, so the miss is not remembered.
              const wikidataFailed = attempts.some((a) => a.tier === "wikidata" && a.outcome === "failed")
              if (askedNetwork && !wikidataFailed)
                yield* bestEffort("cannot remember the miss", recordMiss({ queryKey: key, query, fetchedAt: now, expiresAt: addDays(startedMs, settings.negativeTtl) }))
              return emptySoundtrackResult(query, "not_found", attempts)
            })
        })
        const finishedMs = yield* Clock.currentTimeMillis
        yield* bestEffort(
          "cannot log the lookup",
          logLookup({ kind: "soundtrack", query, status: result.status, source: result.source, startedAt: now, durationMs: finishedMs - startedMs, attempts: result.attempts })
        )
        return result
      })

    return SoundtrackFinder.of({ find: (query, options) => find(query, options).pipe(Effect.provide(context)) })
  })

export const soundtrackFinderLayer = <R>(settings: FinderSettings<R>): Layer.Layer<SoundtrackFinder, never, Store | R> =>
  Layer.effect(SoundtrackFinder, makeSoundtrackFinder(settings))
