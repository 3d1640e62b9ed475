import { Context, type Effect } from "effect"
import type { FilmQuery } from "../domain/film-query.js"
import type { SoundtrackResult } from "../domain/soundtrack.js"

export interface FindOptions {
  /** Use only the store: no network tier runs. */
  readonly offline?: boolean
  /** Ignore cached answers (pinned entries still win). */
  readonly refresh?: boolean
}

/**
 * Finds a film's soundtrack through the whole cascade (pinned → cache → MusicBrainz → local →
 * Spotify → stale). Never fails: misses and failures are in the result's status and attempts.
 * The faces (cli, pipeline-hook) depend on this tag; `@liner/providers` provides the live layer.
 */
export class SoundtrackFinder extends Context.Tag("@liner/core/SoundtrackFinder")<
  SoundtrackFinder,
  { readonly find: (query: FilmQuery, options?: FindOptions) => Effect.Effect<SoundtrackResult> }
>() {}
