/**
 * Coverage of a generated batch where MusicBrainz is incomplete, the way it is for Indian film
 * soundtracks, and what each tier costs in requests per film. One `liner soundtrack --batch`
 * process against local fakes (MusicBrainz at 50 requests/s, the Wikidata Query Service):
 * - a third of the films are in MusicBrainz with the IMDb link of their release group;
 * - a third are in MusicBrainz WITHOUT the link, under a title that is not the film's English
 *   title (no title search finds them), and in Wikidata (P345 → P406 → P436);
 * - a third are missing from MusicBrainz (Wikidata knows them, without a release group).
 * The batch runs with Wikidata on and off. Figures: films found by how they matched, coverage,
 * and requests per film for each tier (from the answers' attempts, checked against the fakes'
 * logs). A tier is a row: the Discogs tier adds its fake and its row here.
 * Discogs (a local fake with the documented rate-limit headers) holds the films missing from
 * MusicBrainz; the batch runs with and without LINER_DISCOGS_TOKEN.
 */
import {
  defaultMusicBrainzCatalogue,
  type FakeDiscogsRelease,
  type FakeWikidataFilm,
  makeTempDir,
  runLiner,
  startFakeDiscogs,
  startFakeMusicBrainz,
  startFakeWikidata
} from "@liner/testkit"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { figure, heading, isMain } from "./stats.js"

const filmsPerThird = Math.max(1, Math.round(Number(process.env["BENCH_COVERAGE_FILMS"] ?? 30) / 3))

interface BatchFilm {
  readonly title: string
  readonly year: number
  readonly imdbId: string
  readonly kind: "linked in MusicBrainz" | "unlinked, in Wikidata" | "missing from MusicBrainz"
}

/** The network tiers whose requests are counted; each fake's own log must agree with the attempts. */
const tiers = ["musicbrainz", "wikidata", "discogs"] as const

interface Attempt {
  readonly tier: string
  readonly outcome: string
  readonly requests?: number
}

const song = (title: string, composer: string, lyricist: string, i: number) => ({
  title,
  singers: [`Singer ${i}`],
  composers: [composer],
  lyricists: [lyricist],
  lengthMs: 200_000 + 1_000 * i
})

const runBatch = async (useWikidata: boolean, discogsToken = false): Promise<void> => {
  heading(`Coverage of ${filmsPerThird * 3} uncached films, MusicBrainz incomplete, Wikidata ${useWikidata ? "on" : "off"}, Discogs ${discogsToken ? "with" : "without"} a token (one process)`)
  const discogsReleases: Array<FakeDiscogsRelease> = []
  const { catalogue } = defaultMusicBrainzCatalogue()
  const films: Array<BatchFilm> = []
  const wikidataFilms: Array<FakeWikidataFilm> = []
  for (let i = 0; i < filmsPerThird; i++) {
    const year = 1995 + (i % 25)
    const composer = `Sangeet Kar ${i}`
    const linked = { title: `Pehli Dhun ${i + 1}`, imdbId: `tt96${String(i + 1).padStart(6, "0")}` }
    catalogue.addFilm({
      title: linked.title,
      year,
      imdbId: linked.imdbId,
      album: { artists: [composer], songs: [song(`${linked.title} Geet`, composer, `Geetkar ${i}`, i)], releases: [{ status: "Official", date: `${year}-03-01`, country: "IN" }] }
    })
    films.push({ ...linked, year, kind: "linked in MusicBrainz" })

    const unlinkedImdb = `tt97${String(i + 1).padStart(6, "0")}`
    const album = catalogue.addFilm({
      title: `Dooja Raag ${i + 1}`,
      year,
      imdbId: unlinkedImdb,
      imdbLink: "none",
      album: { artists: [composer], songs: [song(`Dooja Raag ${i + 1} Geet`, composer, `Geetkar ${i}`, i)], releases: [{ status: "Official", date: `${year}-04-01`, country: "IN" }] }
    })
    films.push({ title: `Second Melody ${i + 1}`, year, imdbId: unlinkedImdb, kind: "unlinked, in Wikidata" })
    wikidataFilms.push({
      imdbId: unlinkedImdb,
      item: `Q97${i + 1}`,
      label: `Second Melody ${i + 1}`,
      albums: [{ item: `Q97${i + 1}0`, label: `Dooja Raag ${i + 1}`, releaseGroupIds: [album.album.releaseGroupId] }],
      composers: [{ item: `Q97${i + 1}1`, label: composer }]
    })

    const missingImdb = `tt98${String(i + 1).padStart(6, "0")}`
    films.push({ title: `Khoyi Reel ${i + 1}`, year, imdbId: missingImdb, kind: "missing from MusicBrainz" })
    wikidataFilms.push({ imdbId: missingImdb, item: `Q98${i + 1}`, label: `Khoyi Reel ${i + 1}`, composers: [{ item: `Q98${i + 1}1`, label: composer }] })
    discogsReleases.push({
      id: 9_800_000 + i,
      masterId: 980_000 + i,
      title: `Khoyi Reel ${i + 1}`,
      artists: [composer],
      year,
      released: `${year}-05-01`,
      country: "India",
      label: "Saregama",
      catno: `SRG ${i}`,
      formats: ["CD", "Album"],
      genres: ["Stage & Screen"],
      styles: ["Bollywood"],
      credits: [
        { name: composer, role: "Music By" },
        { name: `Geetkar ${i}`, role: "Lyrics By", tracks: "1-2" }
      ],
      tracklist: [
        { position: "1", title: `Khoyi Reel ${i + 1} Geet`, duration: "4:10", credits: [{ name: `Singer ${i}`, role: "Vocals" }] },
        { position: "2", title: `Khoyi Reel ${i + 1} Dhun`, duration: "3:05" }
      ]
    })
  }

  const mb = await startFakeMusicBrainz({ catalogue, rate: 50 })
  const wd = await startFakeWikidata({ films: wikidataFilms })
  const dg = await startFakeDiscogs({ releases: discogsReleases })
  const dir = makeTempDir("liner-bench-")
  try {
    const file = join(dir.path, "films.csv")
    writeFileSync(file, ["title,year,imdb", ...films.map((f) => `"${f.title}",${f.year},${f.imdbId}`)].join("\n") + "\n")
    const env = {
      HOME: dir.path,
      LINER_DB: join(dir.path, "liner.db"),
      LINER_MUSICBRAINZ_URL: mb.url,
      LINER_MUSICBRAINZ_RATE: "50",
      LINER_WIKIDATA_URL: wd.url,
      USE_WIKIDATA: String(useWikidata),
      LINER_DISCOGS_URL: dg.url,
      ...(discogsToken ? { LINER_DISCOGS_TOKEN: dg.token } : {})
    }
    const run = await runLiner(["soundtrack", "--batch", file, "--json"], env, { timeoutMs: 15 * 60_000 })
    const answers = run.stdout
      .trim()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { query: { imdbId: string | null }; status: string; matchedBy: string | null; attempts: ReadonlyArray<Attempt> })
    if (answers.length !== films.length) throw new Error(`expected ${films.length} answers, got ${answers.length} (exit ${run.code}): ${run.stderr.slice(0, 400)}`)

    const kindOf = new Map(films.map((f) => [f.imdbId, f.kind]))
    for (const kind of ["linked in MusicBrainz", "unlinked, in Wikidata", "missing from MusicBrainz"] as const) {
      const mine = answers.filter((a) => kindOf.get(a.query.imdbId ?? "") === kind)
      const found = mine.filter((a) => a.status === "found")
      const how = [...new Set(found.map((a) => a.matchedBy))].join(", ")
      figure(kind, `${found.length} / ${mine.length} found${how === "" ? "" : ` (matched by ${how})`}`)
    }
    const found = answers.filter((a) => a.status === "found").length
    figure("coverage", `${found} / ${answers.length} = ${((100 * found) / answers.length).toFixed(1)} %`)
    const served: Record<(typeof tiers)[number], number> = { musicbrainz: mb.requests.length, wikidata: wd.requests.length, discogs: dg.requests.length }
    for (const tier of tiers) {
      const counted = answers.reduce((sum, a) => sum + a.attempts.filter((t) => t.tier === tier).reduce((s, t) => s + (t.requests ?? 0), 0), 0)
      const asked = answers.filter((a) => a.attempts.some((t) => t.tier === tier && t.outcome !== "skipped")).length
      figure(
        `${tier} requests per film`,
        `${(counted / answers.length).toFixed(2)} (${counted} requests for ${answers.length} films; ${asked} films asked; the fake served ${served[tier]})`
      )
    }
  } finally {
    await dg.close()
    await wd.close()
    await mb.close()
    dir.remove()
  }
}

export const benchCoverage = async (): Promise<void> => {
  await runBatch(true, true)
  await runBatch(true)
  await runBatch(false)
}

if (isMain(import.meta.url)) await benchCoverage()
