import {
  FilmYear,
  ImdbId,
  Origin,
  type Soundtrack,
  type Store,
  type StoreError,
  listSoundtracks,
  saveSoundtrack
} from "@liner/core"
import { Data, Effect, Either, ParseResult, Schema } from "effect"
import { ExportFile } from "./export-file.js"
import { HostFilm, isHostFile, splitNames } from "./host-file.js"

export class ImportError extends Data.TaggedError("ImportError")<{ readonly reason: string }> {
  override get message(): string {
    return this.reason
  }
}

export interface ImportReport {
  readonly imported: number
  /** Entries left out, with why (a bad entry never stops the others). */
  readonly skipped: ReadonlyArray<{ readonly key: string; readonly reason: string }>
}

const validYear = Schema.decodeUnknownEither(FilmYear)
const validImdb = Schema.decodeUnknownEither(ImdbId)

/** A host entry as a curated soundtrack: names split, unknowns left empty, never guessed. */
const fromHostFilm = (film: HostFilm): Soundtrack => ({
  album: { title: film.title, releaseDate: null, label: null, musicbrainz: null, spotify: null },
  tracks: film.tracks.map((t, i) => ({
    position: i + 1,
    title: t.title,
    artists: splitNames(t.artist),
    composers: splitNames(t.composer),
    lyricists: splitNames(t.lyricist),
    durationMs: t.duration_ms ?? null,
    musicbrainz: null
  })),
  alternatives: []
})

const importHostFile = (json: Record<string, unknown>, origin: Origin, now: string) =>
  Effect.gen(function* () {
    const skipped: Array<{ key: string; reason: string }> = []
    let imported = 0
    for (const [key, value] of Object.entries(json)) {
      if (key.startsWith("_")) continue
      const decoded = Schema.decodeUnknownEither(HostFilm)(value)
      if (Either.isLeft(decoded)) {
        skipped.push({ key, reason: ParseResult.TreeFormatter.formatErrorSync(decoded.left) })
        continue
      }
      const film = decoded.right
      const year = film.year === undefined || film.year === null ? null : film.year
      if (year !== null && Either.isLeft(validYear(year))) {
        skipped.push({ key, reason: `year ${year} is not a film year` })
        continue
      }
      const imdbId = film.imdb_id ? film.imdb_id.trim() : null
      if (imdbId !== null && Either.isLeft(validImdb(imdbId))) {
        skipped.push({ key, reason: `imdb_id "${imdbId}" is not an IMDb id` })
        continue
      }
      yield* saveSoundtrack({
        film: { title: film.title, year, imdbId },
        origin,
        soundtrack: fromHostFilm(film),
        matchedBy: null,
        confidence: null,
        fetchedAt: now,
        expiresAt: null
      })
      imported++
    }
    return { imported, skipped }
  })

const importExportFile = (file: ExportFile) =>
  Effect.gen(function* () {
    for (const entry of file.soundtracks)
      yield* saveSoundtrack({
        film: entry.film,
        origin: entry.origin,
        soundtrack: entry.soundtrack,
        matchedBy: entry.matchedBy as never,
        confidence: entry.confidence,
        fetchedAt: entry.fetchedAt,
        expiresAt: entry.expiresAt
      })
    return { imported: file.soundtracks.length, skipped: [] }
  })

/**
 * Imports the host pipeline's `bollywood_soundtracks.json` (entries become `imported`, or
 * `pinned` when asked) or Liner's own export (origins kept). Entries already stored from the
 * same origin are replaced; nothing else is touched.
 */
export const importSoundtracks = (
  json: unknown,
  options: { readonly now: string; readonly pin?: boolean }
): Effect.Effect<ImportReport, ImportError | StoreError, Store> => {
  if (typeof json === "object" && json !== null && "liner" in json) {
    return Schema.decodeUnknown(ExportFile)(json).pipe(
      Effect.mapError((e) => new ImportError({ reason: `not a Liner export: ${ParseResult.TreeFormatter.formatErrorSync(e)}` })),
      Effect.flatMap(importExportFile)
    )
  }
  if (!isHostFile(json))
    return Effect.fail(new ImportError({ reason: 'expected a JSON object keyed "Title (Year)" or a Liner export' }))
  return importHostFile(json, options.pin === true ? "pinned" : "imported", options.now)
}

/** Every stored soundtrack as Liner's export document. */
export const exportSoundtracks = (now: string): Effect.Effect<ExportFile, StoreError, Store> =>
  listSoundtracks(Origin.literals).pipe(
    Effect.map((all) => ({
      liner: "soundtracks" as const,
      version: 1 as const,
      exportedAt: now,
      soundtracks: [...all]
        .sort((a, b) => a.id - b.id)
        .map((s) => ({
          film: { title: s.film.title, year: s.film.year, imdbId: s.film.imdbId },
          origin: s.origin,
          matchedBy: s.matchedBy,
          confidence: s.confidence,
          fetchedAt: s.fetchedAt,
          expiresAt: s.expiresAt,
          soundtrack: s.soundtrack
        }))
    }))
  )
