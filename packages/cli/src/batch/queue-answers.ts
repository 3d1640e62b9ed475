import {
  FilmQuery,
  isUnknownArtist,
  type ItemAnswer,
  LabelFinder,
  LabelQuery,
  labelOutcome,
  type QueueItem,
  SoundtrackFinder,
  soundtrackOutcome,
  type Store,
  type StoreError
} from "@liner/core"
import type { Identifier, IdentifyInternalError, NothingToTrainOn } from "@liner/identify"
import { soundtrackFinderLive } from "@liner/providers"
import { Clock, type ConfigError, Context, Effect, Either, Layer, Schema, type Scope } from "effect"
import { makeCliIdentifier } from "../commands/identify.js"
import { labelLayer } from "../commands/label.js"
import { parseMessages } from "../film-query-input.js"

/** A service from its layer, built at most once (in the scope at hand, closed with it) when first needed. */
const lazily = <I, S, E>(layer: Layer.Layer<I, E, Store>, tag: Context.Tag<I, S>): Effect.Effect<Effect.Effect<S, E, Store>, never, Scope.Scope> =>
  Effect.flatMap(Effect.scope, (scope) => Effect.cached(Layer.buildWithScope(layer, scope).pipe(Effect.map((context) => Context.get(context, tag)))))

const invalid = (what: string, reason: string): ItemAnswer => ({ outcome: "invalid", detail: `the stored query is not a valid ${what} any more: ${reason}`, result: null })

const identifyQueryOf = (query: unknown): { readonly trackKey?: string; readonly title?: string } | string => {
  const q = typeof query === "object" && query !== null ? (query as Record<string, unknown>) : {}
  const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined)
  const trackKey = text(q["trackKey"])
  const title = text(q["title"])
  const artist = text(q["artist"])
  if (trackKey === undefined && title === undefined) return "it names neither a track key nor a title"
  if (artist !== undefined && !isUnknownArtist(artist)) return `its artist "${artist}" is known already`
  return { ...(trackKey === undefined ? {} : { trackKey }), ...(title === undefined ? {} : { title }) }
}

/**
 * An identify item, as `liner identify --track-key K` (or `--title T`) answers it: an identified
 * artist is recorded (the feedback loop); the queue's worker settles the item itself. A store
 * with nothing to learn from yet answers "not found": later imports may change that.
 */
const answerIdentifyItem = (
  item: QueueItem,
  identifier: Effect.Effect<Identifier, ConfigError.ConfigError | StoreError | IdentifyInternalError | NothingToTrainOn, Store>
) =>
  Effect.gen(function* () {
    const query = identifyQueryOf(item.query)
    if (typeof query === "string") return invalid("unknown track", query)
    const { queryGroupKey, recordFeedback } = yield* Effect.promise(() => import("@liner/identify"))
    const groupKey = queryGroupKey(query)
    if (groupKey === null) return invalid("unknown track", "it names neither a track key nor a title")
    const ready = yield* identifier.pipe(
      Effect.map(Either.right),
      Effect.catchTag("NothingToTrainOn", (error) => Effect.succeed(Either.left<ItemAnswer>({ outcome: "not_found", detail: error.message, result: null })))
    )
    if (Either.isLeft(ready)) return ready.left
    const outcome = yield* ready.right.one(groupKey, query)
    yield* recordFeedback([outcome], { now: new Date(yield* Clock.currentTimeMillis).toISOString(), queue: "none" })
    const answer: ItemAnswer =
      outcome.answer.status === "identified"
        ? { outcome: "found", detail: null, result: outcome.answer }
        : outcome.sourceFailed
          ? { outcome: "unavailable", detail: "Songstats was unavailable", result: outcome.answer }
          : { outcome: "not_found", detail: null, result: outcome.answer }
    return answer
  })

/**
 * How `liner queue run` tries an item: through the same cascade as the direct command (which
 * stores the answer exactly as a direct lookup does: soundtracks into the local database, labels
 * into the learned knowledge), with the options the item was asked with. The cascades are set up
 * only for the kinds that come up, and the store scrapers only for a track asked with --scrape;
 * identification reads the store and its model once, when the first identify item comes up.
 */
export const makeQueueAnswers = Effect.gen(function* () {
  const soundtrackFinder = yield* lazily(soundtrackFinderLive, SoundtrackFinder)
  const labelFinder = yield* lazily(labelLayer({ scrape: false }), LabelFinder)
  const scrapingLabelFinder = yield* lazily(labelLayer({ scrape: true }), LabelFinder)
  // The store read and the model ready once per run, when the first identify item comes up.
  const identifier = yield* Effect.cached(makeCliIdentifier())

  return (item: QueueItem): Effect.Effect<ItemAnswer, ConfigError.ConfigError | StoreError | IdentifyInternalError, Store> =>
    Effect.gen(function* () {
      switch (item.kind) {
        case "soundtrack": {
          const query = Schema.decodeUnknownEither(FilmQuery)(item.query)
          if (Either.isLeft(query)) return invalid("film query", parseMessages(query.left))
          const result = yield* (yield* soundtrackFinder).find(query.right, {})
          return { ...soundtrackOutcome(result), result }
        }
        case "label": {
          const query = Schema.decodeUnknownEither(LabelQuery)(item.query)
          if (Either.isLeft(query)) return invalid("track query", parseMessages(query.left))
          const scrape = item.options["scrape"] === true
          const finder = yield* (scrape ? scrapingLabelFinder : labelFinder)
          const result = yield* finder.find(query.right, { scrape, force: item.options["force"] === true })
          return { ...labelOutcome(result), result }
        }
        case "identify":
          return yield* answerIdentifyItem(item, identifier)
      }
    })
})
