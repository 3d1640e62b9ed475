import { Context, type Effect } from "effect"
import type { LabelQuery, LabelResult } from "../domain/label.js"

export interface LabelFindOptions {
  /** Let the store scrapers run (Beatport, Juno Download, Traxsource): opt-in, `--scrape`. */
  readonly scrape?: boolean
  /** Look the label up even when the track already carries one (`labelKnown`). */
  readonly force?: boolean
}

/**
 * Finds a DJ track's label through the whole cascade (title → learned → MusicBrainz → store
 * scrapers). Never fails: misses, failures and bot checks are in the result's status and attempts.
 * The faces depend on this tag; `@liner/providers` provides the live layer (`labelFinderLayer`).
 */
export class LabelFinder extends Context.Tag("@liner/core/LabelFinder")<
  LabelFinder,
  { readonly find: (query: LabelQuery, options?: LabelFindOptions) => Effect.Effect<LabelResult> }
>() {}
