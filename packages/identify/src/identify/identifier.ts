/**
 * Identification over one store: the store read once (sets, facts, learned labels), the model
 * read (or, when none is stored yet, trained and kept), then any number of tracks answered —
 * one by its key or title, or every unknown track (`--all`).
 */
import { readIdentifyModel, type Store, type StoreError } from "@liner/core"
import { decodeSettings } from "@liner/linkage"
import type { SongstatsClientService } from "@liner/providers"
import { Effect, Option } from "effect"
import { makePlayIndex, type PlayIndex } from "../context/play-index.js"
import type { IdentifyInternalError, NothingToTrainOn } from "../errors.js"
import { identifyExtras } from "../model/model-settings.js"
import { readSnapshot, type Resolution } from "../store/store-snapshot.js"
import { findTrack, type UnknownTrack, unknownTracks } from "../tracks/unknown-tracks.js"
import type { IdentifyOutcome } from "./identify-answer.js"
import { type IdentifyModel, identifyTracks, shownLabelsOf, trackSummary } from "./identify-tracks.js"
import { DEFAULT_WINDOW, saveTrainedModel, TRAINING_MIN_OCCURRENCES, trainIdentifyModel } from "./train-identify.js"

/** Candidates from each label's roster and each DJ's favourites, at most. */
const INDEX_OPTIONS = { rosterSize: 8, topArtists: 5 }

export const DEFAULT_MIN_OCCURRENCES = TRAINING_MIN_OCCURRENCES

/** The model kept in the store, when there is one this version can use. */
export const loadStoredModel = (): Effect.Effect<Option.Option<IdentifyModel>, StoreError, Store> =>
  Effect.gen(function* () {
    const stored = yield* readIdentifyModel()
    if (Option.isNone(stored)) return Option.none()
    const settings = yield* decodeSettings(stored.value.model).pipe(Effect.option)
    if (Option.isNone(settings)) return Option.none()
    const extras = identifyExtras(settings.value)
    return extras === undefined ? Option.none() : Option.some({ settings: settings.value, extras, trainedAt: stored.value.trainedAt, pairs: stored.value.pairs })
  })

/** The store's plays and what is counted from them. */
export const readPlayIndex = (): Effect.Effect<PlayIndex, StoreError, Store> => Effect.map(readSnapshot(), (snapshot) => makePlayIndex(snapshot, INDEX_OPTIONS))

export interface IdentifierOptions {
  /** Songstats, when configured (evidence about candidates). */
  readonly songstats?: Option.Option<SongstatsClientService> | undefined
  /** Fewer plays than this: `insufficient` (default 2). */
  readonly minOccurrences?: number | undefined
  /** Told before a model is trained because the store holds none (or one of an older version). */
  readonly onTraining?: ((message: string) => Effect.Effect<void>) | undefined
}

export interface Identifier {
  readonly index: PlayIndex
  readonly model: IdentifyModel
  /** The track of a group key (`key:<track_key>`, `title:<title key>`); `title` is shown when the store has no such track. */
  readonly one: (groupKey: string, asked: { readonly trackKey?: string | undefined; readonly title?: string | undefined }) => Effect.Effect<IdentifyOutcome, IdentifyInternalError>
  /** Every unknown track of the store, in the order first played (keyless `ID – ID` plays each on their own). */
  readonly all: (onProgress?: (done: number, total: number) => void) => Effect.Effect<Array<IdentifyOutcome>, IdentifyInternalError>
}

const knownOutcome = (index: PlayIndex, track: UnknownTrack, resolution: Resolution, model: IdentifyModel): IdentifyOutcome => {
  const { snapshot } = index
  const artist = [...snapshot.credits[resolution.credit]!].map((a) => snapshot.artists.name[a]!).join(" & ")
  const evidence =
    resolution._tag === "Tracklist"
      ? [`the tracklist of ${snapshot.sets.sourceId[resolution.set]!} names ${artist}`]
      : [`identified by Liner on ${resolution.fact.identifiedAt.slice(0, 10)} with probability ${resolution.fact.probability}`]
  const probability = resolution._tag === "Tracklist" ? 1 : resolution.fact.probability
  return {
    answer: {
      track: trackSummary(index, track),
      status: "identified",
      guesses: [{ artist, probability, matchWeight: null, confidence: "high", evidence, explanation: [] }],
      model: { trainedAt: model.trainedAt, pairs: model.pairs }
    },
    groupKey: track.groupKey,
    shownLabels: shownLabelsOf(index, track),
    sourceFailed: false,
    known: true
  }
}

/** Reads the store and the model (training one first when none is usable), ready to answer. */
export const makeIdentifier = (options: IdentifierOptions = {}): Effect.Effect<Identifier, StoreError | IdentifyInternalError | NothingToTrainOn, Store> =>
  Effect.gen(function* () {
    const index = yield* readPlayIndex()
    const stored = yield* loadStoredModel()
    const model = Option.isSome(stored)
      ? stored.value
      : yield* Effect.gen(function* () {
          if (options.onTraining !== undefined) yield* options.onTraining("no identification model in the store yet: training one on its candidate pairs (liner identify train)")
          const trained = yield* trainIdentifyModel(index, DEFAULT_WINDOW)
          yield* saveTrainedModel(trained)
          return trained
        })
    const run = { minOccurrences: options.minOccurrences ?? DEFAULT_MIN_OCCURRENCES, songstats: options.songstats ?? Option.none() }
    return {
      index,
      model,
      one: (groupKey, asked) =>
        Effect.gen(function* () {
          const found = findTrack(index.snapshot, groupKey)
          switch (found._tag) {
            case "Known":
              return knownOutcome(index, found.track, found.resolution, model)
            case "Unknown":
              return (yield* identifyTracks(index, [found.track], model, run))[0]!
            case "Absent":
              return {
                answer: {
                  track: { key: asked.trackKey ?? null, title: asked.title ?? "ID", occurrences: 0, sets: [], djs: [] },
                  // Not played in any set of the store: fewer occurrences than any minimum.
                  status: "insufficient",
                  guesses: [],
                  model: { trainedAt: model.trainedAt, pairs: model.pairs }
                },
                groupKey,
                shownLabels: [],
                sourceFailed: false,
                known: false
              } satisfies IdentifyOutcome
          }
        }),
      all: (onProgress) => identifyTracks(index, unknownTracks(index.snapshot), model, { ...run, onProgress })
    }
  })
