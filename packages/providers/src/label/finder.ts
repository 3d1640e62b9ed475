import {
  bestEffort,
  type Attempt,
  type CascadeStep,
  type CascadeOutcome,
  defaultLearnedRule,
  type LabelFinding,
  LabelFinder,
  type LabelFindOptions,
  type LabelQuery,
  type LabelResult,
  LabelSource,
  type LearnedRule,
  logLookup,
  makeLearnedTier,
  recordLabelObservation,
  runCascade,
  skippedAttempt,
  Store,
  type Tier,
  titleTier
} from "@liner/core"
import { Clock, Duration, Effect, Layer, Option, Schema } from "effect"

/** A tier of the label cascade and how long the cascade gives it, retries included. */
export interface LabelTierStep<R> {
  readonly tier: Tier<LabelQuery, LabelFinding, R>
  readonly timeout: Duration.DurationInput
}

export interface LabelFinderSettings<R> {
  /** Tier 3. Absent: turned off (`USE_MUSICBRAINZ=false`) or not wired; `musicbrainzOff` says why. */
  readonly musicbrainz: Option.Option<LabelTierStep<R>>
  readonly musicbrainzOff?: string
  /**
   * Tier 4, the store scrapers in cascade order (beatport, junodownload, traxsource). They run
   * only for lookups that ask for scraping (`--scrape`); empty: not available in this face.
   */
  readonly scrapers: ReadonlyArray<LabelTierStep<R>>
  /** When tier 2 answers (default: confidence 0.75 and 2 agreeing tracks). */
  readonly learnedRule?: LearnedRule
}

/** Generous: MusicBrainz allows one request a second, and the stores are paced seconds apart. */
export const defaultLabelTimeouts = { musicbrainz: Duration.seconds(60), scraper: Duration.seconds(120) } as const

/** Names of the scraper tiers when none are wired, so a user still sees them skipped. */
const storeNames = ["beatport", "junodownload", "traxsource"] as const

const isLabelSource = Schema.is(LabelSource)
const round = (n: number): number => Math.round(n * 1000) / 1000

/** The source that fed tier 2 when the catalogue already carried the label. */
export const knownLabelSource = "known"

/** The result with the contract's key order: query, status, label, catalogNumber, source, confidence, evidence, attempts. */
const resultOf = (query: LabelQuery, fields: Partial<LabelResult> & Pick<LabelResult, "status" | "attempts">): LabelResult => ({
  query: { title: query.title, artist: query.artist ?? null, labelKnown: query.labelKnown ?? null },
  status: fields.status,
  label: fields.label ?? null,
  catalogNumber: fields.catalogNumber ?? null,
  source: fields.source ?? null,
  confidence: fields.confidence ?? null,
  evidence: fields.evidence ?? {},
  attempts: fields.attempts
})


/** No hit: a store's bot check outranks other failures (the user may act on it); failures outrank misses. */
const missStatus = (outcome: CascadeOutcome<LabelFinding>): LabelResult["status"] =>
  outcome.failures.some((f) => f.kind === "blocked") ? "blocked" : outcome.failures.length > 0 ? "unavailable" : "not_found"

/**
 * The label cascade: title → learned → MusicBrainz → store scrapers (opt-in). Tracks that already
 * carry a label are skipped unless forced. Every accepted label, and every label a track already
 * carried, is remembered per artist and feeds tier 2 ("learned" answers themselves do not, so the
 * tier cannot reinforce its own guesses).
 */
export const makeLabelFinder = <R>(settings: LabelFinderSettings<R>) =>
  Effect.gen(function* () {
    const context = yield* Effect.context<Store | R>()
    const learnedTier = makeLearnedTier(settings.learnedRule ?? defaultLearnedRule)
    const scraperNames: ReadonlyArray<string> = settings.scrapers.length > 0 ? settings.scrapers.map((s) => s.tier.name) : storeNames
    const tierOrder = [titleTier.name, learnedTier.name, "musicbrainz", ...scraperNames]
    const orderOf = (tier: string) => {
      const i = tierOrder.indexOf(tier)
      return i < 0 ? tierOrder.length : i
    }

    const remember = (query: LabelQuery, label: string, source: string, now: string) =>
      query.artist === undefined
        ? Effect.void
        : bestEffort("cannot remember the label", recordLabelObservation({ artist: query.artist, title: query.title, label, source, observedAt: now }))

    const lookUp = (query: LabelQuery, options: LabelFindOptions, now: string): Effect.Effect<LabelResult, never, Store | R> =>
      Effect.gen(function* () {
        const steps: Array<CascadeStep<LabelQuery, LabelFinding, Store | R>> = [
          // Local tiers run without a timer (see CascadeStep.timeout).
          { tier: titleTier },
          { tier: learnedTier }
        ]
        const skipped: Array<Attempt> = []
        if (Option.isSome(settings.musicbrainz)) steps.push(settings.musicbrainz.value)
        else skipped.push(skippedAttempt("musicbrainz", settings.musicbrainzOff ?? "turned off"))
        if (options.scrape !== true) skipped.push(...scraperNames.map((name) => skippedAttempt(name, "scraping is opt-in (--scrape)")))
        else if (settings.scrapers.length === 0) skipped.push(...scraperNames.map((name) => skippedAttempt(name, "the store scrapers are not available here")))
        else steps.push(...settings.scrapers)

        const outcome = yield* runCascade(steps, query)
        const hit = Option.getOrUndefined(outcome.hit)
        // Tiers after the one that answered were not needed: only the skips before it are news.
        const relevantSkips = hit === undefined ? skipped : skipped.filter((a) => orderOf(a.tier) < orderOf(hit.tier))
        const attempts = [...outcome.attempts, ...relevantSkips].sort((a, b) => orderOf(a.tier) - orderOf(b.tier))
        if (hit === undefined) return resultOf(query, { status: missStatus(outcome), attempts })

        const { value, confidence } = hit.found
        if (hit.tier !== learnedTier.name) yield* remember(query, value.label, hit.tier, now)
        return resultOf(query, {
          status: "found",
          label: value.label,
          catalogNumber: value.catalogNumber,
          source: isLabelSource(hit.tier) ? hit.tier : null,
          confidence: round(confidence),
          evidence: value.evidence,
          attempts
        })
      })

    const find = (query: LabelQuery, options: LabelFindOptions = {}): Effect.Effect<LabelResult, never, Store | R> =>
      Effect.gen(function* () {
        const startedMs = yield* Clock.currentTimeMillis
        const now = new Date(startedMs).toISOString()
        const known = query.labelKnown?.trim() ?? ""
        let result: LabelResult
        if (known !== "" && options.force !== true) {
          // The catalogue's label is the answer the user already has; it still teaches tier 2.
          yield* remember(query, known, knownLabelSource, now)
          const why = "the track already carries a label (--force looks it up anyway)"
          result = resultOf(query, { status: "skipped", label: known, attempts: tierOrder.map((tier) => skippedAttempt(tier, why)) })
        } else result = yield* lookUp(query, options, now)
        const finishedMs = yield* Clock.currentTimeMillis
        yield* bestEffort(
          "cannot log the lookup",
          logLookup({ kind: "label", query, status: result.status, source: result.source, startedAt: now, durationMs: finishedMs - startedMs, attempts: result.attempts })
        )
        return result
      })

    return LabelFinder.of({ find: (query, options) => find(query, options).pipe(Effect.provide(context)) })
  })

export const labelFinderLayer = <R>(settings: LabelFinderSettings<R>): Layer.Layer<LabelFinder, never, Store | R> =>
  Layer.effect(LabelFinder, makeLabelFinder(settings))
