// Makes dist/bundle/liner.cjs.cache, V8's compiled code for the bundle (see bin/liner.cjs), by
// running what the cache is for: one cached `liner soundtrack --json`, the lookup a pipeline makes
// for every film. The code it compiles is in the cache; code other commands need is compiled when
// they first run it, as without a cache.
import { saveSoundtrack, StoreLayer } from "@liner/core"
import { Effect } from "effect"
import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const cache = "dist/bundle/liner.cjs.cache"
const dir = mkdtempSync(join(tmpdir(), "liner-compile-cache-"))
try {
  const db = join(dir, "liner.db")
  await Effect.runPromise(
    saveSoundtrack({
      film: { title: "Warm-up", year: 2000, imdbId: "tt0000001" },
      origin: "musicbrainz",
      soundtrack: {
        album: { title: "Warm-up", releaseDate: "2000-01-01", label: "Label", musicbrainz: { releaseGroupId: "rg", releaseId: "r" }, spotify: null },
        tracks: [{ position: 1, title: "Song", artists: ["Singer"], composers: ["Composer"], lyricists: ["Lyricist"], durationMs: 200_000, musicbrainz: { recordingId: "rec" } }],
        alternatives: []
      },
      matchedBy: "imdb",
      confidence: 1,
      fetchedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 86_400_000).toISOString()
    }).pipe(Effect.provide(StoreLayer.at(db)))
  )
  rmSync(cache, { force: true })
  // MusicBrainz points at a closed port: a cached answer never asks it.
  const env = { PATH: process.env["PATH"] ?? "", HOME: dir, LINER_DB: db, LINER_MUSICBRAINZ_URL: "http://127.0.0.1:9", USE_WIKIDATA: "false" }
  const answer = JSON.parse(execFileSync(process.execPath, ["bin/liner.cjs", "soundtrack", "--imdb", "tt0000001", "--json"], { env, encoding: "utf8" }))
  if (answer.source !== "cache") throw new Error(`the warm-up lookup was answered by ${answer.source}, not the cache`)
  if (!existsSync(cache)) throw new Error(`the warm-up lookup did not write ${cache}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
