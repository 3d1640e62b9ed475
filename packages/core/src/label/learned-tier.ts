/**
 * Label tier 2: what Liner learned about the artist. When the artist's earlier tracks were
 * (almost) all on one label, the new one probably is too.
 *
 * Confidence = agree / (total + k): `agree` tracks on the leading label out of `total` tracks
 * seen, with `k` pseudo-tracks on "some label we have not seen" standing for the artist's
 * releases elsewhere. It grows with agreement (2/2 → 0.80, 4/4 → 0.89 at k = 0.5) and falls
 * with every conflicting label (3 of 4 → 0.67, 5 of 6 → 0.77). The answer is used only when
 * the confidence reaches the threshold *and* at least `minAgreeing` tracks agree: one track
 * is an anecdote, not a habit.
 */
import { Config, Effect } from "effect"
import type { LabelFinding, LabelQuery } from "../domain/label.js"
import { artistKeys, labelTallies } from "../store/label-knowledge.js"
import type { Store } from "../store/store.js"
import { Answer, type Tier, TierFailure } from "../tier/tier.js"

export const learnedTierName = "learned"

export interface LearnedRule {
  /** Lowest confidence that is answered. */
  readonly threshold: number
  /** Fewest agreeing tracks that are answered. */
  readonly minAgreeing: number
  /** Pseudo-tracks on unseen labels: the larger, the more agreement is needed. */
  readonly k: number
}

export const defaultLearnedRule: LearnedRule = { threshold: 0.75, minAgreeing: 2, k: 0.5 }

/** `LINER_LABEL_LEARNED_THRESHOLD` (0..1) and `LINER_LABEL_LEARNED_MIN_TRACKS` (≥ 1) override the defaults. */
export const learnedRuleConfig: Config.Config<LearnedRule> = Config.all({
  threshold: Config.number("LINER_LABEL_LEARNED_THRESHOLD").pipe(
    Config.withDefault(defaultLearnedRule.threshold),
    Config.validate({ message: "LINER_LABEL_LEARNED_THRESHOLD must be between 0 and 1", validation: (n) => n >= 0 && n <= 1 })
  ),
  minAgreeing: Config.integer("LINER_LABEL_LEARNED_MIN_TRACKS").pipe(
    Config.withDefault(defaultLearnedRule.minAgreeing),
    Config.validate({ message: "LINER_LABEL_LEARNED_MIN_TRACKS must be at least 1", validation: (n) => n >= 1 })
  ),
  k: Config.succeed(defaultLearnedRule.k)
})

export const learnedConfidence = (agree: number, total: number, k: number = defaultLearnedRule.k): number =>
  total + k <= 0 ? 0 : agree / (total + k)

const round = (n: number): number => Math.round(n * 1000) / 1000
const tracksWord = (n: number): string => `${n} track${n === 1 ? "" : "s"}`

export const makeLearnedTier = (rule: LearnedRule = defaultLearnedRule): Tier<LabelQuery, LabelFinding, Store> => ({
  name: learnedTierName,
  risk: "local",
  lookup: (query) =>
    Effect.gen(function* () {
      const artist = query.artist?.trim() ?? ""
      if (artist === "") return Answer.skipped("no artist given")
      if (artistKeys(artist).length === 0) return Answer.skipped(`"${artist}" names no artist to learn from`)
      const tallies = yield* labelTallies(artist)
      const best = tallies[0]
      if (best === undefined) return Answer.notFound(`no label learned yet for ${artist}`)
      const total = tallies.reduce((n, t) => n + t.tracks, 0)
      const confidence = learnedConfidence(best.tracks, total, rule.k)
      // A tie is never a habit, whatever the threshold is set to.
      const tied = (tallies[1]?.tracks ?? 0) >= best.tracks
      if (confidence >= rule.threshold && best.tracks >= rule.minAgreeing && !tied)
        return Answer.found<LabelFinding>(
          { label: best.label, catalogNumber: null, evidence: { matchedArtists: best.artists, score: round(best.tracks / total) } },
          "artist_history",
          round(confidence)
        )
      const seen = `${best.label} on ${best.tracks} of ${tracksWord(total)} seen`
      if (tallies.length > 1)
        return Answer.ambiguous(
          tallies.slice(0, 5).map((t) => ({ label: `${t.label} (${tracksWord(t.tracks)})`, score: round(learnedConfidence(t.tracks, total, rule.k)) })),
          `labels disagree: ${seen}, confidence ${round(confidence)} < ${rule.threshold}`
        )
      return Answer.notFound(`${seen}; ${rule.minAgreeing} agreeing tracks and confidence ${rule.threshold} needed`)
    }).pipe(
      Effect.mapError((e) => new TierFailure({ tier: learnedTierName, reason: e.reason, retryable: false, kind: "unavailable" }))
    )
})

/** Tier 2 with the default rule. */
export const learnedTier: Tier<LabelQuery, LabelFinding, Store> = makeLearnedTier()
