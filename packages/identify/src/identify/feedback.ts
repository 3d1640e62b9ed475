/**
 * The feedback loop (contracts/identify.md): only `identified` answers are written back. They
 * become track facts (the track is no longer unknown; its plays count as the artist's), the
 * labels its plays show feed the label hunter's learned knowledge, and a queued `identify` item
 * of the track is closed. With `--all`, the tracks not identified enter the cool-down queue, to be
 * tried again when more sets have been imported.
 */
import {
  type IdentifyQuery,
  inTransaction,
  listQueueItems,
  queueKeyOf,
  queueLookupOutcome,
  recordLabelObservation,
  recordTrackFact,
  type Store,
  type StoreError
} from "@liner/core"
import { type ConfigError, Effect } from "effect"
import type { IdentifyOutcome } from "./identify-answer.js"

/** The queue's query for a track: its key, else its title. */
export const queueQueryOf = (outcome: IdentifyOutcome): IdentifyQuery | undefined =>
  outcome.groupKey === null
    ? undefined
    : outcome.answer.track.key !== null
      ? { trackKey: outcome.answer.track.key }
      : { title: outcome.answer.track.title }

export interface FeedbackOptions {
  readonly now: string
  /**
   * The cool-down queue: `close` closes an identified track's item; `close-and-enter` also enters
   * the tracks not identified (`--all`); `none` leaves it alone (the queue's own worker settles its items).
   */
  readonly queue: "none" | "close" | "close-and-enter"
}

const isNewlyIdentified = (outcome: IdentifyOutcome): boolean =>
  outcome.answer.status === "identified" && !outcome.known && outcome.groupKey !== null && outcome.answer.guesses[0] !== undefined

/** The facts and the learned labels of the identified tracks, in one transaction. */
const recordIdentified = (outcomes: ReadonlyArray<IdentifyOutcome>, now: string): Effect.Effect<void, StoreError, Store> =>
  inTransaction(
    "cannot record the identified artists",
    Effect.forEach(
      outcomes.filter(isNewlyIdentified),
      (outcome) =>
        Effect.gen(function* () {
          const best = outcome.answer.guesses[0]!
          yield* recordTrackFact({ track: outcome.groupKey!, artist: best.artist, probability: best.probability, identifiedAt: now })
          // A keyed `ID` is known to the label hunter by its key.
          const { track } = outcome.answer
          const title = track.title === "ID" && track.key !== null ? track.key : track.title
          for (const label of outcome.shownLabels) yield* recordLabelObservation({ artist: best.artist, title, label, source: "identify", observedAt: now })
        }),
      { discard: true }
    )
  )

/** Writes what the outcomes teach the store, and hands the queue what it waits for. */
export const recordFeedback = (
  outcomes: ReadonlyArray<IdentifyOutcome>,
  options: FeedbackOptions
): Effect.Effect<void, StoreError | ConfigError.ConfigError, Store> =>
  Effect.gen(function* () {
    yield* recordIdentified(outcomes, options.now)
    if (options.queue === "none") return
    // Only items that exist are closed (one read, rather than one write per identified track).
    const open = new Set((yield* listQueueItems({ kind: "identify", now: options.now })).filter((item) => item.status !== "done").map((item) => item.key))
    for (const outcome of outcomes) {
      const query = queueQueryOf(outcome)
      if (query === undefined) continue
      if (outcome.answer.status === "identified") {
        if (open.has(queueKeyOf({ kind: "identify", query }))) yield* queueLookupOutcome({ kind: "identify", query, outcome: "found" })
      } else if (options.queue === "close-and-enter") {
        yield* queueLookupOutcome({
          kind: "identify",
          query,
          outcome: outcome.sourceFailed ? "unavailable" : "not_found",
          detail: outcome.sourceFailed ? "Songstats was unavailable" : null
        })
      }
    }
  })
