import { readdirSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

/** Recorded ws/2 payloads copied from the shared fixtures (see `fixtures/musicbrainz/SOURCES.md`). */
export const musicBrainzFixturesDir = fileURLToPath(new URL("../../fixtures/musicbrainz/", import.meta.url))

/** The names of every recorded JSON payload. */
export const musicBrainzFixtureFiles = (): ReadonlyArray<string> =>
  readdirSync(musicBrainzFixturesDir)
    .filter((f) => f.endsWith(".json"))
    .sort()

/** One recorded payload, parsed. */
export const readMusicBrainzFixture = (file: string): unknown => JSON.parse(readFileSync(`${musicBrainzFixturesDir}${file}`, "utf8"))
