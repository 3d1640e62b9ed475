import { describe, expect, it } from "@effect/vitest"
import { LINER_VERSION } from "@liner/core"
import { Effect, Option } from "effect"
import { startFake, tempStorePath, withClient } from "./harness.js"

// The Songstats operations Liner needs for evidence about candidate artists, against the fake API.
const mara = { id: "m4r4lq01", name: "Mara Lindqvist" }

describe("songstats client: answers", () => {
  it.live("searches artists by name, exact name first, with the key, JSON and Liner's User-Agent", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      const found = yield* withClient(fake, tempStorePath(), (client) => client.searchArtist("Mara Lind"))
      expect(found.map((a) => a.name)).toEqual(["Mara Lind", "Mara Lindqvist"])
      expect(found[1]).toEqual({ id: mara.id, name: "Mara Lindqvist", siteUrl: `https://songstats.com/artist/${mara.id}` })
      const [request] = fake.requests
      expect(request).toMatchObject({ route: "/artists/search", key: "valid", accept: "application/json", query: { q: "Mara Lind", limit: "10" } })
      expect(request?.userAgent).toContain(`liner/${LINER_VERSION}`)
    })
  )

  it.live("reads an artist's labels and genres, and says none for an artist Songstats does not know", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      const [known, unknown] = yield* withClient(fake, tempStorePath(), (client) =>
        Effect.all([client.artistInfo("h3nr1kb2"), client.artistInfo("n0such01")])
      )
      expect(Option.getOrThrow(known)).toEqual({
        id: "h3nr1kb2",
        name: "Henrik Bäcklund",
        siteUrl: "https://songstats.com/artist/h3nr1kb2",
        labels: ["Nightglass Records", "Polar Drift"],
        genres: ["Trance"]
      })
      expect(Option.isNone(unknown)).toBe(true)
      expect(fake.requests.map((r) => r.status)).toEqual([200, 404])
    })
  )

  it.live("reads a whole catalogue, page after page, when the server sends fewer tracks than asked", () =>
    Effect.gen(function* () {
      const fake = yield* startFake({ maxPageSize: 2 })
      const tracks = yield* withClient(fake, tempStorePath(), (client) => client.artistCatalog(mara.id))
      expect(tracks.map((t) => t.title)).toEqual(["Velvet Static", "Night Ferry", "Glass Hours"])
      expect(tracks[2]).toEqual({
        id: "t-glass01",
        title: "Glass Hours",
        releaseDate: "2025-02-07",
        isrcs: [],
        artists: ["Mara Lindqvist", "Henrik Bäcklund"],
        labels: ["Nightglass Records"]
      })
      expect(fake.requests.map((r) => r.query["offset"])).toEqual(["0", "2"])
    })
  )

  it.live("lists the DJs who support an artist (source tracklist)", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      const curators = yield* withClient(fake, tempStorePath(), (client) => client.artistTopCurators(mara.id))
      expect(curators.map((c) => c.name)).toEqual(["Henrik Bäcklund", "Solenne Marchetti", "DJ Kairo"])
      expect(curators[0]).toMatchObject({ id: "c-henrik", followers: 48_200 })
      expect(fake.requests[0]?.query).toEqual({ songstats_artist_id: mara.id, source: "tracklist" })
    })
  )
})

describe("songstats client: tolerant decoding", () => {
  it.live("keeps what it recognises: unknown fields ignored, wrong-typed optional fields absent, unreadable items left out", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      fake.reply({
        route: "/artists/catalog",
        body: {
          result: "success",
          message: "Data Retrieved.",
          api_version: "v1.7",
          catalog: [
            { songstats_track_id: "t-1", title: "Velvet Static", release_date: 20240301, isrcs: "SEXYZ2400101", labels: [{ name: "Nightglass Records" }, { id: 7 }], popularity: { spotify: 88 } },
            { songstats_track_id: "t-2" },
            { title: "No Id" },
            "not a track",
            { songstats_track_id: "t-3", title: "Night Ferry", artists: [{ name: "Mara Lindqvist", songstats_artist_id: 42 }, { name: "" }] }
          ],
          tracks_total: "three",
          next_url: null
        }
      })
      fake.reply({
        route: "/artists/info",
        body: { result: "success", artist_info: { songstats_artist_id: mara.id, name: "Mara Lindqvist", labels: null, genres: ["Trance", 3] }, links: "later" }
      })
      fake.reply({
        route: "/artists/top_curators",
        body: {
          data: [
            { source: "spotify", top_curators: [{ curator_name: "A Playlist" }] },
            { source: "tracklist", top_curators: [{ curator_name: "DJ Kairo", curator_id: 991, followers_total: "many" }, { followers_total: 3 }] },
            { top_curators: [{ curator_name: "dj kairo" }, { curator_name: "Tomasz Wren", brand_new_field: true }] }
          ]
        }
      })
      const [catalog, info, curators] = yield* withClient(fake, tempStorePath(), (client) =>
        Effect.all([client.artistCatalog(mara.id), client.artistInfo(mara.id), client.artistTopCurators(mara.id)])
      )
      expect(catalog).toEqual([
        { id: "t-1", title: "Velvet Static", releaseDate: null, isrcs: [], artists: [], labels: ["Nightglass Records"] },
        { id: "t-3", title: "Night Ferry", releaseDate: null, isrcs: [], artists: ["Mara Lindqvist"], labels: [] }
      ])
      expect(Option.getOrThrow(info)).toMatchObject({ name: "Mara Lindqvist", labels: [], genres: ["Trance"] })
      expect(curators).toEqual([
        { name: "DJ Kairo", id: "991", url: null, followers: null },
        { name: "Tomasz Wren", id: null, url: null, followers: null }
      ])
    })
  )

  it.live("fails as a bad payload, once, when what identifies the answer is missing", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      fake.reply({ route: "/artists/info", body: { result: "success", artist: { name: "Mara Lindqvist" } } })
      const failure = yield* Effect.flip(withClient(fake, tempStorePath(), (client) => client.artistInfo(mara.id)))
      expect(failure).toMatchObject({ tier: "songstats", kind: "bad_payload", retryable: false })
      expect(failure.reason).toContain("artist_info")
      expect(fake.requests).toHaveLength(1)
    })
  )

  it.live("reads a success status carrying a Songstats error as a failure", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      fake.reply({ route: "/artists/search", body: { result: "error", message: "Search is temporarily disabled" } })
      const failure = yield* Effect.flip(withClient(fake, tempStorePath(), (client) => client.searchArtist("Mara")))
      expect(failure.message).toBe("songstats: songstats answered artists/search with an error: Search is temporarily disabled")
      expect(failure.retryable).toBe(false)
    })
  )

  it.live("a 404 that is not Songstats's own (a wrong base URL) is a failure that names the setting, not 'no such artist'", () =>
    Effect.gen(function* () {
      const fake = yield* startFake()
      const storePath = tempStorePath()
      const failure = yield* Effect.flip(withClient(fake, storePath, (client) => client.artistInfo(mara.id), { baseUrl: fake.url.replace("/enterprise/v1", "/v1") }))
      expect(failure.reason).toContain("LINER_SONGSTATS_URL")
      expect(failure.retryable).toBe(false)
      // Nothing was kept: with the right URL the artist is asked for and found.
      const found = yield* withClient(fake, storePath, (client) => client.artistInfo(mara.id))
      expect(Option.isSome(found)).toBe(true)
    })
  )
})
