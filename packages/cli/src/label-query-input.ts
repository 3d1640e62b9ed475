import { LabelQuery } from "@liner/core"
import { Effect, Either, Schema } from "effect"
import { UsageError } from "./errors.js"
import { parseMessages } from "./film-query-input.js"

export interface LabelQueryInput {
  readonly title?: string | undefined
  readonly artist?: string | undefined
  readonly labelKnown?: string | undefined
}

const decode = Schema.decodeUnknownEither(LabelQuery)

const present = (s: string | undefined): string | undefined => {
  const t = s?.replace(/\s+/g, " ").trim()
  return t === undefined || t === "" ? undefined : t
}

/** Validates what a user typed (or a batch line holds) as a track query; Left is the message. */
export const toLabelQuery = (input: LabelQueryInput): Either.Either<LabelQuery, string> => {
  if (input.title === undefined) return Either.left("the track title is missing")
  const artist = present(input.artist)
  const labelKnown = present(input.labelKnown)
  return decode({ title: input.title, ...(artist === undefined ? {} : { artist }), ...(labelKnown === undefined ? {} : { labelKnown }) }).pipe(
    Either.mapLeft(parseMessages)
  )
}

export const labelQueryOrFail = (input: LabelQueryInput): Effect.Effect<LabelQuery, UsageError> =>
  Either.match(toLabelQuery(input), {
    onLeft: (reason) => Effect.fail(new UsageError({ reason })),
    onRight: Effect.succeed
  })
