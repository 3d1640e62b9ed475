import { Args, Command, Options } from "@effect/cli"
import { FileSystem } from "@effect/platform"
import {
  checkStoreIntegrity,
  filmKey,
  findSoundtracks,
  fuzzyFilmCandidates,
  integrityNotOnPostgres,
  listSoundtracks,
  Origin,
  prepareTitle,
  saveSoundtrack,
  Store,
  type StoredSoundtrack,
  titleSimilarity,
  type Track
} from "@liner/core"
import { exportSoundtracks, importSoundtracks } from "@liner/providers"
import { Clock, Effect, Option } from "effect"
import { copyCommand } from "../db/copy-command.js"
import { migrateCommand } from "../db/migrate-command.js"
import { exitWith, usage } from "../errors.js"
import { filmQueryOrFail } from "../film-query-input.js"
import { storeLayer } from "../layers.js"
import { printErr, printJson, printOut } from "../output.js"
import { renderTable } from "../render/table.js"
import { jsonOption } from "./soundtrack.js"

const nowIso = Clock.currentTimeMillis.pipe(Effect.map((ms) => new Date(ms).toISOString()))

const importCommand = Command.make(
  "import",
  {
    file: Args.file({ name: "FILE", exists: "yes" }).pipe(Args.withDescription("the host pipeline's bollywood_soundtracks.json, or a Liner export")),
    pin: Options.boolean("pin").pipe(Options.withDescription("pin the host file's entries: they win over every other source"))
  },
  ({ file, pin }) =>
    Effect.gen(function* () {
      const fs = yield* FileSystem.FileSystem
      const text = yield* fs.readFileString(file).pipe(Effect.mapError((e) => usage(`cannot read ${file}: ${e.message}`)))
      const json = yield* Effect.try({ try: () => JSON.parse(text) as unknown, catch: (e) => usage(`${file} is not valid JSON: ${(e as Error).message}`) })
      const report = yield* importSoundtracks(json, { now: yield* nowIso, pin })
      for (const skipped of report.skipped) yield* printErr(`liner: skipped "${skipped.key}": ${skipped.reason}`)
      yield* printErr(`imported ${report.imported} film${report.imported === 1 ? "" : "s"}${report.skipped.length > 0 ? `, skipped ${report.skipped.length}` : ""}`)
    })
).pipe(Command.withDescription("Import soundtracks into the local database (entries of the same film and origin are replaced)."))

const exportCommand = Command.make(
  "export",
  { file: Args.path({ name: "FILE" }).pipe(Args.withDescription("where to write (default: standard output)"), Args.optional) },
  ({ file }) =>
    Effect.gen(function* () {
      const document = JSON.stringify(yield* exportSoundtracks(yield* nowIso), null, 2) + "\n"
      if (Option.isNone(file)) return yield* printJson(document)
      const fs = yield* FileSystem.FileSystem
      // Written beside the target and renamed, so an interrupted export never leaves half a file.
      const temporary = `${file.value}.${process.pid}.tmp`
      yield* fs.writeFileString(temporary, document).pipe(Effect.andThen(fs.rename(temporary, file.value)), Effect.mapError((e) => usage(`cannot write ${file.value}: ${e.message}`)))
    })
).pipe(Command.withDescription("Export the local database as Liner's JSON (it round-trips through import)."))

/** `"Title|Singer, Singer|Composer|Lyricist"`: the parts after the title are optional. */
export const parseTrackSpec = (spec: string, position: number): Track | string => {
  const [title = "", singers, composers, lyricists, ...rest] = spec.split("|")
  if (rest.length > 0) return `--track "${spec}": at most four parts, Title|Singers|Composers|Lyricists`
  if (title.trim() === "") return `--track "${spec}": the song title is empty`
  const names = (part: string | undefined) => (part ?? "").split(",").map((n) => n.trim()).filter((n) => n !== "")
  return { position, title: title.trim(), artists: names(singers), composers: names(composers), lyricists: names(lyricists), durationMs: null, musicbrainz: null }
}

const addCommand = Command.make(
  "add",
  {
    title: Options.text("title").pipe(Options.withPseudoName("TITLE"), Options.withDescription("the film's title")),
    year: Options.text("year").pipe(Options.withPseudoName("YYYY"), Options.withDescription("the film's release year, an integer such as 2001"), Options.optional),
    imdb: Options.text("imdb").pipe(Options.withPseudoName("ttNNNNNNN"), Options.withDescription("the film's IMDb id (tt0169102)"), Options.optional),
    tracks: Options.text("track").pipe(Options.withPseudoName("SPEC"), Options.withDescription('a song: "Title|Singer, Singer|Composer|Lyricist" (repeat for each song)'), Options.repeated),
    pin: Options.boolean("pin").pipe(Options.withDescription("pin the entry: it wins over every other source"))
  },
  (flags) =>
    Effect.gen(function* () {
      const query = yield* filmQueryOrFail({ title: flags.title, year: Option.getOrUndefined(flags.year), imdb: Option.getOrUndefined(flags.imdb) })
      if (flags.tracks.length === 0) return yield* usage("give at least one --track")
      const tracks: Array<Track> = []
      for (const [i, spec] of flags.tracks.entries()) {
        const track = parseTrackSpec(spec, i + 1)
        if (typeof track === "string") return yield* usage(track)
        tracks.push(track)
      }
      const title = query.title ?? flags.title
      yield* saveSoundtrack({
        film: { title, year: query.year ?? null, imdbId: query.imdbId ?? null },
        origin: flags.pin ? "pinned" : "imported",
        soundtrack: { album: { title, releaseDate: null, label: null, musicbrainz: null, spotify: null }, tracks, alternatives: [] },
        matchedBy: null,
        confidence: null,
        fetchedAt: yield* nowIso,
        expiresAt: null
      })
      yield* printErr(`${flags.pin ? "pinned" : "added"} ${title}${query.year === undefined ? "" : ` (${query.year})`} with ${tracks.length} song${tracks.length === 1 ? "" : "s"}`)
    })
).pipe(Command.withDescription("Add (or replace) a film's soundtrack by hand; --pin makes it win over every source."))

const summaryRow = (s: StoredSoundtrack) => [
  s.film.title,
  s.film.year === null ? "" : String(s.film.year),
  s.film.imdbId ?? "",
  s.origin,
  String(s.soundtrack.tracks.length),
  s.expiresAt === null ? "never" : s.expiresAt.slice(0, 10)
]
const summaryJson = (s: StoredSoundtrack) => ({ film: s.film, origin: s.origin, album: s.soundtrack.album.title, tracks: s.soundtrack.tracks.length, fetchedAt: s.fetchedAt, expiresAt: s.expiresAt })
const header = ["Film", "Year", "IMDb", "Origin", "Songs", "Expires"]

const listCommand = Command.make("list", { json: jsonOption }, ({ json }) =>
  Effect.gen(function* () {
    const all = [...(yield* listSoundtracks(Origin.literals))].sort(
      (a, b) => a.film.title.localeCompare(b.film.title) || (a.film.year ?? 0) - (b.film.year ?? 0)
    )
    yield* (json ? printJson(JSON.stringify(all.map(summaryJson), null, 2)) : printOut(all.length === 0 ? "The local database is empty." : renderTable(header, all.map(summaryRow))))
  })
).pipe(Command.withDescription("List the films of the local database."))

const searchCommand = Command.make("search", { text: Args.text({ name: "TEXT" }).pipe(Args.withDescription("a title, or part of one; spelling mistakes are tolerated")), json: jsonOption }, ({ text, json }) =>
  Effect.gen(function* () {
    if (text.trim() === "") return yield* usage("the search text is empty")
    const wanted = prepareTitle(text)
    const candidates = (yield* fuzzyFilmCandidates(filmKey(text), 50))
      .map((film) => ({ film, score: titleSimilarity(wanted, film.title) }))
      .filter((c) => c.score >= 0.4)
      .sort((a, b) => b.score - a.score)
      .slice(0, 10)
    const stored = yield* findSoundtracks({ origins: Origin.literals, filmIds: candidates.map((c) => c.film.id) })
    const rows = candidates.flatMap((c) => stored.filter((s) => s.film.id === c.film.id).map((s) => ({ s, score: c.score })))
    if (json) return yield* printJson(JSON.stringify(rows.map(({ s, score }) => ({ ...summaryJson(s), score: Math.round(score * 1000) / 1000 })), null, 2))
    yield* printOut(rows.length === 0 ? `Nothing like "${text}" in the local database.` : renderTable(["Score", ...header], rows.map(({ s, score }) => [score.toFixed(2), ...summaryRow(s)])))
  })
).pipe(Command.withDescription("Search the local database by title, spelling-tolerant."))

const checkCommand = Command.make("check", { json: jsonOption }, ({ json }) =>
  Effect.gen(function* () {
    const store = yield* Store
    if (store.dialect === "postgres") return yield* usage(integrityNotOnPostgres(store.path))
    const report = yield* checkStoreIntegrity
    yield* json ? printJson(JSON.stringify({ path: report.path, ok: report.ok, problems: report.problems }, null, 2)) : printOut(report.ok ? "ok" : report.problems.join("\n"))
    const count = report.problems.length
    // 1, as `liner scrape check` when a site changed: the check ran and found something wrong.
    if (!report.ok) return yield* exitWith(1, `the database ${report.path} failed its check: ${count} problem${count === 1 ? "" : "s"} (restore a copy, or point LINER_DB elsewhere)`)
  })
).pipe(Command.withDescription("Check the local SQLite database with its integrity and foreign key checks: exit 0 when sound, 1 when damaged."))

/**
 * The store is opened by each subcommand that works in it (LINER_DB); `migrate` opens it itself
 * (to run the migrations on purpose) and `copy` opens the two it is given.
 */
export const dbCommand = Command.make("db").pipe(
  Command.withDescription("The local soundtrack database: import, export, add, list, search, check, migrate, copy."),
  Command.withSubcommands([
    importCommand.pipe(Command.provide(storeLayer)),
    exportCommand.pipe(Command.provide(storeLayer)),
    addCommand.pipe(Command.provide(storeLayer)),
    listCommand.pipe(Command.provide(storeLayer)),
    searchCommand.pipe(Command.provide(storeLayer)),
    checkCommand.pipe(Command.provide(storeLayer)),
    migrateCommand,
    copyCommand
  ])
)
