import { createHash } from "node:crypto"

/**
 * The fake MusicBrainz's data: a small graph of artists, works, recordings, releases, release
 * groups, labels and IMDb URL links. It holds facts only; `render.ts` turns them into the JSON
 * shapes of the real web service (lookup, browse and search spell the same things differently).
 *
 * Films are added with `addFilm` (a songs album plus optional score/other albums, linked to the
 * film's IMDb page), DJ tracks with `addDjTrack` (one recording on several labelled releases).
 * Ids are UUIDs derived from the insertion order and names, so a catalogue built the same way
 * always has the same ids.
 */

export interface MbArtist {
  readonly id: string
  readonly name: string
  readonly sortName: string
  readonly type: string | null
}

export interface MbCredit {
  readonly artist: MbArtist
  /** The name as credited here. */
  readonly name: string
  readonly joinphrase: string
}

export interface MbWork {
  readonly id: string
  readonly title: string
  readonly composers: ReadonlyArray<MbArtist>
  readonly lyricists: ReadonlyArray<MbArtist>
  readonly writers: ReadonlyArray<MbArtist>
}

export interface MbRecording {
  readonly id: string
  readonly title: string
  readonly length: number | null
  readonly credit: ReadonlyArray<MbCredit>
  /** Works this recording is a performance of. */
  readonly works: ReadonlyArray<MbWork>
  /** Artists with a `vocal` relationship to the recording. */
  readonly vocals: ReadonlyArray<MbArtist>
}

export interface MbTrack {
  readonly id: string
  readonly title: string
  readonly length: number | null
  readonly credit: ReadonlyArray<MbCredit>
  readonly recording: MbRecording
}

export interface MbMedium {
  readonly format: string | null
  readonly tracks: ReadonlyArray<MbTrack>
}

export interface MbLabel {
  readonly id: string
  readonly name: string
  readonly sortName: string
  readonly type: string | null
  readonly country: string | null
}

export interface MbLabelInfo {
  readonly label: MbLabel | null
  readonly catalogNumber: string | null
}

export type ReleaseStatus = "Official" | "Promotion" | "Bootleg" | "Pseudo-Release"

export interface MbRelease {
  readonly id: string
  readonly title: string
  readonly status: ReleaseStatus | null
  /** `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or "". */
  readonly date: string
  readonly country: string | null
  readonly credit: ReadonlyArray<MbCredit>
  readonly labelInfo: ReadonlyArray<MbLabelInfo>
  readonly media: ReadonlyArray<MbMedium>
  readonly releaseGroupId: string
}

export interface MbReleaseGroup {
  readonly id: string
  readonly title: string
  readonly primaryType: string | null
  readonly secondaryTypes: ReadonlyArray<string>
  readonly credit: ReadonlyArray<MbCredit>
  readonly releaseIds: Array<string>
}

export interface MbUrl {
  readonly id: string
  readonly resource: string
  /** Release groups linked to this URL by the "IMDb" relationship. */
  readonly imdbReleaseGroupIds: Array<string>
  /** Recordings linked by "samples IMDb entry" (a different link type that must be ignored). */
  readonly sampledByRecordingIds: Array<string>
}

// ---------------------------------------------------------------------------------------------
// Specs: what tests and benchmarks write to add things.

export interface FakeSongSpec {
  readonly title: string
  /** Singers, credited on the track in this order. */
  readonly singers: ReadonlyArray<string>
  /** Composers on the work (`composer` relationship). */
  readonly composers?: ReadonlyArray<string>
  /** Lyricists on the work (`lyricist` relationship). */
  readonly lyricists?: ReadonlyArray<string>
  /** `writer` relationships on the work (composer/lyricist split unknown). */
  readonly writers?: ReadonlyArray<string>
  /** Track length in ms; `null` leaves the track without one (the recording's length remains). */
  readonly lengthMs?: number | null
  /** Recording length in ms (defaults to the track length). */
  readonly recordingLengthMs?: number | null
  /** Artists with a `vocal` relationship on the recording. */
  readonly vocals?: ReadonlyArray<string>
  /** Credit the track to these names instead of the singers (e.g. only the composer). */
  readonly creditedTo?: ReadonlyArray<string>
}

export interface FakeReleaseSpec {
  readonly title?: string
  readonly status?: ReleaseStatus | null
  readonly date?: string
  readonly country?: string | null
  /** A label name; `null` gives a label-info entry whose label is null. Omitted: no label-info. */
  readonly label?: string | null
  readonly catalogNumber?: string | null
  /** Only the first N songs of the album are on this release. */
  readonly songCount?: number
  /** Append a `[data track]` credited to the special-purpose artist `[data]`. */
  readonly dataTrack?: boolean
  readonly format?: string | null
}

export interface FakeAlbumSpec {
  readonly title: string
  readonly primaryType?: string | null
  readonly secondaryTypes?: ReadonlyArray<string>
  /** Album artist credit (default: the first composer of the first song, else Various Artists). */
  readonly artists?: ReadonlyArray<string>
  readonly songs: ReadonlyArray<FakeSongSpec>
  /** Default: one official release dated with the album's year. */
  readonly releases?: ReadonlyArray<FakeReleaseSpec>
}

export interface FakeFilmSpec {
  readonly title: string
  readonly year: number
  readonly imdbId?: string
  /**
   * How the film's IMDb page is linked: the current `https://www.imdb.com/title/ttN/` form,
   * only the legacy `http://…` form, or not at all. Default: "https" when `imdbId` is given.
   */
  readonly imdbLink?: "https" | "http" | "none"
  /** The songs album (title default: "<film> (Original Motion Picture Soundtrack)"). */
  readonly album: Omit<FakeAlbumSpec, "title"> & { readonly title?: string }
  /** More albums of the film (score, singles…), linked to the same IMDb page. */
  readonly extraAlbums?: ReadonlyArray<FakeAlbumSpec>
}

export interface FakeAlbum {
  readonly releaseGroupId: string
  readonly title: string
  readonly releaseIds: ReadonlyArray<string>
  readonly recordingIds: ReadonlyArray<string>
}

export interface FakeFilm {
  readonly title: string
  readonly year: number
  readonly imdbId: string | undefined
  /** The songs album. */
  readonly album: FakeAlbum
  readonly extraAlbums: ReadonlyArray<FakeAlbum>
}

export interface FakeDjReleaseSpec {
  readonly title?: string
  readonly status?: ReleaseStatus | null
  readonly date?: string
  readonly country?: string | null
  readonly label: string | null
  readonly catalogNumber?: string | null
  readonly primaryType?: string | null
  readonly secondaryTypes?: ReadonlyArray<string>
  /** Artist credit of the release (default: the track's artists). */
  readonly artists?: ReadonlyArray<string>
}

export interface FakeDjTrackSpec {
  readonly title: string
  /** Credited artists; joined with " & " (or the given join phrases). */
  readonly artists: ReadonlyArray<string>
  readonly joinphrases?: ReadonlyArray<string>
  readonly lengthMs?: number | null
  readonly releases: ReadonlyArray<FakeDjReleaseSpec>
}

export interface FakeDjTrack {
  readonly recordingId: string
  readonly releaseIds: ReadonlyArray<string>
}

export const imdbUrl = (imdbId: string, form: "https" | "http" = "https"): string =>
  `${form}://www.imdb.com/title/${imdbId}/`

const SPECIAL_ARTISTS: Readonly<Record<string, string>> = {
  // The real MBIDs of MusicBrainz's special-purpose artists.
  "[data]": "33cf029c-63b0-41a0-9855-be2a3665fb3b",
  "Various Artists": "89ad4ac3-39f7-470e-963a-56509c546377",
  "[unknown]": "125ec42a-7229-4250-afc5-e057484327fe",
  "[no artist]": "eec63d3c-3b81-4ad4-b1e4-7c147d4d2b61",
  "[anonymous]": "f731ccc4-e22a-43af-a747-64213329e088"
}

const sortNameOf = (name: string): string => {
  if (name.startsWith("[") || name === "Various Artists") return name
  const words = name.split(" ")
  return words.length < 2 ? name : `${words.at(-1)}, ${words.slice(0, -1).join(" ")}`
}

export class FakeCatalogue {
  readonly artists = new Map<string, MbArtist>()
  readonly labels = new Map<string, MbLabel>()
  readonly recordings = new Map<string, MbRecording>()
  readonly releases = new Map<string, MbRelease>()
  readonly releaseGroups = new Map<string, MbReleaseGroup>()
  /** By exact resource string (the real server compares after light canonicalisation only). */
  readonly urls = new Map<string, MbUrl>()
  private sequence = 0

  /** A deterministic UUID (version-4 layout) for the next entity. */
  newId(kind: string, name: string): string {
    const hex = createHash("sha1").update(`${kind}\u0000${this.sequence++}\u0000${name}`).digest("hex")
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
  }

  /** The artist of this name, created on first use. */
  artist(name: string): MbArtist {
    const known = this.artists.get(name)
    if (known !== undefined) return known
    const special = SPECIAL_ARTISTS[name]
    const artist: MbArtist = {
      id: special ?? this.newId("artist", name),
      name,
      sortName: sortNameOf(name),
      type: special === undefined ? "Person" : name === "Various Artists" ? "Other" : null
    }
    this.artists.set(name, artist)
    return artist
  }

  label(name: string): MbLabel {
    const known = this.labels.get(name)
    if (known !== undefined) return known
    const label: MbLabel = { id: this.newId("label", name), name, sortName: name, type: "Original Production", country: null }
    this.labels.set(name, label)
    return label
  }

  credit(names: ReadonlyArray<string>, joinphrases?: ReadonlyArray<string>): ReadonlyArray<MbCredit> {
    return names.map((name, i) => ({
      artist: this.artist(name),
      name,
      joinphrase: joinphrases?.[i] ?? (i === names.length - 1 ? "" : i === names.length - 2 ? " & " : ", ")
    }))
  }

  /** Links a resource (an IMDb page) to a release group with the "IMDb" relationship. */
  linkImdb(resource: string, releaseGroupId: string): void {
    const url = this.urlFor(resource)
    if (!url.imdbReleaseGroupIds.includes(releaseGroupId)) url.imdbReleaseGroupIds.push(releaseGroupId)
  }

  /** A "samples IMDb entry" link from a recording: same URL, a link type a client must ignore. */
  linkSampledImdb(resource: string, recordingId: string): void {
    this.urlFor(resource).sampledByRecordingIds.push(recordingId)
  }

  private urlFor(resource: string): MbUrl {
    const known = this.urls.get(resource)
    if (known !== undefined) return known
    const url: MbUrl = { id: this.newId("url", resource), resource, imdbReleaseGroupIds: [], sampledByRecordingIds: [] }
    this.urls.set(resource, url)
    return url
  }

  /** Adds an album (release group, its releases, recordings and works). */
  addAlbum(spec: FakeAlbumSpec, year: number): FakeAlbum {
    const releaseGroupId = this.newId("release-group", spec.title)
    const firstComposer = spec.songs[0]?.composers?.[0]
    const albumArtists = spec.artists ?? [firstComposer ?? "Various Artists"]
    const group: MbReleaseGroup = {
      id: releaseGroupId,
      title: spec.title,
      primaryType: spec.primaryType === undefined ? "Album" : spec.primaryType,
      secondaryTypes: spec.secondaryTypes ?? ["Soundtrack"],
      credit: this.credit(albumArtists),
      releaseIds: []
    }
    this.releaseGroups.set(releaseGroupId, group)
    const songs = spec.songs.map((song) => this.addSong(song))
    const releaseSpecs = spec.releases ?? [{ status: "Official", date: String(year), country: "IN" }]
    for (const r of releaseSpecs) {
      const chosen = songs.slice(0, r.songCount ?? songs.length)
      const tracks: Array<MbTrack> = chosen.map(({ recording, spec: song }) => ({
        id: this.newId("track", song.title),
        title: song.title,
        length: song.lengthMs === undefined ? recording.length : song.lengthMs,
        credit: this.credit(song.creditedTo ?? song.singers),
        recording
      }))
      if (r.dataTrack === true) tracks.push(this.dataTrack())
      const release: MbRelease = {
        id: this.newId("release", spec.title),
        title: r.title ?? spec.title,
        status: r.status === undefined ? "Official" : r.status,
        date: r.date ?? String(year),
        country: r.country === undefined ? "IN" : r.country,
        credit: group.credit,
        labelInfo:
          r.label === undefined ? [] : [{ label: r.label === null ? null : this.label(r.label), catalogNumber: r.catalogNumber ?? null }],
        media: [{ format: r.format === undefined ? "CD" : r.format, tracks }],
        releaseGroupId
      }
      this.releases.set(release.id, release)
      group.releaseIds.push(release.id)
    }
    return {
      releaseGroupId,
      title: spec.title,
      releaseIds: [...group.releaseIds],
      recordingIds: songs.map((s) => s.recording.id)
    }
  }

  /** Adds a film: its songs album and extra albums, linked to its IMDb page as asked. */
  addFilm(spec: FakeFilmSpec): FakeFilm {
    const album = this.addAlbum({ title: `${spec.title} (Original Motion Picture Soundtrack)`, ...spec.album }, spec.year)
    const extraAlbums = (spec.extraAlbums ?? []).map((a) => this.addAlbum(a, spec.year))
    const link = spec.imdbLink ?? (spec.imdbId === undefined ? "none" : "https")
    if (spec.imdbId !== undefined && link !== "none") {
      for (const a of [album, ...extraAlbums]) this.linkImdb(imdbUrl(spec.imdbId, link), a.releaseGroupId)
    }
    return { title: spec.title, year: spec.year, imdbId: spec.imdbId, album, extraAlbums }
  }

  /** Adds one recording released on several labelled releases (each in its own release group). */
  addDjTrack(spec: FakeDjTrackSpec): FakeDjTrack {
    const recording: MbRecording = {
      id: this.newId("recording", spec.title),
      title: spec.title,
      length: spec.lengthMs ?? 360_000,
      credit: this.credit(spec.artists, spec.joinphrases),
      works: [],
      vocals: []
    }
    this.recordings.set(recording.id, recording)
    const releaseIds = spec.releases.map((r) => {
      const title = r.title ?? spec.title
      const releaseGroupId = this.newId("release-group", title)
      const credit = r.artists === undefined ? recording.credit : this.credit(r.artists)
      this.releaseGroups.set(releaseGroupId, {
        id: releaseGroupId,
        title,
        primaryType: r.primaryType === undefined ? "Single" : r.primaryType,
        secondaryTypes: r.secondaryTypes ?? [],
        credit,
        releaseIds: []
      })
      const release: MbRelease = {
        id: this.newId("release", title),
        title,
        status: r.status === undefined ? "Official" : r.status,
        date: r.date ?? "",
        country: r.country === undefined ? "XW" : r.country,
        credit,
        labelInfo: [{ label: r.label === null ? null : this.label(r.label), catalogNumber: r.catalogNumber ?? null }],
        media: [
          {
            format: "Digital Media",
            tracks: [{ id: this.newId("track", spec.title), title: spec.title, length: recording.length, credit: recording.credit, recording }]
          }
        ],
        releaseGroupId
      }
      this.releases.set(release.id, release)
      this.releaseGroups.get(releaseGroupId)?.releaseIds.push(release.id)
      return release.id
    })
    return { recordingId: recording.id, releaseIds }
  }

  private addSong(song: FakeSongSpec): { readonly recording: MbRecording; readonly spec: FakeSongSpec } {
    const hasWork = (song.composers?.length ?? 0) + (song.lyricists?.length ?? 0) + (song.writers?.length ?? 0) > 0
    const work: MbWork | undefined = hasWork
      ? {
          id: this.newId("work", song.title),
          title: song.title,
          composers: (song.composers ?? []).map((n) => this.artist(n)),
          lyricists: (song.lyricists ?? []).map((n) => this.artist(n)),
          writers: (song.writers ?? []).map((n) => this.artist(n))
        }
      : undefined
    const length = song.recordingLengthMs !== undefined ? song.recordingLengthMs : (song.lengthMs ?? 240_000)
    const recording: MbRecording = {
      id: this.newId("recording", song.title),
      title: song.title,
      length,
      credit: this.credit(song.singers),
      works: work === undefined ? [] : [work],
      vocals: (song.vocals ?? []).map((n) => this.artist(n))
    }
    this.recordings.set(recording.id, recording)
    return { recording, spec: song }
  }

  private dataTrack(): MbTrack {
    const recording: MbRecording = {
      id: this.newId("recording", "[data track]"),
      title: "[data track]",
      length: null,
      credit: this.credit(["[data]"]),
      works: [],
      vocals: []
    }
    this.recordings.set(recording.id, recording)
    return { id: this.newId("track", "[data track]"), title: "[data track]", length: null, credit: recording.credit, recording }
  }
}
