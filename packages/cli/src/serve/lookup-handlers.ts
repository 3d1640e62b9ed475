/** GET /soundtrack, POST /soundtracks, GET /label, POST /labels, GET /identify: the CLI's lookups and documents. */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import { type FilmQuery, LabelFinder, type LabelQuery, queueLookupOutcome, SoundtrackFinder } from "@liner/core"
import { Effect, Either, Option } from "effect"
import { asText, type BatchColumns, filmColumns, jsonRecord } from "../batch/batch-input.js"
import { labelColumns, labelQueued } from "../batch/label-batch.js"
import { soundtrackQueued } from "../batch/soundtrack-batch.js"
import { exitOf, identifyTrack, makeCliIdentifier } from "../commands/identify.js"
import { labelExitCode } from "../commands/label.js"
import { exitCodeOf } from "../commands/soundtrack.js"
import { toFilmQuery } from "../film-query-input.js"
import { toLabelQuery } from "../label-query-input.js"
import { hasControlCharacters } from "../terminal-safe.js"
import { BadInput, BodyTooLarge, linerApi, Unavailable } from "./api.js"
import { documentResponse, httpStatusOf } from "./documents.js"
import { readBatchBody } from "./request-body.js"
import type { ServeSettings } from "./serve-settings.js"

const badInput = <A>(either: Either.Either<A, string>) => Either.match(either, { onLeft: (message) => Effect.fail(new BadInput({ message })), onRight: Effect.succeed })

/** The store failed, or a setting is wrong: the request could not be answered now (the API's own errors pass). */
export const orUnavailable = <A, E extends { readonly message: string }, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.mapError(effect, (error): BadInput | BodyTooLarge | Unavailable =>
    error instanceof BadInput || error instanceof BodyTooLarge || error instanceof Unavailable ? error : new Unavailable({ message: error.message })
  )

/** A batch element's known columns, read as a batch file's JSON line is, or why it is not one. */
const recordOf = <K extends string>(item: unknown, columns: BatchColumns<K>): Either.Either<Partial<Record<K, unknown>>, string> => {
  const read = jsonRecord(item, columns)
  if ("error" in read) return Either.left(read.error)
  const controls = Object.values(read.record).some((v) => typeof v === "string" && hasControlCharacters(v))
  return controls ? Either.left("the item holds control characters") : Either.right(read.record)
}

const filmOf = (item: unknown) =>
  Either.flatMap(recordOf(item, filmColumns), (record) => toFilmQuery({ title: asText(record.title), year: asText(record.year), imdb: asText(record.imdb) }))

const trackOf = (item: unknown) =>
  Either.flatMap(recordOf(item, labelColumns), (record) => toLabelQuery({ title: asText(record.title), artist: asText(record.artist), labelKnown: asText(record.labelKnown) }))

/**
 * Each element of a batch as a query; every bad element is named (1-based, like a file's lines)
 * and the batch is refused as a whole, before any lookup.
 */
const batchQueries = <Q>(items: ReadonlyArray<unknown>, toQuery: (item: unknown) => Either.Either<Q, string>) => {
  const problems: Array<string> = []
  const queries: Array<Q> = []
  items.forEach((item, index) => {
    const query = toQuery(item)
    if (Either.isLeft(query)) problems.push(`item ${index + 1}: ${query.left}`)
    else queries.push(query.right)
  })
  return problems.length > 0 ? Effect.fail(new BadInput({ message: problems.join("; ") })) : Effect.succeed(queries)
}

const present = (text: string | undefined): string | undefined => {
  const trimmed = text?.replace(/\s+/g, " ").trim()
  return trimmed === undefined || trimmed === "" ? undefined : trimmed
}

export const lookupHandlers = (settings: ServeSettings) =>
  HttpApiBuilder.group(linerApi, "lookups", (handlers) =>
    Effect.gen(function* () {
      const soundtracks = yield* SoundtrackFinder
      const labels = yield* LabelFinder
      const batchLimits = { maxBytes: settings.maxBodyBytes, maxBatch: settings.maxBatch }
      return handlers
        .handle("soundtrack", ({ urlParams }) =>
          Effect.gen(function* () {
            const query = yield* badInput(toFilmQuery({ title: urlParams.title, year: urlParams.year, imdb: urlParams.imdb }))
            const result = yield* soundtracks.find(query, {})
            return documentResponse(result, httpStatusOf(exitCodeOf(result)))
          })
        )
        .handleRaw("soundtracks", ({ request }) =>
          Effect.gen(function* () {
            const items = yield* readBatchBody(request, { ...batchLimits, noun: "films", example: '[{"title":"Lagaan","year":2001}]' })
            const queries: ReadonlyArray<FilmQuery> = yield* batchQueries(items, filmOf)
            const results = yield* Effect.forEach(queries, (query) =>
              Effect.tap(soundtracks.find(query, {}), (result) => queueLookupOutcome(soundtrackQueued(query, result)))
            )
            return documentResponse(results)
          }).pipe(orUnavailable)
        )
        .handle("label", ({ urlParams }) =>
          Effect.gen(function* () {
            const query = yield* badInput(toLabelQuery({ title: urlParams.title, artist: urlParams.artist, labelKnown: urlParams.label_known }))
            const result = yield* labels.find(query, {})
            return documentResponse(result, httpStatusOf(labelExitCode(result)))
          })
        )
        .handleRaw("labels", ({ request }) =>
          Effect.gen(function* () {
            const items = yield* readBatchBody(request, { ...batchLimits, noun: "tracks", example: '[{"title":"Frozen Ground (Extended Mix)","artist":"Mara Lindqvist"}]' })
            const queries: ReadonlyArray<LabelQuery> = yield* batchQueries(items, trackOf)
            const results = yield* Effect.forEach(queries, (query) =>
              Effect.tap(labels.find(query, {}), (result) => queueLookupOutcome(labelQueued(query, result, {})))
            )
            return documentResponse(results)
          }).pipe(orUnavailable)
        )
        .handle("identify", ({ urlParams }) =>
          Effect.gen(function* () {
            const trackKey = present(urlParams.track_key)
            if (trackKey === undefined) return yield* new BadInput({ message: "give the unknown track's track_key" })
            if (hasControlCharacters(trackKey)) return yield* new BadInput({ message: "the track holds control characters" })
            const identifier = yield* makeCliIdentifier()
            const outcome = yield* identifyTrack(identifier, { trackKey })
            if (Option.isNone(outcome)) return yield* new BadInput({ message: "give the unknown track's track_key" })
            return documentResponse(outcome.value.answer, httpStatusOf(exitOf(outcome.value)))
          }).pipe(
            Effect.catchTags({
              // As `liner identify`: a store with nothing to learn from is the user's to fix (the same message).
              NothingToTrainOn: (e) => Effect.fail(new BadInput({ message: e.message })),
              IdentifyInternalError: (e) => Effect.die(e)
            }),
            orUnavailable
          )
        )
    })
  )
