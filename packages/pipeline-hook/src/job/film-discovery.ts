/**
 * Which film a job is about. Sources, first usable one wins (contracts/pipeline-job.md):
 * explicit options, `02_tmdb/enrichment.json`, `02_tmdb/tmdb_data.json`, `metadata/tmdb_data.json`,
 * `job.json` (`title`/`year`, then `tmdb_enrichment`), then the job's `.<job_id>.env`
 * (`TITLE`, `YEAR`). The IMDb id comes from the TMDB files. The year travels with its title.
 */
import { basename } from "node:path"
import { FilmTitle, FilmYear, ImdbId, type FilmQuery } from "@liner/core"
import { Effect, Option, Schema } from "effect"
import {
  InvalidStageOptions,
  type JobDirUnusable,
  type MalformedJobFile,
  NoFilmInJob,
  type PathOutsideJob,
  type StageIoFailure
} from "../errors.js"
import { type JobRoot, openJobRoot } from "../fs/job-root.js"
import { type JobFile, jsonTextOf, parseJobJson, readJobFile } from "../fs/read-job-file.js"
import { findEnvFileName, parseEnvText } from "./env-file.js"
import { envFacts, type FilmFacts, jobFacts, tmdbFacts, yearField } from "./film-fields.js"

/** The film as the caller states it (CLI flags); any of them overrides the job's files. */
export interface FilmOptions {
  readonly title?: string
  readonly year?: number | string
  readonly imdbId?: string
}

export interface DiscoveredFilm {
  readonly query: FilmQuery
  /** Where the title (or, without one, the IMDb id) came from: "options", a relative path, "job.json#tmdb_enrichment". */
  readonly source: string
  /** Where the IMDb id came from, when there is one. */
  readonly imdbSource: string | null
  /** Every job file read, in the order read (they are the stage's inputs). */
  readonly files: ReadonlyArray<JobFile>
  readonly warnings: ReadonlyArray<string>
}

export type DiscoveryError = JobDirUnusable | MalformedJobFile | NoFilmInJob | PathOutsideJob | InvalidStageOptions | StageIoFailure

export const TMDB_FILES = ["02_tmdb/enrichment.json", "02_tmdb/tmdb_data.json", "metadata/tmdb_data.json"] as const
export const ENRICHMENT_FILE = TMDB_FILES[0]

const invalid = (message: string) => new InvalidStageOptions({ message })

/** The explicit options, validated with the domain schemas. */
const explicitFacts = (options: FilmOptions): Effect.Effect<FilmFacts, InvalidStageOptions> =>
  Effect.gen(function* () {
    const title =
      options.title === undefined
        ? Option.none<string>()
        : Option.some(yield* Schema.decodeUnknown(FilmTitle)(options.title).pipe(Effect.mapError(() => invalid("the title is empty or longer than 300 characters"))))
    const year =
      options.year === undefined
        ? Option.none<FilmYear>()
        : Option.some(
            yield* Option.match(yearField(options.year), {
              onNone: () => Effect.fail(invalid(`the year ${JSON.stringify(options.year)} is not a film year`)),
              onSome: Effect.succeed
            })
          )
    const imdbId =
      options.imdbId === undefined
        ? Option.none<ImdbId>()
        : Option.some(
            yield* Schema.decodeUnknown(ImdbId)(options.imdbId.trim()).pipe(
              Effect.mapError(() => invalid(`${JSON.stringify(options.imdbId)} is not an IMDb id (tt followed by 7 to 9 digits)`))
            )
          )
    return { title, year, imdbId }
  })

/** A source of facts about the film, with its name. */
interface Candidate {
  readonly source: string
  readonly facts: FilmFacts
}

const toQuery = (title: Option.Option<string>, year: Option.Option<FilmYear>, imdbId: Option.Option<ImdbId>): FilmQuery => ({
  ...(Option.isSome(title) ? { title: title.value } : {}),
  ...(Option.isSome(year) ? { year: year.value } : {}),
  ...(Option.isSome(imdbId) ? { imdbId: imdbId.value } : {})
})

/** Finds the film of the job in `root`. Reads only what it needs; never writes. */
export const discoverFilm = (root: JobRoot, options: FilmOptions = {}): Effect.Effect<DiscoveredFilm, DiscoveryError> =>
  Effect.gen(function* () {
    const explicit = yield* explicitFacts(options)
    const files: Array<JobFile> = []
    const warnings: Array<string> = []
    const readJson = (path: string) =>
      Effect.gen(function* () {
        const file = yield* readJobFile(root, path)
        if (file === null) return Option.none<unknown>()
        files.push(file)
        return Option.some(yield* parseJobJson(file))
      })

    // The TMDB files are always read: they carry the IMDb id, and enrichment.json is also
    // where the stage writes the legacy soundtrack field.
    const tmdb: Array<Candidate> = []
    for (const path of TMDB_FILES) {
      const json = yield* readJson(path)
      if (Option.isSome(json)) tmdb.push({ source: path, facts: tmdbFacts(json.value) })
    }

    if (Option.isSome(explicit.title) || Option.isSome(explicit.imdbId)) {
      return {
        query: toQuery(explicit.title, explicit.year, explicit.imdbId),
        source: "options",
        imdbSource: Option.isSome(explicit.imdbId) ? "options" : null,
        files,
        warnings
      }
    }

    const tried: Array<string> = [...TMDB_FILES]
    const imdbFrom = tmdb.find((c) => Option.isSome(c.facts.imdbId))
    const withTitle = (candidates: ReadonlyArray<Candidate>) => candidates.find((c) => Option.isSome(c.facts.title))

    let chosen = withTitle(tmdb)
    if (chosen === undefined) {
      tried.push("job.json", "job.json#tmdb_enrichment")
      const job = yield* readJson("job.json")
      const facts = Option.map(job, jobFacts)
      chosen = withTitle(
        Option.match(facts, {
          onNone: () => [],
          onSome: (f) => [
            { source: "job.json", facts: f.top },
            { source: "job.json#tmdb_enrichment", facts: f.tmdbEnrichment }
          ]
        })
      )
      if (chosen === undefined) {
        const jobId = Option.getOrElse(
          Option.flatMap(facts, (f) => f.jobId),
          () => basename(root.real)
        )
        const env = yield* findEnvFileName(root.real, jobId)
        if (env.warning !== undefined) warnings.push(env.warning)
        tried.push(env.name ?? ".<job_id>.env")
        if (env.name !== null) {
          const file = yield* readJobFile(root, env.name)
          if (file !== null) {
            files.push(file)
            chosen = withTitle([{ source: env.name, facts: envFacts(parseEnvText(jsonTextOf(file))) }])
          }
        }
      }
    }

    const title = chosen?.facts.title ?? Option.none()
    const imdb = chosen !== undefined && Option.isSome(chosen.facts.imdbId) ? chosen : imdbFrom
    const imdbId = imdb?.facts.imdbId ?? Option.none()
    if (Option.isNone(title) && Option.isNone(imdbId)) {
      return yield* Effect.fail(
        new NoFilmInJob({
          message: `no usable film title in the job directory (looked at ${tried.join(", ")}); pass --title`,
          tried
        })
      )
    }
    const year = Option.orElse(explicit.year, () => chosen?.facts.year ?? Option.none())
    return {
      query: toQuery(title, year, imdbId),
      source: chosen?.source ?? imdb?.source ?? "options",
      imdbSource: imdb?.source ?? null,
      files,
      warnings
    }
  })

/** `discoverFilm` for a job directory path: which film, from which source. */
export const discoverFilmInJob = (jobDir: string, options: FilmOptions = {}): Effect.Effect<DiscoveredFilm, DiscoveryError> =>
  Effect.flatMap(openJobRoot(jobDir), (root) => discoverFilm(root, options))
