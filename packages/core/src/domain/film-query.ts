import { Schema } from "effect"

/** An IMDb title id as IMDb writes it: `tt` and 7 to 9 digits. */
export const ImdbId = Schema.String.pipe(
  Schema.pattern(/^tt\d{7,9}$/, {
    message: () => "an IMDb id looks like tt0473367 (tt followed by 7 to 9 digits)"
  }),
  Schema.brand("ImdbId")
)
export type ImdbId = typeof ImdbId.Type

const firstFilmYear = 1888
/** Films are announced a few years ahead; later years are typos. */
const latestYear = () => new Date().getUTCFullYear() + 5

export const FilmYear = Schema.Int.pipe(
  Schema.filter((y) => (y >= firstFilmYear && y <= latestYear()) || `a film year lies between ${firstFilmYear} and ${latestYear()}`),
  Schema.brand("FilmYear")
)
export type FilmYear = typeof FilmYear.Type

export const FilmTitle = Schema.Trim.pipe(
  Schema.nonEmptyString({ message: () => "the title is empty" }),
  Schema.maxLength(300, { message: () => "the title is longer than 300 characters" })
)

/** What a user asks about a film: at least a title or an IMDb id. */
export const FilmQuery = Schema.Struct({
  title: Schema.optional(FilmTitle),
  year: Schema.optional(FilmYear),
  imdbId: Schema.optional(ImdbId)
}).pipe(
  Schema.filter((q) => q.title !== undefined || q.imdbId !== undefined || "give at least a title or an IMDb id")
)
export type FilmQuery = typeof FilmQuery.Type
