import { FilmQuery } from "@liner/core"
import { Effect, Either, ParseResult, Schema } from "effect"
import { UsageError } from "./errors.js"
import { excerpt } from "./terminal-safe.js"

export interface FilmQueryInput {
  readonly title?: string | undefined
  readonly year?: number | string | undefined
  readonly imdb?: string | undefined
}

const decode = Schema.decodeUnknownEither(FilmQuery)

/** What a user calls the fields of a query (Schema's paths are ours, not theirs). */
const fieldNames: Readonly<Record<string, string>> = { imdbId: "IMDb id", labelKnown: "known label" }

/**
 * One message per problem, in the user's terms: a field's first message only (an optional
 * field also reports that it is not `undefined`, which says nothing to a user), and any value
 * Schema quotes cut to a short excerpt.
 */
export const parseMessages = (error: ParseResult.ParseError): string => {
  const messages = new Map<string, string>()
  for (const issue of ParseResult.ArrayFormatter.formatErrorSync(error)) {
    const path = issue.path.map((p) => fieldNames[String(p)] ?? String(p)).join(".")
    if (/^Expected undefined, actual/.test(issue.message) || messages.has(path)) continue
    const message = issue.message.replace(/actual ([\s\S]*)$/, (_, actual: string) => `actual ${excerpt(actual)}`)
    messages.set(path, path === "" ? message : `${path}: ${message}`)
  }
  return [...messages.values()].join("; ")
}

/** Validates what a user typed (or a batch line holds) as a film query; Left is the message. */
export const toFilmQuery = (input: FilmQueryInput): Either.Either<FilmQuery, string> => {
  if (typeof input.year === "string" && input.year.trim() !== "" && !/^\d+$/.test(input.year.trim()))
    return Either.left(`year: expected a year like 2008, got "${excerpt(input.year)}"`)
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
