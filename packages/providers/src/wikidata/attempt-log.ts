import { type Attempt, skippedAttempt } from "@liner/core"
import { Context, Effect, Option, Ref } from "effect"
import { wikidataTierName } from "./client.js"

/**
 * Where the MusicBrainz step leaves the attempt of the Wikidata step it runs inside (a
 * sub-attempt: the cascade only sees MusicBrainz). The finder gives each lookup a fresh log and
 * lists the attempt after MusicBrainz's; outside a finder, recording does nothing.
 */
export class WikidataAttemptLog extends Context.Tag("@liner/providers/WikidataAttemptLog")<WikidataAttemptLog, Ref.Ref<Option.Option<Attempt>>>() {}

export const recordWikidataAttempt = (attempt: Attempt): Effect.Effect<void> =>
  Effect.serviceOption(WikidataAttemptLog).pipe(
    Effect.flatMap((log) => (Option.isSome(log) ? Ref.set(log.value, Option.some(attempt)) : Effect.void))
  )

/** Records that the Wikidata step was not run, and why. */
export const skipWikidata = (reason: string): Effect.Effect<void> => recordWikidataAttempt(skippedAttempt(wikidataTierName, reason))

/**
 * The lookup's attempts with the Wikidata attempt right after MusicBrainz's. When MusicBrainz
 * did not get as far as Wikidata (skipped, offline, failed or timed out before the IMDb link was
 * known), Wikidata is listed as skipped with that reason. No MusicBrainz attempt (an earlier tier
 * answered): nothing is added.
 */
export const withWikidataAttempt = (attempts: ReadonlyArray<Attempt>, recorded: Option.Option<Attempt>): ReadonlyArray<Attempt> => {
  const at = attempts.findIndex((a) => a.tier === "musicbrainz")
  const musicbrainz = attempts[at]
  if (musicbrainz === undefined || attempts.some((a) => a.tier === wikidataTierName)) return attempts
  const wikidata = Option.getOrElse(recorded, () =>
    skippedAttempt(
      wikidataTierName,
      musicbrainz.outcome === "skipped"
        ? musicbrainz.detail === "offline"
          ? "offline"
          : `musicbrainz skipped: ${musicbrainz.detail ?? "turned off"}`
        : `not asked: musicbrainz ${musicbrainz.outcome === "failed" ? "failed" : "ended"} before the IMDb link was known`
    )
  )
  return [...attempts.slice(0, at + 1), wikidata, ...attempts.slice(at + 1)]
}
