/**
 * What a soundtrack must satisfy before Liner offers it to MusicBrainz: a name, tracks with
 * titles, plausible lengths, no song twice. Each problem names the track it is about.
 */
import type { Soundtrack, Track } from "../domain/soundtrack.js"
import { normalizeText } from "../match/normalize.js"

/** Shorter is a jingle or a glitch of the source; longer is a whole side or a score suite. */
export const shortestPlausibleMs = 5_000
export const longestPlausibleMs = 60 * 60_000

const seconds = (ms: number): string => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`)
const trackName = (track: Track): string => `track ${track.position} "${track.title}"`

/** A song is the same song when its title and its singers agree (a reprise by other singers is another). */
const songKey = (track: Track): string => `${normalizeText(track.title)}\u0000${track.artists.map(normalizeText).sort().join("\u0001")}`

/** The problems that keep this soundtrack from being seeded; empty when it may be. */
export const seedProblems = (soundtrack: Soundtrack): ReadonlyArray<string> => {
  const problems: Array<string> = []
  if (soundtrack.album.title.trim() === "") problems.push("the album title is empty")
  if (soundtrack.tracks.length === 0) problems.push("the soundtrack has no tracks")
  const seen = new Map<string, Track>()
  const positions = new Map<number, Track>()
  for (const track of soundtrack.tracks) {
    if (track.title.trim() === "") problems.push(`track ${track.position}: the title is empty`)
    const ms = track.durationMs
    if (ms !== null && !(Number.isFinite(ms) && ms >= shortestPlausibleMs && ms <= longestPlausibleMs))
      problems.push(`${trackName(track)}: a length of ${Number.isFinite(ms) && ms >= 0 ? seconds(ms) : String(ms)} is not plausible (5 s to 60 min)`)
    const earlierAt = positions.get(track.position)
    if (earlierAt !== undefined) problems.push(`${trackName(track)}: position ${track.position} is taken by "${earlierAt.title}" already`)
    else positions.set(track.position, track)
    if (track.title.trim() === "") continue
    const key = songKey(track)
    const earlier = seen.get(key)
    if (earlier !== undefined) problems.push(`${trackName(track)}: the same song as track ${earlier.position}`)
    else seen.set(key, track)
  }
  return problems
}
