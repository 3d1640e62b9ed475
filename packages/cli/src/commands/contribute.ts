/**
 * `liner contribute FILM [--out FILE] [--open]` and `liner contribute --status [--json]`: give a
 * soundtrack Liner holds (curated, imported, Discogs, Spotify) back to MusicBrainz as a page that
 * seeds its release editor, and follow whether it landed there.
 */
import { Args, Command, Options } from "@effect/cli"
import {
  findContributableSoundtrack,
  listContributions,
  markLandedContributions,
  notSeedable,
  recordContribution,
  releaseSeed,
  seedProblems,
  type SeedOptions,
  type StoredFilm
} from "@liner/core"
import { musicBrainzSettingsConfig } from "@liner/providers"
import { Clock, Effect, Option } from "effect"
import { createHash } from "node:crypto"
import { rename, writeFile } from "node:fs/promises"
import { resolve } from "node:path"
import { openInBrowser } from "../contribute/open-in-browser.js"
import { seedPage } from "../contribute/seed-page.js"
import { contributionsJson, contributionsText } from "../contribute/status-text.js"
import { ExitCode, exitWith, usage } from "../errors.js"
import { filmQueryOrFail } from "../film-query-input.js"
import { printErr, printJson, printOut } from "../output.js"
import { excerpt } from "../terminal-safe.js"
import { jsonOption } from "./soundtrack.js"

const filmArg = Args.text({ name: "FILM" }).pipe(Args.withDescription("the film: its title, or its IMDb id (tt0169102)"), Args.optional)
const year = Options.text("year").pipe(Options.withPseudoName("YYYY"), Options.withDescription("the film's release year, when several films share the title"), Options.optional)
const imdb = Options.text("imdb").pipe(Options.withPseudoName("ttNNNNNNN"), Options.withDescription("the film's IMDb id"), Options.optional)
const out = Options.file("out").pipe(
  Options.withPseudoName("FILE"),
  Options.withDescription("write the page to FILE (- for standard output); by default TITLE-YEAR.musicbrainz.html in the current folder"),
  Options.optional
)
const open = Options.boolean("open").pipe(Options.withDescription("open the page in your browser (xdg-open or open)"))
const status = Options.boolean("status").pipe(Options.withDescription("list the contributions, pending or landed in MusicBrainz"))
const language = Options.text("language").pipe(Options.withPseudoName("CODE"), Options.withDescription("the release's language, ISO 639-3 (hin, tam, tel…)"), Options.optional)
const country = Options.text("country").pipe(Options.withPseudoName("CC"), Options.withDescription("the release country, ISO 3166-1 (IN, or XW for worldwide)"), Options.optional)
const format = Options.text("format").pipe(Options.withPseudoName("NAME"), Options.withDescription('the medium\'s format as MusicBrainz names it ("CD", "Digital Media")'), Options.optional)
const releaseGroup = Options.text("release-group").pipe(
  Options.withPseudoName("MBID"),
  Options.withDescription("add the release to this existing MusicBrainz release group instead of creating one"),
  Options.optional
)

const mbid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** The seeding settings the user gave, checked against what the release editor accepts. */
const seedOptionsOf = (flags: {
  readonly language: Option.Option<string>
  readonly country: Option.Option<string>
  readonly format: Option.Option<string>
  readonly releaseGroup: Option.Option<string>
}): Effect.Effect<SeedOptions, ReturnType<typeof usage>> =>
  Effect.gen(function* () {
    const lang = Option.map(flags.language, (s) => s.trim().toLowerCase())
    if (Option.isSome(lang) && !/^[a-z]{3}$/.test(lang.value)) return yield* usage(`--language: expected an ISO 639-3 code such as hin, got "${excerpt(lang.value)}"`)
    const cc = Option.map(flags.country, (s) => s.trim().toUpperCase())
    if (Option.isSome(cc) && !/^[A-Z]{2}$/.test(cc.value)) return yield* usage(`--country: expected a two-letter country code such as IN, got "${excerpt(cc.value)}"`)
    const medium = Option.map(flags.format, (s) => s.trim())
    if (Option.isSome(medium) && medium.value === "") return yield* usage("--format is empty")
    const group = Option.map(flags.releaseGroup, (s) => s.trim().toLowerCase())
    if (Option.isSome(group) && !mbid.test(group.value)) return yield* usage(`--release-group: expected a MusicBrainz id (8-4-4-4-12 hex digits), got "${excerpt(group.value)}"`)
    return {
      language: Option.getOrUndefined(lang),
      country: Option.getOrUndefined(cc),
      format: Option.getOrUndefined(medium),
      releaseGroupId: Option.getOrUndefined(group)
    }
  })

const filmName = (film: { readonly title: string; readonly year: number | null; readonly imdbId: string | null }) =>
  `${film.title}${film.year === null ? "" : ` (${film.year})`}${film.imdbId === null ? "" : ` ${film.imdbId}`}`

/** `Jaane Tu... Ya Jaane Na`, 2008 → `jaane-tu-ya-jaane-na-2008.musicbrainz.html`. */
const defaultFileName = (film: StoredFilm): string => {
  const slug = film.title
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase()
    .slice(0, 80)
  return `${slug === "" ? "soundtrack" : slug}${film.year === null ? "" : `-${film.year}`}.musicbrainz.html`
}

/** Written whole or not at all: a temporary file beside it, then renamed. */
const writePage = (path: string, html: string) =>
  Effect.tryPromise({
    try: async () => {
      const temporary = `${path}.${process.pid}.tmp`
      await writeFile(temporary, html)
      await rename(temporary, path)
    },
    catch: (error) => usage(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  })

const showStatus = (json: boolean) =>
  Effect.gen(function* () {
    yield* markLandedContributions()
    const contributions = yield* listContributions()
    yield* json ? printJson(contributionsJson(contributions)) : printOut(contributionsText(contributions))
  })

export const contributeCommand = Command.make(
  "contribute",
  { filmArg, year, imdb, out, open, status, json: jsonOption, language, country, format, releaseGroup },
  (flags) =>
    Effect.gen(function* () {
      if (flags.status) {
        const extra = [Option.isSome(flags.filmArg), Option.isSome(flags.year), Option.isSome(flags.imdb), Option.isSome(flags.out), flags.open].some(Boolean)
        if (extra) return yield* usage("--status lists every contribution: give no film, --year, --imdb, --out or --open with it")
        return yield* showStatus(flags.json)
      }
      if (flags.json) return yield* usage("--json goes with --status (the page itself is HTML)")
      if (Option.isNone(flags.filmArg) && Option.isNone(flags.imdb)) return yield* usage("name the film: liner contribute TITLE [--year YYYY], or liner contribute ttNNNNNNN")
      const asImdb = Option.filter(flags.filmArg, (film) => /^tt\d+$/.test(film.trim()))
      if (Option.isSome(asImdb) && Option.isSome(flags.imdb)) return yield* usage("give the IMDb id once: as the film or with --imdb")
      const query = yield* filmQueryOrFail({
        title: Option.isSome(asImdb) ? undefined : Option.getOrUndefined(flags.filmArg),
        year: Option.getOrUndefined(flags.year),
        imdb: Option.getOrUndefined(Option.orElse(asImdb, () => flags.imdb))
      })
      const options = yield* seedOptionsOf(flags)
      const { baseUrl } = yield* musicBrainzSettingsConfig

      const found = yield* findContributableSoundtrack(query)
      const asked = query.title ?? query.imdbId ?? ""
      switch (found._tag) {
        case "NotHeld":
          return yield* exitWith(
            ExitCode.notFound,
            `Liner holds no soundtrack of "${asked}"${query.year === undefined ? "" : ` (${query.year})`}: look it up (liner soundtrack) or add it (liner db add), then contribute it`
          )
        case "Ambiguous":
          return yield* usage(`several films answer to "${asked}": ${found.films.map(filmName).join("; ")}; give --year or the IMDb id`)
        case "InMusicBrainz":
          return yield* exitWith(
            ExitCode.notFound,
            `MusicBrainz has the soundtrack of ${filmName(found.film)} already${found.releaseGroupId === null ? "" : ` (release group ${found.releaseGroupId})`}: nothing to contribute`
          )
        case "Contributable":
          break
      }
      const stored = found.soundtrack
      const problems = seedProblems(stored.soundtrack)
      if (problems.length > 0)
        return yield* usage(`the soundtrack of ${filmName(stored.film)} cannot be offered to MusicBrainz as it is (fix it with liner db add):\n  ${problems.join("\n  ")}`)

      const html = seedPage({ stored, fields: releaseSeed(stored, options), checklist: notSeedable(stored, options), musicBrainzUrl: baseUrl })
      const digest = createHash("sha256").update(html).digest("hex")
      const target = Option.getOrElse(flags.out, () => defaultFileName(stored.film))
      if (target === "-") {
        if (flags.open) return yield* usage("--open needs a file: give --out FILE (or none) instead of -")
        yield* printJson(html)
      } else yield* writePage(target, html)
      yield* recordContribution({
        filmId: stored.film.id,
        digest,
        origin: stored.origin,
        albumTitle: stored.soundtrack.album.title,
        createdAt: new Date(yield* Clock.currentTimeMillis).toISOString()
      })
      if (target === "-") return
      yield* printErr(`seeding page for "${stored.soundtrack.album.title}" written to ${target}: open it, review the values, and press its button to continue in MusicBrainz's release editor`)
      if (flags.open) {
        const failed = yield* openInBrowser(resolve(target))
        if (failed !== null) yield* printErr(`liner: cannot open a browser (${failed}): open ${target} yourself`)
      }
    })
).pipe(
  Command.withDescription(
    "Give a soundtrack Liner holds back to MusicBrainz: write a page that seeds its release editor (you review and save it there), or list contributions with --status. Exit 0 written, 1 not held or already in MusicBrainz, 2 bad input or data to fix."
  )
)
