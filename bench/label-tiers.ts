/**
 * Labels per second from label tiers 1–2 (title, learned) over 10 000 generated DJ tracks, through
 * the real label finder on a real SQLite file: each lookup parses the title, reads the artist's
 * learned labels, remembers an accepted label and logs the lookup. MusicBrainz is off and the
 * scrapers are not wired, so nothing leaves the machine.
 *
 * Standalone: `npx tsx bench/label-tiers.ts` (after `npm run build`); also exported for `bench/run.ts`.
 */
import { LabelFinder, type LabelQuery, type LabelResult, StoreLayer, titleTier } from "@liner/core"
import { labelFinderLayer } from "@liner/providers"
import { makeTempDir } from "@liner/testkit"
import { Effect, Layer, Option } from "effect"
import { join } from "node:path"
import { figure, heading, isMain, seededRandom } from "./stats.js"

const trackCount = Number(process.env["BENCH_LABEL_TRACKS"] ?? 10_000)

// A fixed seed: the same data on every run.
const random = seededRandom(20261121)
const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(random() * xs.length)] as A

const syllables = ["ka", "lo", "mi", "ra", "ven", "dor", "sil", "ta", "nor", "el", "bri", "an", "zu", "mar", "tek", "lin", "qvist", "son", "berg", "ha"]
const word = (parts: number) => {
  const w = Array.from({ length: parts }, () => pick(syllables)).join("")
  return w.charAt(0).toUpperCase() + w.slice(1)
}
const titleWords = ["Velvet", "Static", "Night", "Ferry", "Glass", "Hours", "Solar", "Drift", "Deep", "Water", "Lost", "Signal", "Echo", "Pulse", "Horizon", "Orbit", "Mirage", "Tide", "Ember", "Nova"]
const versions = ["", "", " (Original Mix)", " (Extended Mix)", " - Radio Edit", " (Dub)"]
const labelSuffixes = [" Records", " Recordings", " Music", ""]

interface Artist {
  readonly name: string
  readonly home: string
}

const generateTracks = (count: number): ReadonlyArray<LabelQuery> => {
  const labels = Array.from({ length: 120 }, () => `${word(2)}${pick(labelSuffixes)}`)
  const artists: ReadonlyArray<Artist> = Array.from({ length: 400 }, () => ({ name: `${word(2)} ${word(2)}`, home: pick(labels) }))
  return Array.from({ length: count }, (_, i) => {
    const artist = pick(artists)
    const second = random() < 0.15 ? ` & ${pick(artists).name}` : ""
    // Most tracks come out on the artist's home label; some elsewhere (tier 2's conflicts).
    const label = random() < 0.85 ? artist.home : pick(labels)
    const core = `${pick(titleWords)} ${pick(titleWords)} ${i}`
    const form = random()
    const title = form < 0.35 ? `${core}${pick(versions)} [${label}]` : form < 0.5 ? `${core} (${label})` : `${core}${pick(versions)}`
    return { title, artist: `${artist.name}${second}` }
  })
}

export const benchLabelTiers = async (): Promise<void> => {
  heading(`Label tiers 1–2 (title, learned): ${trackCount.toLocaleString("en")} generated DJ tracks`)
  const tracks = generateTracks(trackCount)

  // Tier 1 alone: title parsing, no I/O.
  const titleStart = performance.now()
  let parsed = 0
  for (const track of tracks) if (Effect.runSync(titleTier.lookup(track))._tag === "Found") parsed++
  const titleSeconds = (performance.now() - titleStart) / 1000

  const dir = makeTempDir("liner-bench-")
  try {
    const layer = labelFinderLayer<never>({ musicbrainz: Option.none(), musicbrainzOff: "benchmark", scrapers: [] }).pipe(
      Layer.provideMerge(StoreLayer.at(join(dir.path, "bench.db")))
    )
    const { results, seconds } = await Effect.runPromise(
      Effect.gen(function* () {
        const finder = yield* LabelFinder
        const start = performance.now()
        const results: Array<LabelResult> = []
        for (const track of tracks) results.push(yield* finder.find(track))
        return { results, seconds: (performance.now() - start) / 1000 }
      }).pipe(Effect.provide(layer))
    )
    const bySource = (source: string) => results.filter((r) => r.source === source).length
    const found = results.filter((r) => r.status === "found").length
    figure("labels per second, tiers 1–2 through the finder (SQLite, remembered and logged)", `${Math.round(trackCount / seconds).toLocaleString("en")} tracks/s (${seconds.toFixed(2)} s)`)
    figure("found", `${found} (title ${bySource("title")}, learned ${bySource("learned")}), not found ${results.filter((r) => r.status === "not_found").length}`)
    figure("tier 1 alone (title parsing, in memory)", `${Math.round(trackCount / titleSeconds).toLocaleString("en")} tracks/s, ${parsed} labels`)
  } finally {
    dir.remove()
  }
}

if (isMain(import.meta.url)) await benchLabelTiers()
