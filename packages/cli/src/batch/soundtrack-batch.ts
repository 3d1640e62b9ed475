import { type FilmQuery, type FindOptions, type QueuedLookup, SoundtrackFinder, type SoundtrackResult, soundtrackOutcome } from "@liner/core"
import { missKey } from "@liner/providers"
import { Effect, Either } from "effect"
import { resolve } from "node:path"
import { toFilmQuery } from "../film-query-input.js"
import { parseBatch } from "./batch-input.js"
import { type BatchTally, runJournaledBatch } from "./journaled-batch.js"

/** found / not found / unavailable, and the sources that answered. */
const filmTally = (): BatchTally<SoundtrackResult> => {
  const counts = { found: 0, notFound: 0, unavailable: 0, invalid: 0 }
  const sources = new Map<string, number>()
  const line = () => `found ${counts.found} · not found ${counts.notFound} · unavailable ${counts.unavailable}${counts.invalid > 0 ? ` · invalid ${counts.invalid}` : ""}`
  return {
    add: (result) => {
      if (result.status === "found") counts.found++
      else if (result.status === "not_found") counts.notFound++
      else counts.unavailable++
      if (result.source !== null) sources.set(result.source, (sources.get(result.source) ?? 0) + 1)
    },
    invalid: () => void counts.invalid++,
    line,
    summary: (processed, fromEarlierRun) =>
      [
        `${processed} film${processed === 1 ? "" : "s"}: ${line()}`,
        sources.size > 0 ? `sources: ${[...sources.entries()].sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s} ${n}`).join(", ")}` : "",
        fromEarlierRun > 0 ? `${fromEarlierRun} answered by an earlier run of this batch` : ""
      ]
        .filter((x) => x !== "")
        .join("\n"),
    failures: () => ({
      count: counts.unavailable,
      message: `${counts.unavailable} film(s) unavailable: run the batch again later; answered films will not be asked again`
    }),
    invalidCount: () => counts.invalid
  }
}

const render = (result: SoundtrackResult): string =>
  `${result.status.padEnd(11)} ${result.source ?? "-"}\t${result.query.title ?? result.query.imdbId}${result.query.year === null ? "" : ` (${result.query.year})`}`

/** What a batch's fresh answer means to the cool-down queue (`--batch`, `POST /soundtracks`). */
export const soundtrackQueued = (query: FilmQuery, result: SoundtrackResult): QueuedLookup => ({ kind: "soundtrack", query, ...soundtrackOutcome(result) })

/**
 * `liner soundtrack --batch FILE`: every film of a CSV (`title,year,imdb`) or JSON-lines file,
 * one at a time (MusicBrainz allows one request a second anyway).
 */
export const runBatch = (file: string, options: FindOptions & { readonly json: boolean }) =>
  Effect.gen(function* () {
    const finder = yield* SoundtrackFinder
    return yield* runJournaledBatch({
      file,
      journal: `soundtrack:${options.refresh === true ? "refresh:" : ""}${resolve(file)}`,
      noun: "films",
      queries: (text) => parseBatch(text).map((entry) => ({ line: entry.line, query: "error" in entry ? Either.left(entry.error) : toFilmQuery(entry.input) })),
      itemKey: missKey,
      find: (query) => finder.find(query, options),
      failed: (result) => result.status === "unavailable",
      queued: soundtrackQueued,
      render: (result) => (options.json ? JSON.stringify(result) : render(result)),
      json: options.json,
      tally: filmTally()
    })
  })
