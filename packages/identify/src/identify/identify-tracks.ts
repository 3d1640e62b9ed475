/**
 * Identification of unknown tracks, many at once: candidates and features for each track, all
 * pairs scored in one run of the linkage engine, then per track a status, guesses with
 * evidence and an explanation. `--all` and one track go the same way.
 */
import type { SongstatsClientService } from "@liner/providers"
import type { Settings } from "@liner/linkage"
import { Effect, Option } from "effect"
import type { PlayIndex } from "../context/play-index.js"
import type { IdentifyInternalError } from "../errors.js"
import { songstatsSupport } from "../evidence/songstats-support.js"
import { type CandidateFeatures, candidateFeatures } from "../features/candidate-features.js"
import type { IdentifyModelExtras } from "../model/model-settings.js"
import { candidateTermFrequency, type PairRow } from "../model/pair-table.js"
import { scorePairs } from "../model/run-model.js"
import type { UnknownTrack } from "../tracks/unknown-tracks.js"
import { confidenceOf, decide } from "./decide.js"
import { oneMakerProbabilities } from "./one-maker.js"
import { evidenceSentences } from "./evidence.js"
import { explanationOf } from "./explanation.js"
import type { Guess, IdentifyAnswer, IdentifyOutcome } from "./identify-answer.js"

/** A trained model as identification uses it. */
export interface IdentifyModel {
  readonly settings: Settings
  readonly extras: IdentifyModelExtras
  readonly trainedAt: string
  readonly pairs: number
}

export interface IdentifyTracksOptions {
  /** Fewer plays than this: `insufficient` (default 2). */
  readonly minOccurrences: number
  /** Songstats, when configured: evidence about candidates played near the track. */
  readonly songstats: Option.Option<SongstatsClientService>
  /** Called as tracks are prepared (for a progress bar). */
  readonly onProgress?: ((done: number, total: number) => void) | undefined
}

/** Songstats is asked about at most this many candidates per track, those played nearest it. */
const SONGSTATS_CANDIDATES = 10

const round = (value: number, digits: number): number => Number(value.toFixed(digits))

/** The track as the answer shows it. */
export const trackSummary = (index: PlayIndex, track: UnknownTrack): IdentifyAnswer["track"] => ({
  key: track.trackKey,
  title: track.title,
  occurrences: track.plays.length,
  sets: track.sets.map((s) => index.snapshot.sets.sourceId[s]!),
  djs: track.djs.map((d) => index.snapshot.djs.name[d]!)
})

export const shownLabelsOf = (index: PlayIndex, track: UnknownTrack): Array<string> => [
  ...new Set(track.plays.map((p) => index.snapshot.plays.label[p]!).filter((l) => l >= 0).map((l) => index.snapshot.labels.name[l]!))
]

interface Prepared {
  readonly track: UnknownTrack
  readonly candidates: ReadonlyArray<CandidateFeatures>
  /** Rows of this track in the pair table: [first, first + candidates.length). */
  readonly first: number
  readonly sourceFailed: boolean
}

/** Candidates and features of every track, the pair rows, and Songstats when configured. */
const prepare = (
  index: PlayIndex,
  tracks: ReadonlyArray<UnknownTrack>,
  model: IdentifyModel,
  options: IdentifyTracksOptions
): Effect.Effect<{ readonly prepared: Array<Prepared | null>; readonly rows: Array<PairRow> }> =>
  Effect.gen(function* () {
    const rows: Array<PairRow> = []
    const prepared: Array<Prepared | null> = []
    for (const [t, track] of tracks.entries()) {
      options.onProgress?.(t, tracks.length)
      if (track.groupKey === null || track.plays.length < options.minOccurrences) {
        prepared.push(null)
        continue
      }
      const candidates = candidateFeatures(index, track, { window: model.extras.window })
      let sourceFailed = false
      const support = new Map<number, number | null>()
      if (Option.isSome(options.songstats)) {
        const client = options.songstats.value
        const djKeys = track.djs.map((d) => index.snapshot.djs.key[d]!)
        const asked = candidates
          .filter((c) => c.nearSets.length > 0)
          .sort((a, b) => b.nextToSets.length - a.nextToSets.length || b.nearSets.length - a.nearSets.length || a.artist - b.artist)
          .slice(0, SONGSTATS_CANDIDATES)
        for (const candidate of asked) {
          const artist = { key: index.snapshot.artists.key[candidate.artist]!, name: index.snapshot.artists.name[candidate.artist]! }
          // A failure leaves the level unknown (NULL): the answer says a source failed (exit 75), not why.
          const answer = yield* songstatsSupport(client, artist, djKeys).pipe(Effect.orElseSucceed(() => undefined))
          if (answer === undefined) sourceFailed = true
          else support.set(candidate.artist, answer)
        }
      }
      const first = rows.length
      for (const features of candidates) {
        rows.push({ track: t, trackSets: track.sets.length, candidate: index.snapshot.artists.key[features.artist]!, features, songstatsSupport: support.get(features.artist) ?? null })
      }
      prepared.push(candidates.length === 0 ? null : { track, candidates, first, sourceFailed })
    }
    options.onProgress?.(tracks.length, tracks.length)
    return { prepared, rows }
  })

const insufficient = (index: PlayIndex, track: UnknownTrack, model: IdentifyModel): IdentifyOutcome => ({
  answer: { track: trackSummary(index, track), status: "insufficient", guesses: [], model: { trainedAt: model.trainedAt, pairs: model.pairs } },
  groupKey: track.groupKey,
  shownLabels: shownLabelsOf(index, track),
  sourceFailed: false,
  known: false
})

/** Identifies the tracks with the model: one outcome per track, in order. */
export const identifyTracks = (
  index: PlayIndex,
  tracks: ReadonlyArray<UnknownTrack>,
  model: IdentifyModel,
  options: IdentifyTracksOptions
): Effect.Effect<Array<IdentifyOutcome>, IdentifyInternalError> =>
  Effect.gen(function* () {
    const { prepared, rows } = yield* prepare(index, tracks, model, options)
    if (rows.length === 0) return tracks.map((track) => insufficient(index, track, model))
    const reference = model.extras.popularityReference
    return yield* scorePairs(rows, model.settings, reference, (scored) =>
      tracks.map((track, t): IdentifyOutcome => {
        const entry = prepared[t]
        if (entry === null || entry === undefined) return insufficient(index, track, model)
        const weights = entry.candidates.map((_, i) => scored.matchWeight[entry.first + i]!)
        const probabilities = oneMakerProbabilities(weights)
        const ranked = entry.candidates
          .map((features, i) => ({ features, pair: entry.first + i, matchWeight: weights[i]!, probability: probabilities[i]! }))
          .sort((a, b) => b.matchWeight - a.matchWeight || a.features.artist - b.features.artist)
        const decision = decide(ranked, 1 - probabilities.reduce((sum, p) => sum + p, 0))
        const guesses = ranked.slice(0, decision.listed).map(
          (c): Guess => ({
            artist: index.snapshot.artists.name[c.features.artist]!,
            probability: round(c.probability, 4),
            matchWeight: round(c.matchWeight, 3),
            confidence: confidenceOf(c.probability),
            evidence: evidenceSentences(index, track, c.features, {
              window: model.extras.window,
              termFrequency: candidateTermFrequency(c.features.share, reference),
              songstatsSupport: rows[c.pair]!.songstatsSupport
            }),
            explanation: explanationOf(scored.waterfallOf(c.pair)).map((e) => ({ ...e, bayesFactor: round(e.bayesFactor, 4), weight: round(e.weight, 3) }))
          })
        )
        return {
          answer: { track: trackSummary(index, track), status: decision.status, guesses, model: { trainedAt: model.trainedAt, pairs: model.pairs } },
          groupKey: track.groupKey,
          shownLabels: shownLabelsOf(index, track),
          sourceFailed: entry.sourceFailed,
          known: false
        }
      })
    )
  })
