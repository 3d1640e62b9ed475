/**
 * Tolerant field decoders for the host's JSON files. Each generation of the host wrote the same
 * facts with different types (`year` 2008 or "2008", cast as strings or objects), and any field
 * may be missing or null: a field that does not decode is simply absent, never an error.
 */
import { FilmTitle, FilmYear, ImdbId } from "@liner/core"
import { Option, Schema } from "effect"

/** Any JSON object; its fields are decoded one by one below. */
export const JsonObject = Schema.Record({ key: Schema.String, value: Schema.Unknown })
export type JsonObject = typeof JsonObject.Type

const YearInput = Schema.Union(
  Schema.Int,
  // "2008", or a date such as "2008-07-04" (TMDB's release_date).
  Schema.String.pipe(
    Schema.pattern(/^\s*\d{4}(-\d{2}-\d{2})?\s*$/),
    Schema.transform(Schema.Int, { strict: true, decode: (s) => Number(s.trim().slice(0, 4)), encode: String })
  )
)
const Year = Schema.compose(YearInput, FilmYear)

export const asObject = (value: unknown): Option.Option<JsonObject> => Schema.decodeUnknownOption(JsonObject)(value)

export const titleField = (value: unknown): Option.Option<string> => Schema.decodeUnknownOption(FilmTitle)(value)

export const yearField = (value: unknown): Option.Option<FilmYear> => Schema.decodeUnknownOption(Year)(value)

export const imdbField = (value: unknown): Option.Option<ImdbId> =>
  Schema.decodeUnknownOption(ImdbId)(typeof value === "string" ? value.trim() : value)

/** The host's placeholder title when it had nothing (`_create_empty_outputs`). */
const PLACEHOLDER_TITLES = new Set(["unknown", "none", "null", "n/a", "movie title"])

/** A film as one source describes it. */
export interface FilmFacts {
  readonly title: Option.Option<string>
  readonly year: Option.Option<FilmYear>
  readonly imdbId: Option.Option<ImdbId>
}

const NO_FACTS: FilmFacts = { title: Option.none(), year: Option.none(), imdbId: Option.none() }

/**
 * A TMDB record (`tmdb_data.json`, `enrichment.json`): title, year (or release date), IMDb id.
 * `found: false` means the host had no TMDB answer: its title is a placeholder, not the film.
 */
export const tmdbFacts = (value: unknown): FilmFacts =>
  Option.match(asObject(value), {
    onNone: () => NO_FACTS,
    onSome: (record) => {
      if (record["found"] === false) return NO_FACTS
      const title = titleField(record["title"]).pipe(Option.filter((t) => !PLACEHOLDER_TITLES.has(t.toLowerCase())))
      const year = Option.orElse(yearField(record["year"]), () => yearField(record["release_date"]))
      return { title, year, imdbId: imdbField(record["imdb_id"]) }
    }
  })

/** `job.json`: newer hosts write `title`/`year`, or a `tmdb_enrichment` block with them. */
export const jobFacts = (value: unknown): { readonly top: FilmFacts; readonly tmdbEnrichment: FilmFacts; readonly jobId: Option.Option<string> } =>
  Option.match(asObject(value), {
    onNone: () => ({ top: NO_FACTS, tmdbEnrichment: NO_FACTS, jobId: Option.none() }),
    onSome: (job) => {
      const block = asObject(job["tmdb_enrichment"])
      const fromBlock = (key: string) => Option.flatMap(block, (b) => Option.some(b[key]))
      return {
        top: { title: titleField(job["title"]), year: yearField(job["year"]), imdbId: imdbField(job["imdb_id"]) },
        tmdbEnrichment: {
          title: Option.flatMap(fromBlock("title"), titleField),
          year: Option.flatMap(fromBlock("year"), yearField),
          imdbId: Option.flatMap(fromBlock("imdb_id"), imdbField)
        },
        jobId: Schema.decodeUnknownOption(Schema.NonEmptyTrimmedString)(job["job_id"])
      }
    }
  })

/** The env file's `TITLE` / `YEAR` (empty values are unset). */
export const envFacts = (values: ReadonlyMap<string, string>): FilmFacts => ({
  title: titleField(values.get("TITLE") ?? ""),
  year: yearField(values.get("YEAR") ?? ""),
  imdbId: imdbField(values.get("IMDB_ID") ?? "")
})
