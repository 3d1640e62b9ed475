/**
 * A stand-in for our own soundtrack cascade at the service boundary (`SoundtrackFinder`), built
 * from the host's real local database (`48e3e20__config__bollywood_soundtracks.json`). The lead's
 * end-to-end tests use the real cascade; here we need to control the answer and count the calls.
 */
import { emptySoundtrackResult, type FilmQuery, romanizedKey, SoundtrackFinder, type SoundtrackResult, type Track } from "@liner/core"
import { readPipelineFixtureText } from "@liner/testkit"
import { Effect, Layer } from "effect"

interface DbEntry {
  readonly title: string
  readonly year: number
  readonly imdb_id: string
  readonly tracks: ReadonlyArray<{ readonly title: string; readonly artist: string; readonly composer: string }>
}

const database = JSON.parse(readPipelineFixtureText("localDatabase")) as Record<string, DbEntry>
const films = Object.entries(database)
  .filter(([key]) => !key.startsWith("_"))
  .map(([, entry]) => entry)

/** The database entry's tracks in Liner's shape (singers split on commas, no durations). */
export const localTracks = (entry: DbEntry = films[0]!): ReadonlyArray<Track> =>
  entry.tracks.map((t, i) => ({
    position: i + 1,
    title: t.title,
    artists: t.artist.split(",").map((a) => a.trim()),
    composers: [t.composer],
    lyricists: [],
    durationMs: null
  }))


const base = (query: FilmQuery): SoundtrackResult => emptySoundtrackResult(query, "not_found", [])

/** What the local tier would answer: the film whose title key (and year, when given) agrees. */
export const localAnswer = (query: FilmQuery): SoundtrackResult => {
  const film = films.find(
    (f) => query.title !== undefined && romanizedKey(f.title) === romanizedKey(query.title) && (query.year === undefined || query.year === f.year)
  )
  if (film === undefined) return { ...base(query), attempts: [{ tier: "local", outcome: "not_found", durationMs: 1 }] }
  return {
    ...base(query),
    status: "found",
    source: "local",
    matchedBy: "title",
    confidence: 0.9,
    fetchedAt: "2025-11-17T10:00:00.000Z",
    origin: "imported",
    album: { title: film.title, releaseDate: null, label: null, musicbrainz: null, spotify: null },
    tracks: localTracks(film),
    attempts: [
      { tier: "musicbrainz", outcome: "not_found", durationMs: 12, requests: 2 },
      { tier: "local", outcome: "found", durationMs: 1 }
    ]
  }
}

/** MusicBrainz could not be reached and nothing else had it. */
export const unavailableAnswer = (query: FilmQuery): SoundtrackResult => ({
  ...base(query),
  status: "unavailable",
  attempts: [
    { tier: "cache", outcome: "not_found", durationMs: 1 },
    { tier: "musicbrainz", outcome: "failed", durationMs: 30_000, requests: 4, detail: "503 from musicbrainz after 4 tries" }
  ]
})

export interface CountingFinder {
  readonly layer: Layer.Layer<SoundtrackFinder>
  readonly calls: Array<FilmQuery>
}

/** A finder answering with `answer`, recording every query it is asked. */
export const countingFinder = (answer: (q: FilmQuery) => SoundtrackResult = localAnswer): CountingFinder => {
  const calls: Array<FilmQuery> = []
  const layer = Layer.succeed(SoundtrackFinder, {
    find: (query) =>
      Effect.sync(() => {
        calls.push(query)
        return answer(query)
      })
  })
  return { layer, calls }
}
