import { notSeedable, releaseSeed, scriptOfTexts, seedProblems, type StoredSoundtrack, type Track } from "@liner/core"
import { describe, expect, it } from "vitest"

// What `liner contribute` offers MusicBrainz, checked without a store: the seeding fields under the
// release editor's documented names, the checks before anything is written, and the checklist.

const track = (position: number, fields: Partial<Track> = {}): Track => ({
  position,
  title: `Song ${position}`,
  artists: ["Udit Narayan"],
  composers: ["A. R. Rahman"],
  lyricists: ["Javed Akhtar"],
  durationMs: 240_000,
  ...fields
})

const stored = (tracks: ReadonlyArray<Track>, fields: Partial<StoredSoundtrack> = {}): StoredSoundtrack => ({
  id: 1,
  film: { id: 7, title: "Lagaan", year: 2001, imdbId: "tt0169102" },
  origin: "imported",
  soundtrack: { album: { title: "Lagaan", releaseDate: "2001-05-08", label: "Sony Music", musicbrainz: null, spotify: null }, tracks, alternatives: [] },
  matchedBy: null,
  confidence: null,
  fetchedAt: "2026-01-01T00:00:00.000Z",
  expiresAt: null,
  ...fields
})

const valuesOf = (fields: ReadonlyArray<readonly [string, string]>, name: string) => fields.filter(([n]) => n === name).map(([, v]) => v)
const asObject = (fields: ReadonlyArray<readonly [string, string]>) => Object.fromEntries(fields)

describe("seedProblems", () => {
  it("accepts a soundtrack with titles, plausible lengths and distinct songs, a reprise by other singers included", () => {
    expect(seedProblems(stored([track(1, { title: "Mitwa" }), track(2, { title: "Mitwa", artists: ["Sukhwinder Singh"] }), track(3, { durationMs: null })]).soundtrack)).toEqual([])
  })

  it("names the track with an empty title", () => {
    expect(seedProblems(stored([track(1), track(2, { title: "  " })]).soundtrack)).toEqual(["track 2: the title is empty"])
  })

  it("names the tracks whose lengths are not plausible, at both ends", () => {
    const problems = seedProblems(stored([track(1, { durationMs: 4_000 }), track(2, { durationMs: 5_000 }), track(3, { durationMs: 60 * 60_000 }), track(4, { title: "Suite", durationMs: 61 * 60_000 })]).soundtrack)
    expect(problems).toEqual([
      'track 1 "Song 1": a length of 4 s is not plausible (5 s to 60 min)',
      'track 4 "Suite": a length of 61 min 0 s is not plausible (5 s to 60 min)'
    ])
  })

  it("names a song listed twice (same title as normalised, same singers in any order)", () => {
    const problems = seedProblems(
      stored([track(1, { title: "Radha Kaise Na Jale", artists: ["Asha Bhosle", "Udit Narayan"] }), track(2), track(3, { title: "radha kaise na jale!", artists: ["Udit Narayan", "Asha Bhosle"] })]).soundtrack
    )
    expect(problems).toEqual(['track 3 "radha kaise na jale!": the same song as track 1'])
  })

  it("refuses an album without a title or without tracks, and two tracks at one position", () => {
    const base = stored([track(1), track(1, { title: "Other" })])
    expect(seedProblems({ ...base.soundtrack, album: { ...base.soundtrack.album, title: "" } })).toEqual([
      "the album title is empty",
      'track 1 "Other": position 1 is taken by "Song 1" already'
    ])
    expect(seedProblems({ ...base.soundtrack, tracks: [] })).toEqual(["the soundtrack has no tracks"])
  })
})

describe("releaseSeed", () => {
  const tracks = [
    track(1, { title: "Ghanan Ghanan", artists: ["Udit Narayan", "Alka Yagnik", "Sukhwinder Singh"], durationMs: 371_000 }),
    track(2, { title: "Mitwa", artists: [], composers: ["A. R. Rahman", "Guest Composer"], durationMs: null })
  ]

  it("creates a release group of types Album and Soundtrack, with the release's date, label and script", () => {
    const fields = releaseSeed(stored(tracks))
    expect(valuesOf(fields, "type")).toEqual(["Album", "Soundtrack"])
    expect(asObject(fields)).toMatchObject({
      name: "Lagaan",
      status: "official",
      script: "Latn",
      "events.0.date.year": "2001",
      "events.0.date.month": "5",
      "events.0.date.day": "8",
      "labels.0.name": "Sony Music"
    })
    expect(fields.map(([n]) => n)).not.toContain("release_group")
    expect(fields.map(([n]) => n)).not.toContain("language")
    expect(fields.map(([n]) => n)).not.toContain("events.0.country")
    expect(fields.map(([n]) => n)).not.toContain("mediums.0.format")
  })

  it("credits the release to the composers and each track to its singers, with join phrases", () => {
    const seed = asObject(releaseSeed(stored(tracks)))
    expect(seed).toMatchObject({
      "artist_credit.names.0.name": "A. R. Rahman",
      "artist_credit.names.0.artist.name": "A. R. Rahman",
      "artist_credit.names.0.join_phrase": " & ",
      "artist_credit.names.1.name": "Guest Composer",
      "mediums.0.track.0.name": "Ghanan Ghanan",
      "mediums.0.track.0.number": "1",
      "mediums.0.track.0.length": "371000",
      "mediums.0.track.0.artist_credit.names.0.name": "Udit Narayan",
      "mediums.0.track.0.artist_credit.names.0.join_phrase": ", ",
      "mediums.0.track.0.artist_credit.names.1.artist.name": "Alka Yagnik",
      "mediums.0.track.0.artist_credit.names.1.join_phrase": " & ",
      "mediums.0.track.0.artist_credit.names.2.name": "Sukhwinder Singh",
      "mediums.0.track.1.name": "Mitwa"
    })
    expect(seed).not.toHaveProperty("artist_credit.names.1.join_phrase")
    expect(seed).not.toHaveProperty("mediums.0.track.0.artist_credit.names.2.join_phrase")
    // Unknown values are left out, never guessed.
    expect(seed).not.toHaveProperty("mediums.0.track.1.length")
    expect(Object.keys(seed).filter((k) => k.startsWith("mediums.0.track.1.artist_credit"))).toEqual([])
  })

  it("cites the sources and the film's IMDb page in the edit note", () => {
    const spotify = stored(tracks, { origin: "spotify", soundtrack: { album: { title: "Lagaan", releaseDate: "2001", label: null, musicbrainz: null, spotify: { albumId: "4abc" } }, tracks, alternatives: [] } })
    const [note = ""] = valuesOf(releaseSeed(spotify), "edit_note")
    expect(note.split("\n")).toContain("IMDb: https://www.imdb.com/title/tt0169102/")
    expect(note).toContain("https://open.spotify.com/album/4abc")
    // A streaming album is a digital release; a year alone is a year.
    expect(asObject(releaseSeed(spotify))).toMatchObject({ "mediums.0.format": "Digital Media", "events.0.date.year": "2001" })
    expect(releaseSeed(spotify).map(([n]) => n)).not.toContain("events.0.date.month")
  })

  it("adds the release to an existing release group instead of creating one, with the settings given", () => {
    const fields = releaseSeed(stored(tracks), { releaseGroupId: "0f4b2b0e-6c2c-4d3a-9a7e-1a2b3c4d5e6f", language: "hin", country: "IN", format: "CD" })
    expect(valuesOf(fields, "release_group")).toEqual(["0f4b2b0e-6c2c-4d3a-9a7e-1a2b3c4d5e6f"])
    expect(valuesOf(fields, "type")).toEqual([])
    expect(asObject(fields)).toMatchObject({ language: "hin", "events.0.country": "IN", "mediums.0.format": "CD" })
  })
})

describe("scriptOfTexts", () => {
  it("names the one script of every letter, or none when they mix", () => {
    expect(scriptOfTexts(["Jaane Tu... Ya Jaane Na", "Kabhi Kabhi Aditi (2008)"])).toBe("Latn")
    expect(scriptOfTexts(["लगान", "मितवा"])).toBe("Deva")
    expect(scriptOfTexts(["Lagaan", "लगान"])).toBeNull()
    expect(scriptOfTexts(["123 !"])).toBeNull()
  })
})

describe("notSeedable", () => {
  it("lists the composer and lyricist relationships, the IMDb link and what Liner does not know, with the values", () => {
    const items = notSeedable(stored([track(1, { title: "Mitwa", lyricists: [] }), track(2, { title: "Chale Chalo", artists: [], durationMs: null })]))
    const byTask = Object.fromEntries(items.map((i) => [i.task.split(" (")[0], i.values]))
    expect(byTask).toEqual({
      "Add a composer relationship to each track's work": ["1. Mitwa: A. R. Rahman", "2. Chale Chalo: A. R. Rahman"],
      "Add a lyricist relationship to each track's work": ["2. Chale Chalo: Javed Akhtar"],
      "Add the film's IMDb page to the release group's external links": ["https://www.imdb.com/title/tt0169102/"],
      "Credit the artists of these tracks": ["2. Chale Chalo"],
      "Enter the lengths of these tracks": ["2. Chale Chalo"],
      "Choose the release's language": [],
      "Choose the release country": [],
      "Choose the medium's format": []
    })
  })
})
