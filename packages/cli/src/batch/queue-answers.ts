import {
  FilmQuery,
  type ItemAnswer,
  LabelFinder,
  LabelQuery,
  labelOutcome,
  type QueueItem,
  SoundtrackFinder,
  soundtrackOutcome,
  type Store
} from "@liner/core"
import { soundtrackFinderLive } from "@liner/providers"
import { type ConfigError, Context, Effect, Either, Layer, Schema, type Scope } from "effect"
import { labelLayer } from "../commands/label.js"
import { parseMessages } from "../film-query-input.js"

/** A service from its layer, built at most once (in the scope at hand, closed with it) when first needed. */
const lazily = <I, S, E>(layer: Layer.Layer<I, E, Store>, tag: Context.Tag<I, S>): Effect.Effect<Effect.Effect<S, E, Store>, never, Scope.Scope> =>
  Effect.flatMap(Effect.scope, (scope) => Effect.cached(Layer.buildWithScope(layer, scope).pipe(Effect.map((context) => Context.get(context, tag)))))

const invalid = (what: string, reason: string): ItemAnswer => ({ outcome: "invalid", detail: `the stored query is not a valid ${what} any more: ${reason}`, result: null })

/**
 * How `liner queue run` tries an item: through the same cascade as the direct command (which
 * stores the answer exactly as a direct lookup does: soundtracks into the local database, labels
 * into the learned knowledge), with the options the item was asked with. The cascades are set up
 * only for the kinds that come up, and the store scrapers only for a track asked with --scrape.
 */
export const makeQueueAnswers = Effect.gen(function* () {
  const soundtrackFinder = yield* lazily(soundtrackFinderLive, SoundtrackFinder)
  const labelFinder = yield* lazily(labelLayer({ scrape: false }), LabelFinder)
  const scrapingLabelFinder = yield* lazily(labelLayer({ scrape: true }), LabelFinder)

  return (item: QueueItem): Effect.Effect<ItemAnswer, ConfigError.ConfigError, Store> =>
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
          // `liner queue run` never claims these until `liner identify` exists (issue 9).
          return yield* Effect.dieMessage("an identify item was claimed, but identify is not supported yet")
      }
    })
})
