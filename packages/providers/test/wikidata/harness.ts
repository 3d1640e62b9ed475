import { FetchHttpClient } from "@effect/platform"
import { FilmQuery, type SoundtrackResult, SoundtrackFinder, StoreLayer } from "@liner/core"
import {
  type DefaultMusicBrainzCatalogue,
  defaultMusicBrainzCatalogue,
  type FakeFilm,
  type FakeMusicBrainz,
  type FakeWikidata,
  type FakeWikidataFilm,
  makeTempDir,
  startFakeMusicBrainz,
  startFakeWikidata
} from "@liner/testkit"
import { Context, Effect, Layer, Option, Schema } from "effect"
import { join } from "node:path"
import { afterEach } from "vitest"
import {
  defaultTtls,
  MusicBrainzConfig,
  musicBrainzClientLayer,
  musicBrainzSoundtrackTier,
  soundtrackFinderLayer,
  WikidataConfig,
  wikidataClientLayer
} from "../../src/index.js"

/**
 * A world for the Wikidata bridge: the fake MusicBrainz's default catalogue plus "Ishq Ka Safar"
 * (2019), whose release group has NO IMDb link and whose title shares nothing with the film's
 * English title "Journey of Love" (so only Wikidata can lead to it); a fake Wikidata that knows
 * that film (P406 → P436), "Mausam" (2012, the catalogue's ambiguous pair) with its composer
 * only, and "Chandni Raat" with neither; and a temporary store. All gone after each test.
 */

export const bridged = { imdbId: "tt9200001", title: "Journey of Love", year: 2019 } as const
export const mausam = { imdbId: "tt9200002", title: "Mausam", year: 2012 } as const

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

export interface World {
  readonly mb: FakeMusicBrainz
  readonly wd: FakeWikidata
  readonly data: DefaultMusicBrainzCatalogue
  readonly bridgedFilm: FakeFilm
  readonly storePath: string
}

export const wikidataFilms = (bridgedFilm: FakeFilm): ReadonlyArray<FakeWikidataFilm> => [
  {
    imdbId: bridged.imdbId,
    item: "Q120000101",
    label: "Journey of Love",
    albums: [{ item: "Q120000102", label: "Ishq Ka Safar", releaseGroupIds: [bridgedFilm.album.releaseGroupId] }],
    composers: [{ item: "Q120000103", label: "Vikram Rao" }],
    lyricists: [{ item: "Q120000104", label: "Anu Sharma" }, { item: "Q120000105" }]
  },
  { imdbId: mausam.imdbId, item: "Q120000201", label: "Mausam", composers: [{ item: "Q120000202", label: "Ilaiya Kumar" }] },
  { imdbId: "tt9100003", item: "Q120000301", label: "Chandni Raat" }
]

export const startWorld = (): Effect.Effect<World> =>
  Effect.promise(async () => {
    const data = defaultMusicBrainzCatalogue()
    const bridgedFilm = data.catalogue.addFilm({
      title: "Ishq Ka Safar",
      year: 2019,
      imdbId: bridged.imdbId,
      imdbLink: "none",
      album: {
        artists: ["Vikram Rao"],
        songs: [
          { title: "Safar Hai Suhana", singers: ["Neha Kapur"], composers: ["Vikram Rao"], lyricists: ["Anu Sharma"], lengthMs: 240_000 },
          { title: "Dil Ki Baat", singers: ["Arjun Das", "Neha Kapur"], composers: [], lyricists: [], lengthMs: 225_000 }
        ],
        releases: [{ status: "Official", date: "2019-04-12", country: "IN", label: "Sony Music India" }]
      }
    })
    const mb = await startFakeMusicBrainz({ catalogue: data.catalogue, rate: 50 })
    const wd = await startFakeWikidata({ films: wikidataFilms(bridgedFilm) })
    const dir = makeTempDir()
    cleanups.push(() => dir.remove(), () => wd.close(), () => mb.close())
    return { mb, wd, data, bridgedFilm, storePath: join(dir.path, "liner.db") }
  })

export type WikidataOverrides = Partial<Parameters<typeof WikidataConfig.make>[0]>

/** The soundtrack cascade with MusicBrainz (and Wikidata inside it) as its network source, wired as live.ts does. */
export const finderLayer = (world: World, wikidata: WikidataOverrides = {}) =>
  Layer.unwrapScoped(
    Effect.gen(function* () {
      const mbClient = yield* Layer.build(
        musicBrainzClientLayer.pipe(
          Layer.provide(
            MusicBrainzConfig.make({
              baseUrl: world.mb.url,
              rate: 50,
              contact: "liner-tests@example.org",
              requestTimeout: "3 seconds",
              retry: { base: "20 millis", times: 2, maxRetryAfter: "5 seconds" }
            })
          ),
          Layer.provide(FetchHttpClient.layer)
        )
      )
      const wdClient = yield* Layer.build(
        wikidataClientLayer.pipe(
          Layer.provide(
            WikidataConfig.make({
              baseUrl: world.wd.url,
              contact: "liner-tests@example.org",
              requestTimeout: "2 seconds",
              spacing: "10 millis",
              retry: { base: "20 millis", times: 2, maxRetryAfter: "5 seconds" },
              ...wikidata
            })
          ),
          Layer.provide(FetchHttpClient.layer)
        )
      )
      const services = Context.merge(mbClient, wdClient)
      return soundtrackFinderLayer({
        musicbrainz: Option.some({
          tier: { ...musicBrainzSoundtrackTier, lookup: (q) => Effect.provide(musicBrainzSoundtrackTier.lookup(q), services) },
          timeout: "30 seconds"
        }),
        spotify: Option.none(),
        cacheMusicBrainz: true,
        ...defaultTtls
      })
    })
  ).pipe(Layer.provideMerge(StoreLayer.at(world.storePath)))

/** One lookup through a fresh finder (a new process, as far as memory goes) over the world's store. */
export const findWith = (
  world: World,
  query: Record<string, unknown>,
  options: { readonly refresh?: boolean; readonly offline?: boolean } = {},
  wikidata: WikidataOverrides = {}
): Effect.Effect<SoundtrackResult> =>
  Effect.flatMap(SoundtrackFinder, (finder) => finder.find(Schema.decodeUnknownSync(FilmQuery)(query), options)).pipe(
    Effect.provide(finderLayer(world, wikidata)),
    Effect.orDie
  )

export const tiersOf = (result: SoundtrackResult) => result.attempts.map((a) => [a.tier, a.outcome])
