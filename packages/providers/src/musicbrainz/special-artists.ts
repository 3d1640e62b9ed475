/**
 * MusicBrainz's special-purpose artists and non-song track titles (contracts/musicbrainz-ws2.md):
 * a track credited only to them, or titled `[data track]` / `[silence]`, is not a song of the
 * film, and their names are never reported as singers, composers or lyricists.
 */

/** MBIDs of the special-purpose artists that mark a track as "not a song". */
export const NOT_A_SONG_ARTIST_IDS: ReadonlySet<string> = new Set([
  "33cf029c-63b0-41a0-9855-be2a3665fb3b", // [data]
  "125ec42a-7229-4250-afc5-e057484327fe", // [unknown]
  "eec63d3c-3b81-4ad4-b1e4-7c147d4d2b61", // [no artist]
  "f731ccc4-e22a-43af-a747-64213329e088" // [anonymous]
])

const NOT_A_SONG_ARTIST_NAMES: ReadonlySet<string> = new Set(["[data]", "[unknown]", "[no artist]", "[anonymous]"])

const NOT_A_SONG_TITLES: ReadonlySet<string> = new Set(["[data track]", "[silence]"])

/** `[traditional]`, `[unknown]`…: a placeholder, not a person's name. */
export const isPlaceholderName = (name: string): boolean => /^\[.*\]$/.test(name.trim())

export const isNotASongArtist = (artist: { readonly id: string; readonly name: string }): boolean =>
  NOT_A_SONG_ARTIST_IDS.has(artist.id) || NOT_A_SONG_ARTIST_NAMES.has(artist.name.trim().toLowerCase())

export const isNotASongTitle = (title: string): boolean => NOT_A_SONG_TITLES.has(title.trim().toLowerCase())
