import { FetchHttpClient } from "@effect/platform"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { Effect, Layer, Ref, Schema } from "effect"
import { type Answer, FilmQuery, RequestMeter, type Soundtrack } from "@liner/core"
import {
  addGeneratedFilms,
  type DefaultMusicBrainzCatalogue,
  defaultMusicBrainzCatalogue,
  type FakeFilm,
  type FakeMusicBrainz,
  startFakeMusicBrainz
} from "@liner/testkit"
import { MusicBrainzConfig, musicBrainzClientLayer, musicBrainzSoundtrackTier } from "../src/index.js"

const RATE = 50

let server: FakeMusicBrainz
let data: DefaultMusicBrainzCatalogue

beforeEach(async () => {
  data = defaultMusicBrainzCatalogue()
  server = await startFakeMusicBrainz({ catalogue: data.catalogue, rate: RATE })
})
afterEach(async () => {
  await server.close()
})

const layer = (overrides: Partial<Parameters<typeof MusicBrainzConfig.make>[0]> = {}) =>
  musicBrainzClientLayer.pipe(
    Layer.provide(
      MusicBrainzConfig.make({
        baseUrl: server.url,
        rate: RATE,
        contact: "liner-tests@example.org",
        requestTimeout: "3 seconds",
        retry: { base: "20 millis", times: 3, maxRetryAfter: "5 seconds" },
        ...overrides
      })
    ),
    Layer.provide(FetchHttpClient.layer)
  )

/** Runs the tier as the cascade does, with a request meter; returns the answer and the count. */
const lookup = (query: Schema.Schema.Encoded<typeof FilmQuery>, overrides: Partial<Parameters<typeof MusicBrainzConfig.make>[0]> = {}) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const meter = yield* Ref.make(0)
      const film = yield* Schema.decodeUnknown(FilmQuery)(query)
      const answer = yield* musicBrainzSoundtrackTier.lookup(film).pipe(Effect.provideService(RequestMeter, meter))
      return { answer, requests: yield* Ref.get(meter) }
    }).pipe(Effect.provide(layer(overrides)))
  )

const found = (answer: Answer<Soundtrack>) => {
  if (answer._tag !== "Found") throw new Error(`expected Found, got ${JSON.stringify(answer)}`)
  return answer
}

describe("MusicBrainz soundtrack tier", () => {
  it("finds a film by its https IMDb link in three requests, with the official complete release", async () => {
    const film = data.films.linkedHttps
    const { answer, requests } = await lookup({ imdbId: "tt9100001", title: "Dil Ki Raahein", year: 2011 })
    const hit = found(answer)
    expect(hit.matchedBy).toBe("imdb")
    expect(hit.confidence).toBeGreaterThan(0.9)
    expect(hit.value.album.musicbrainz).toEqual({ releaseGroupId: film.album.releaseGroupId, releaseId: film.album.releaseIds[0] })
    expect(hit.value.album.title).toBe("Dil Ki Raahein (Original Motion Picture Soundtrack)")
    expect(hit.value.album.label).toBe("Saregama India")
    expect(hit.value.album.releaseDate).toBe("2011-05-02")
    expect(requests).toBe(3)
    expect(server.requests.map((r) => r.path)).toEqual([
      "/ws/2/url",
      "/ws/2/release",
      `/ws/2/release/${film.album.releaseIds[0]}`
    ])
    // One url lookup with both forms of the IMDb URL.
    expect(server.requests[0]!.query.getAll("resource")).toEqual(["https://www.imdb.com/title/tt9100001/", "http://www.imdb.com/title/tt9100001/"])
    expect(server.requests[0]!.query.get("inc")).toBe("release-group-rels")
  })

  it("reads singers, composers, lyricists and durations from the release, leaving the data track out", async () => {
    const { answer } = await lookup({ imdbId: "tt9100001" })
    const tracks = found(answer).value.tracks
    expect(tracks.map((t) => [t.position, t.title])).toEqual([
      [1, "Saawan Aaya"],
      [2, "Tere Bina"],
      [3, "Dhoom Dhadaka"],
      [4, "Raahein (Reprise)"]
    ])
    expect(tracks[0]).toMatchObject({
      artists: ["Kavita Rao", "Rahul Sen"],
      composers: ["Arjun Mehra"],
      lyricists: ["Meera Joshi"],
      durationMs: 265_000
    })
    expect(tracks[0]!.musicbrainz?.recordingId).toBe(data.films.linkedHttps.album.recordingIds[0])
    // Two lyricists on the work; no track length, so the recording's.
    expect(tracks[2]).toMatchObject({ lyricists: ["Meera Joshi", "Sahil Khan"], durationMs: 198_000 })
    // Credited only to the composer: the vocal relationship names the singer; a writer fills the
    // missing lyricist side without becoming a second composer.
    expect(tracks[3]).toMatchObject({ artists: ["Nisha Kapoor"], composers: ["Arjun Mehra"], lyricists: ["Sahil Khan"] })
    // The browse asked for track counts only (browse rejects *-level-rels).
    const browse = server.requestsTo("/ws/2/release").find((r) => r.path === "/ws/2/release")!
    expect(browse.query.get("release-group")).toBe(data.films.linkedHttps.album.releaseGroupId)
    expect(browse.query.get("inc")).toBe("media")
    const lookupInc = server.requests.at(-1)!.query.get("inc")!.split(" ")
    expect(lookupInc).toEqual(
      expect.arrayContaining(["artist-credits", "labels", "recordings", "release-groups", "recording-level-rels", "work-rels", "work-level-rels", "artist-rels"])
    )
  })

  it("reports the film's other linked albums (the score) as alternatives", async () => {
    const { answer } = await lookup({ imdbId: "tt9100001" })
    const score = data.films.linkedHttps.extraAlbums[0]!
    expect(found(answer).value.alternatives).toEqual([
      { source: "musicbrainz", title: "Dil Ki Raahein (Original Score)", releaseGroupId: score.releaseGroupId }
    ])
  })

  it("finds a film linked only with the legacy http IMDb URL", async () => {
    const { answer, requests } = await lookup({ imdbId: "tt9100002" })
    const hit = found(answer)
    expect(hit.matchedBy).toBe("imdb")
    expect(hit.value.album.musicbrainz?.releaseGroupId).toBe(data.films.linkedHttpOnly.album.releaseGroupId)
    expect(hit.value.tracks.map((t) => t.title)).toEqual(["Safar Shuru", "Tum Ho", "Alvida"])
    expect(requests).toBe(3)
  })

  it("finds an unlinked film by title search among decoys, and reports its score album", async () => {
    const film = data.films.searchOnly
    const { answer, requests } = await lookup({ imdbId: "tt9100003", title: "Chandni Raat", year: 2015 })
    const hit = found(answer)
    expect(hit.matchedBy).toBe("title")
    expect(hit.value.album.musicbrainz).toEqual({ releaseGroupId: film.album.releaseGroupId, releaseId: film.album.releaseIds[0] })
    expect(hit.value.tracks.map((t) => t.title)).toEqual(["Chandni Raat", "Ishq Ka Rang", "Khwab"])
    expect(hit.value.alternatives).toEqual([
      { source: "musicbrainz", title: "Chandni Raat (Original Score)", releaseGroupId: film.extraAlbums[0]!.releaseGroupId }
    ])
    // url lookup (no link), search, release: the group has one release, so no browse.
    expect(requests).toBe(3)
    expect(server.requests.map((r) => r.path)).toEqual(["/ws/2/url", "/ws/2/release-group", `/ws/2/release/${film.album.releaseIds[0]}`])
    expect(server.requests[1]!.query.get("query")).toBe('releasegroup:"Chandni Raat" AND secondarytype:soundtrack')
  })

  it("lets the year pick the older film of the same title", async () => {
    const { answer, requests } = await lookup({ title: "Chandni Raat", year: 1988 })
    expect(found(answer).value.album.musicbrainz?.releaseGroupId).toBe(data.films.searchDecoyOtherYear.album.releaseGroupId)
    expect(requests).toBe(2)
  })

  it("refuses two near-identical candidates as ambiguous", async () => {
    const { answer } = await lookup({ title: "Mausam", year: 2012 })
    expect(answer._tag).toBe("Ambiguous")
    if (answer._tag === "Ambiguous") {
      expect(answer.candidates.map((c) => c.label).join(" ")).toContain(data.films.ambiguousA.album.releaseGroupId)
      expect(answer.candidates.map((c) => c.label).join(" ")).toContain(data.films.ambiguousB.album.releaseGroupId)
    }
    // Nothing was fetched after the refusal.
    expect(server.requests.map((r) => r.path)).toEqual(["/ws/2/release-group"])
  })

  it("refuses a title shared by two films when no year says which", async () => {
    const { answer } = await lookup({ title: "Chandni Raat" })
    expect(answer._tag).toBe("Ambiguous")
  })

  it("answers not found for a title nobody has", async () => {
    const { answer } = await lookup({ imdbId: "tt9999999", title: "Zzyzx Quorble" })
    expect(answer._tag).toBe("NotFound")
  })

  it("escapes Lucene syntax in the searched title", async () => {
    await lookup({ title: 'Jaane Tu... Ya Jaane Na! (AC/DC: "Live")' })
    expect(server.requests[0]!.query.get("query")).toBe(
      'releasegroup:"Jaane Tu... Ya Jaane Na\\! \\(AC\\/DC\\: \\"Live\\"\\)" AND secondarytype:soundtrack'
    )
  })

  it("comes through a busy 503 and still finds the film", async () => {
    server.busy(2)
    const { answer, requests } = await lookup({ imdbId: "tt9100001" })
    expect(found(answer).value.tracks).toHaveLength(4)
    expect(server.requests.map((r) => r.status)).toEqual([503, 503, 200, 200, 200])
    expect(requests).toBe(5)
  })

  it("is skipped when USE_MUSICBRAINZ is false", async () => {
    const { answer, requests } = await lookup({ imdbId: "tt9100001" }, { enabled: false })
    expect(answer._tag).toBe("Skipped")
    expect(requests).toBe(0)
  })

  it("spends three requests per IMDb-linked film, film after film", async () => {
    const films = addGeneratedFilms(data.catalogue, 5)
    // One client for all films, as in a real run (its pacing state is shared).
    const results = await Effect.runPromise(
      Effect.forEach(films, (film) =>
        Effect.gen(function* () {
          const meter = yield* Ref.make(0)
          const query = yield* Schema.decodeUnknown(FilmQuery)({ imdbId: film.imdbId, title: film.title, year: film.year })
          const answer = yield* musicBrainzSoundtrackTier.lookup(query).pipe(Effect.provideService(RequestMeter, meter))
          return { film, answer, requests: yield* Ref.get(meter) }
        })
      ).pipe(Effect.provide(layer()))
    )
    for (const { film, answer, requests } of results) {
      expect(found(answer).value.album.musicbrainz?.releaseGroupId).toBe(film.album.releaseGroupId)
      expect(found(answer).value.tracks).toHaveLength(4)
      expect(requests).toBe(3)
    }
    expect(server.requests).toHaveLength(15)
    expect(server.violations).toBe(0)
  })

  describe("a film known by its short title", () => {
    const songs = (title: string) => ({
      songs: [{ title, singers: ["Asha Rao"], composers: ["Vishal Sen"], lyricists: ["Kumar Lal"], lengthMs: 200_000 }]
    })
    // Neither film is linked to IMDb: only the title search (with the year as evidence) can find them.
    let don1978: FakeFilm
    let don2006: FakeFilm
    let lagaan: FakeFilm
    beforeEach(() => {
      don1978 = data.catalogue.addFilm({ title: "Don", year: 1978, album: { title: "Don", ...songs("Khaike Paan Banaraswala") } })
      don2006 = data.catalogue.addFilm({ title: "Don", year: 2006, album: { title: "Don: The Chase Begins Again", ...songs("Main Hoon Don") } })
      data.catalogue.addFilm({ title: "Don 2", year: 2011, album: { title: "Don 2: The King Is Back", ...songs("Zara Dil Ko Thaam Lo") } })
      data.catalogue.addFilm({ title: "Donnie Darko", year: 2001, album: { title: "Donnie Darko", ...songs("Mad World") } })
      lagaan = data.catalogue.addFilm({
        title: "Lagaan",
        year: 2001,
        album: { title: "Lagaan: Once Upon a Time in India (Original Motion Picture Soundtrack)", ...songs("Ghanan Ghanan") }
      })
      data.catalogue.addFilm({ title: "Lagaan Returns", year: 2001, album: { title: "Lagaan Returns", ...songs("Phir Se") } })
    })

    it("finds \"Don\" (2006) under its full name, not the 1978 \"Don\" nor \"Don 2\"", async () => {
      const { answer, requests } = await lookup({ title: "Don", year: 2006 })
      const hit = found(answer)
      expect(hit.matchedBy).toBe("title")
      expect(hit.value.album.musicbrainz?.releaseGroupId).toBe(don2006.album.releaseGroupId)
      expect(hit.value.album.title).toBe("Don: The Chase Begins Again")
      expect(hit.value.tracks.map((t) => t.title)).toEqual(["Main Hoon Don"])
      expect(requests).toBe(2)
    })

    it("still finds the 1978 \"Don\" by its year", async () => {
      const { answer } = await lookup({ title: "Don", year: 1978 })
      expect(found(answer).value.album.musicbrainz?.releaseGroupId).toBe(don1978.album.releaseGroupId)
    })

    it("finds \"Lagaan\" (2001) under its full name, not \"Lagaan Returns\" of the same year", async () => {
      const { answer } = await lookup({ title: "Lagaan", year: 2001 })
      expect(found(answer).value.album.musicbrainz?.releaseGroupId).toBe(lagaan.album.releaseGroupId)
    })

    it("refuses two subtitled albums of the same year as ambiguous", async () => {
      const other = data.catalogue.addFilm({ title: "Don", year: 2006, album: { title: "Don: The Return", ...songs("Yeh Mera Dil") } })
      const { answer } = await lookup({ title: "Don", year: 2006 })
      expect(answer._tag).toBe("Ambiguous")
      if (answer._tag === "Ambiguous") {
        const labels = answer.candidates.map((c) => c.label).join(" ")
        expect(labels).toContain(don2006.album.releaseGroupId)
        expect(labels).toContain(other.album.releaseGroupId)
      }
    })

    it("does not answer \"Don\" with a subtitled album when no year says which film", async () => {
      const { answer } = await lookup({ title: "Don", year: 2009 })
      expect(answer._tag).toBe("NotFound")
    })
  })

  it("handles films added to the catalogue by tests (and benchmarks)", async () => {
    const film = data.catalogue.addFilm({
      title: "Ek Naya Din",
      year: 2020,
      imdbId: "tt9200001",
      album: { songs: [{ title: "Subah", singers: ["Asha Rao"], composers: ["Vishal Sen"], lyricists: ["Kumar Lal"], lengthMs: 200_000 }] }
    })
    const { answer } = await lookup({ imdbId: "tt9200001" })
    expect(found(answer).value.album.musicbrainz?.releaseGroupId).toBe(film.album.releaseGroupId)
    expect(found(answer).value.tracks[0]).toMatchObject({ title: "Subah", artists: ["Asha Rao"], composers: ["Vishal Sen"], lyricists: ["Kumar Lal"] })
  })
})
