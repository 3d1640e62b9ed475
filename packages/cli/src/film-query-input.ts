import { FilmQuery } from "@liner/core"
import { Effect, Either, ParseResult, Schema } from "effect"
import { UsageError } from "./errors.js"

export interface FilmQueryInput {
  readonly title?: string | undefined
  readonly year?: number | string | undefined
  readonly imdb?: string | undefined
}

const decode = Schema.decodeUnknownEither(FilmQuery)

/** The messages of a parse error, one line each, without Schema's internal paths. */
export const parseMessages = (error: ParseResult.ParseError): string =>
  ParseResult.ArrayFormatter.formatErrorSync(error)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ")

/** Validates what a user typed (or a batch line holds) as a film query; Left is the message. */
export const toFilmQuery = (input: FilmQueryInput): Either.Either<FilmQuery, string> => {
  if (typeof input.year === "string" && input.year.trim() !== "" && !/^\d+$/.test(input.year.trim()))
    return Either.left(`year: expected a year like 2008, got "${input.year}"`)
  const year = typeof input.year === "string" ? (input.year.trim() === "" ? undefined : Number(input.year.trim())) : input.year
  const imdb = input.imdb?.trim()
  const raw = {
    ...(input.title === undefined ? {} : { title: input.title }),
    ...(year === undefined ? {} : { year }),
    ...(imdb === undefined || imdb === "" ? {} : { imdbId: imdb })
  }
  return decode(raw).pipe(Either.mapLeft(parseMessages))
}

export const filmQueryOrFail = (input: FilmQueryInput): Effect.Effect<FilmQuery, UsageError> =>
  Either.match(toFilmQuery(input), {
    onLeft: (reason) => Effect.fail(new UsageError({ reason })),
    onRight: Effect.succeed
  })
