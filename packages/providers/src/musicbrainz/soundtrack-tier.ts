import {
  Answer,
  type Alternative,
  decide,
  defaultMatchRule,
  type FilmQuery,
  filmTitleSimilarity,
  filmYearFactor,
  type MatchRule,
  nameSimilarity,
  prepareTitle,
  type ScoredCandidate,
  type Soundtrack,
  type Tier,
  type TierFailure
} from "@liner/core"
import { Effect, Option, Schema } from "effect"
import { isSameFilm, type ReleaseGroupCandidate, scoreReleaseGroups } from "./candidates.js"
import { incParam, MusicBrainzClient, type MusicBrainzClientService, musicBrainzTierName, type MusicBrainzNotFound } from "./client.js"
import { phrase } from "./lucene.js"
import { chooseRelease } from "./release-choice.js"
import {
  MbRelease,
  MbReleaseBrowse,
  type MbReleaseGroupRef,
  MbReleaseGroupSearch,
  MbUrl,
  MbUrlList
} from "./schemas.js"
import { albumOf, tracksOf } from "./tracks.js"
import { skipWikidata } from "../wikidata/attempt-log.js"
import { wikidataFilmStep } from "../wikidata/film-step.js"
import { fillCreditsFromWikidata, soundtrackLacksCredits } from "../wikidata/credit-fill.js"
import type { WikidataFilm } from "../wikidata/schemas.js"

/**
 * The MusicBrainz soundtrack tier: film → soundtrack album with its songs and credits.
 *
 * 1. IMDb link (when the query has an IMDb id): ONE url lookup with both the current
 *    `https://www.imdb.com/title/ttN/` and the legacy `http://…` form as two `resource`s
 *    (multi-resource envelope; `url-count: 0` is a miss). Relations of type "IMDb" whose target
 *    type is `release_group` are the film's albums; the songs album is preferred over a score,
 *    then the title closest to the asked one, the year closest, the earliest. The others become
 *    `alternatives`. Confidence 0.97 for a single songs album, 0.9 when several, 0.85 for a score.
 * 2. Title search (no IMDb id, or no link): `releasegroup:"<title>" AND secondarytype:soundtrack`,
 *    candidates scored by `candidates.ts` and decided by core's `decide` (ambiguous answers are
 *    refused). Soundtracks of the same film that lost become `alternatives`.
 *    Confidence: the score, at most 0.95, minus 0.05 when the margin is under 0.2.
 * 3. The release: when the search hit lists exactly one release, that one; otherwise ONE browse
 *    `release?release-group=<id>&inc=media&limit=100` (it carries status, date, country and the
 *    track counts that `release-choice.ts` ranks on — the release-group lookup has no counts).
 * 4. ONE release lookup with every credit (`tracks.ts` turns it into tracks).
 *
 * Between 1 and 2, when the query has an IMDb id that no release group links (the Wikidata
 * bridge, `../wikidata`): the film's Wikidata item (one SPARQL query, cached in the store) may
 * name its soundtrack album's MusicBrainz release group (P436); that group is fetched (steps 3
 * and 4) and answers with `matchedBy: "wikidata"`, confidence 0.9 (0.85 when Wikidata names
 * several). Wikidata's composers are evidence for the title search: when candidates are too
 * close to call, the one whose artist credit names a Wikidata composer wins — if it is the only
 * one; otherwise the answer stays "ambiguous".
 *
 * Requests per film: IMDb hit 3 (url, browse, release); title hit 2 when the group has one
 * release, 3 otherwise, plus 1 when an IMDb id was given but not linked; a Wikidata bridge hit
 * 3 (url, browse, release) plus Wikidata's own query (counted on its attempt).
 */

export const IMDB_LINK_TYPE_ID = "85b0a010-3237-47c7-8476-6fcefd4761af"

export const RELEASE_LOOKUP_INC = incParam(
  "artist-credits",
  "labels",
  "recordings",
  "release-groups",
  "recording-level-rels",
  "work-rels",
  "work-level-rels",
  "artist-rels"
)

export const imdbUrls = (imdbId: string): readonly [string, string] => [
  `https://www.imdb.com/title/${imdbId}/`,
  `http://www.imdb.com/title/${imdbId}/`
]

export interface MusicBrainzSoundtrackTierOptions {
  /** Minimum score and margin for a title match (default: core's `defaultMatchRule`). */
  readonly rule?: MatchRule
}

/** A release group to fetch, with what the search already told about its releases. */
interface Chosen {
  readonly id: string
  readonly title: string
  readonly firstReleaseDate: string
  readonly listedReleases: ReadonlyArray<MbRelease>
  readonly releaseCount: number | undefined
}

type Found = {
  readonly chosen: Chosen
  readonly alternatives: ReadonlyArray<Alternative>
  readonly matchedBy: "imdb" | "title" | "wikidata"
  readonly confidence: number
}

const alternativeOf = (g: { readonly id: string; readonly title: string }): Alternative => ({
  source: "musicbrainz",
  title: g.title,
  releaseGroupId: g.id
})

/** One answer for both forms of the url lookup: the envelope (two resources) or a single url. */
const UrlAnswer = Schema.Union(MbUrlList, MbUrl)

/** The film's albums linked to its IMDb page (both URL forms), deduplicated. */
const linkedReleaseGroups = (
  client: MusicBrainzClientService,
  imdbId: string
): Effect.Effect<ReadonlyArray<MbReleaseGroupRef>, TierFailure> =>
  client.get("url", { resource: [...imdbUrls(imdbId)], inc: "release-group-rels" }, UrlAnswer).pipe(
    Effect.map((answer) => ("urls" in answer ? answer.urls : [answer])),
    Effect.catchTag("MusicBrainzNotFound", () => Effect.succeed([])),
    Effect.map((urls) => {
      const byId = new Map<string, MbReleaseGroupRef>()
      for (const relation of urls.flatMap((u) => u.relations)) {
        const isImdb = relation["type-id"] === IMDB_LINK_TYPE_ID || (relation["type-id"] === null && relation.type === "IMDb")
        if (isImdb && relation["target-type"] === "release_group" && relation.release_group !== undefined) {
          byId.set(relation.release_group.id, relation.release_group)
        }
      }
      return [...byId.values()]
    })
  )

const yearOf = (date: string): number | undefined => (/^\d{4}/.test(date) ? Number(date.slice(0, 4)) : undefined)

/** Songs album first, then the closest title, the closest year, the earliest date, the MBID. */
const chooseLinked = (groups: ReadonlyArray<MbReleaseGroupRef>, query: FilmQuery): Found | undefined => {
  const asked = query.title === undefined ? undefined : prepareTitle(query.title)
  const ranked = groups
    .map((g) => {
      const prepared = prepareTitle(g.title)
      const year = yearOf(g["first-release-date"])
      return {
        g,
        isScore: prepared.isScore,
        title: asked === undefined ? 1 : filmTitleSimilarity({ title: asked, year: query.year }, { title: prepared, year }),
        year: filmYearFactor(query.year, year)
      }
    })
    .sort(
      (a, b) =>
        Number(a.isScore) - Number(b.isScore) ||
        b.title - a.title ||
        b.year - a.year ||
        (a.g["first-release-date"] || "9999").localeCompare(b.g["first-release-date"] || "9999") ||
        a.g.id.localeCompare(b.g.id)
    )
  const best = ranked[0]
  if (best === undefined) return undefined
  const songsAlbums = ranked.filter((r) => !r.isScore).length
  return {
    chosen: { id: best.g.id, title: best.g.title, firstReleaseDate: best.g["first-release-date"], listedReleases: [], releaseCount: undefined },
    alternatives: ranked.slice(1).map((r) => alternativeOf(r.g)),
    matchedBy: "imdb",
    confidence: best.isScore ? 0.85 : songsAlbums === 1 ? 0.97 : 0.9
  }
}

const candidateOf = (c: ReleaseGroupCandidate): Chosen => ({
  id: c.group.id,
  title: c.group.title,
  firstReleaseDate: c.group["first-release-date"],
  listedReleases: c.group.releases,
  releaseCount: c.group.count
})

type SearchOutcome = { readonly _tag: "Found"; readonly found: Found } | { readonly _tag: "Answer"; readonly answer: Answer<never> }

/** A name of the release group's artist credit agrees with one of the composers (initials, order and one typo aside). */
const creditedToOneOf = (candidate: ReleaseGroupCandidate, composers: ReadonlyArray<string>): boolean =>
  candidate.group["artist-credit"].some((credit) =>
    composers.some((composer) => nameSimilarity(credit.name, composer) >= 0.9 || nameSimilarity(credit.artist.name, composer) >= 0.9)
  )

/**
 * The close candidates of an ambiguous decision (good enough, within the margin of the best)
 * whose artist credit names the film's composer: the winner when exactly one does.
 */
const composerTieBreak = (
  scored: ReadonlyArray<ScoredCandidate<ReleaseGroupCandidate>>,
  rule: MatchRule,
  composers: ReadonlyArray<string>
): ScoredCandidate<ReleaseGroupCandidate> | undefined => {
  if (composers.length === 0) return undefined
  const ranked = [...scored].filter((s) => Number.isFinite(s.score)).sort((a, b) => b.score - a.score)
  const best = ranked[0]
  if (best === undefined) return undefined
  const close = ranked.filter((s) => s.score >= rule.minScore - 1e-9 && best.score - s.score < rule.minMargin - 1e-9)
  const agreeing = close.filter((s) => creditedToOneOf(s.candidate, composers))
  return agreeing.length === 1 ? agreeing[0] : undefined
}

const searchByTitle = (
  client: MusicBrainzClientService,
  title: string,
  year: number | undefined,
  rule: MatchRule,
  composers: ReadonlyArray<string>
): Effect.Effect<SearchOutcome, TierFailure | MusicBrainzNotFound> =>
  Effect.gen(function* () {
    const query = `${phrase("releasegroup", title)} AND secondarytype:soundtrack`
    const answer = yield* client.get("release-group", { query, limit: "25" }, MbReleaseGroupSearch)
    const scored = scoreReleaseGroups(title, year, answer["release-groups"], rule.minScore)
    const decision = decide(scored, rule)
    const accepted = (chosen: ReleaseGroupCandidate, confidence: number): SearchOutcome => ({
      _tag: "Found",
      found: {
        chosen: candidateOf(chosen),
        alternatives: scored
          .map((s) => s.candidate)
          .filter((c) => c.group.id !== chosen.group.id && isSameFilm(c, year, rule.minScore))
          .map((c) => alternativeOf(c.group)),
        matchedBy: "title",
        confidence: Math.round(confidence * 1000) / 1000
      }
    })
    switch (decision._tag) {
      case "NoMatch":
        return {
          _tag: "Answer",
          answer: Answer.notFound(
            decision.best === undefined
              ? `no soundtrack release group titled like "${title}"`
              : `no soundtrack release group close enough to "${title}" (best: ${decision.best.label}, ${decision.best.score.toFixed(2)})`
          )
        } as const
      case "Ambiguous": {
        // Too close on text: Wikidata's composer may tell them apart (a tie broken is a narrow win: 0.85 at most).
        const winner = composerTieBreak(scored, rule, composers)
        if (winner !== undefined) return accepted(winner.candidate, Math.min(0.9, winner.score) - 0.05)
        return { _tag: "Answer", answer: Answer.ambiguous(decision.candidates) } as const
      }
      case "Accepted":
        return accepted(decision.candidate, Math.min(0.95, decision.score) - (decision.margin < 0.2 ? 0.05 : 0))
    }
  })

/** The releases to choose from: the search's own list when it is the whole (single) list, else one browse. */
const releasesOf = (client: MusicBrainzClientService, chosen: Chosen): Effect.Effect<ReadonlyArray<MbRelease>, TierFailure | MusicBrainzNotFound> =>
  chosen.listedReleases.length === 1 && (chosen.releaseCount ?? 1) === 1
    ? Effect.succeed(chosen.listedReleases)
    : client
        .get("release", { "release-group": chosen.id, inc: "media", limit: "100" }, MbReleaseBrowse)
        .pipe(Effect.map((page) => page.releases))

const soundtrackOf = (
  client: MusicBrainzClientService,
  found: Found
): Effect.Effect<Answer<Soundtrack>, TierFailure | MusicBrainzNotFound> =>
  Effect.gen(function* () {
    const releases = yield* releasesOf(client, found.chosen)
    const choice = chooseRelease(releases)
    if (choice === undefined) return Answer.notFound(`release group ${found.chosen.id} has no releases`)
    const release = yield* client.get(`release/${choice.id}`, { inc: RELEASE_LOOKUP_INC }, MbRelease)
    const tracks = tracksOf(release)
    if (tracks.length === 0) return Answer.notFound(`release ${release.id} of "${found.chosen.title}" lists no songs`)
    const group = release["release-group"]
    const album = albumOf(release, {
      id: found.chosen.id,
      title: group?.title || found.chosen.title,
      firstReleaseDate: group?.["first-release-date"] || found.chosen.firstReleaseDate
    })
    return Answer.found<Soundtrack>({ album, tracks, alternatives: found.alternatives }, found.matchedBy, found.confidence)
  })

/**
 * The release group Wikidata names for the film (the first album's first id; the others become
 * alternatives), fetched like a linked one. Not found when MusicBrainz no longer has it (merged,
 * deleted) or it has no releases: the title search then goes on.
 */
const bridgedSoundtrack = (
  client: MusicBrainzClientService,
  film: WikidataFilm
): Effect.Effect<Answer<Soundtrack>, TierFailure> => {
  const groups = film.albums.flatMap((album) => album.releaseGroupIds.map((id) => ({ id, title: album.label ?? film.label ?? "" })))
  const unique = groups.filter((g, i) => groups.findIndex((o) => o.id === g.id) === i)
  const first = unique[0]
  if (first === undefined) return Effect.succeed(Answer.notFound())
  const found: Found = {
    chosen: { id: first.id, title: first.title, firstReleaseDate: "", listedReleases: [], releaseCount: undefined },
    alternatives: unique.slice(1).map(alternativeOf),
    matchedBy: "wikidata",
    confidence: unique.length === 1 ? 0.9 : 0.85
  }
  return soundtrackOf(client, found).pipe(
    Effect.catchTag("MusicBrainzNotFound", (missing) => Effect.succeed(Answer.notFound(`musicbrainz has no ${missing.path}`)))
  )
}

/** The answer with the composers and lyricists MusicBrainz lacks filled from Wikidata (marked as such). */
const withWikidataCredits = (answer: Answer<Soundtrack>, film: WikidataFilm): Answer<Soundtrack> =>
  answer._tag === "Found" ? { ...answer, value: fillCreditsFromWikidata(answer.value, film) } : answer

export const makeMusicBrainzSoundtrackTier = (
  options: MusicBrainzSoundtrackTierOptions = {}
): Tier<FilmQuery, Soundtrack, MusicBrainzClient> => {
  const rule = options.rule ?? defaultMatchRule
  return {
    name: musicBrainzTierName,
    risk: "api",
    lookup: (query) =>
      Effect.gen(function* () {
        const client = yield* MusicBrainzClient
        if (!client.settings.enabled) {
          yield* skipWikidata("MusicBrainz is turned off (USE_MUSICBRAINZ=false)")
          return Answer.skipped("turned off (USE_MUSICBRAINZ=false)")
        }
        let wikidata: WikidataFilm | undefined
        if (query.imdbId !== undefined) {
          const linked = chooseLinked(yield* linkedReleaseGroups(client, query.imdbId), query)
          if (linked !== undefined) {
            const answer = yield* soundtrackOf(client, linked)
            // Wikidata is asked only for the credits MusicBrainz lacks.
            if (answer._tag !== "Found" || !soundtrackLacksCredits(answer.value)) {
              yield* skipWikidata("the IMDb link answered")
              return answer
            }
            const film = yield* wikidataFilmStep(query.imdbId)
            return Option.isSome(film) ? withWikidataCredits(answer, film.value) : answer
          }
          const film = yield* wikidataFilmStep(query.imdbId)
          if (Option.isSome(film)) {
            const bridged = yield* bridgedSoundtrack(client, film.value)
            if (bridged._tag === "Found") return withWikidataCredits(bridged, film.value)
            wikidata = film.value
          }
        } else yield* skipWikidata("no IMDb id")
        if (query.title === undefined) return Answer.notFound(`no soundtrack linked to IMDb ${query.imdbId ?? ""}`)
        const outcome = yield* searchByTitle(client, query.title, query.year, rule, wikidata?.composers ?? [])
        if (outcome._tag === "Answer") return outcome.answer
        const answer = yield* soundtrackOf(client, outcome.found)
        return wikidata === undefined ? answer : withWikidataCredits(answer, wikidata)
      }).pipe(
        // An entity that vanished between two requests (merged, deleted): nothing to report.
        Effect.catchTag("MusicBrainzNotFound", (missing) => Effect.succeed(Answer.notFound(`musicbrainz has no ${missing.path}`)))
      )
  }
}

/** The tier with core's default match rule. */
export const musicBrainzSoundtrackTier: Tier<FilmQuery, Soundtrack, MusicBrainzClient> = makeMusicBrainzSoundtrackTier()
