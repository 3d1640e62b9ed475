/**
 * A played track as the store keeps it: the row's text as written, and the keys that
 * identification compares (artist keys, title key, label key) with the unknown markers read.
 */
import { type ArtistKey, artistKeys, labelKey, trackKey } from "../store/label-knowledge.js"
import type { SetRow } from "./set-row.js"
import { isUnknownArtist, isUnknownLabel, isUnknownTitle } from "./unknown-markers.js"

export interface PlayedTrack {
  /** 1-based, the order of play. */
  readonly position: number
  /** As the tracklist shows it ("" when empty). */
  readonly artist: string
  readonly title: string
  readonly label: string | null
  /** The source's own id of the track. */
  readonly trackKey: string | null
  /** The artist is `ID`, `Unknown`, `Unknown Artist`, empty, or only such markers. */
  readonly artistUnknown: boolean
  /** The title is `ID` or empty. */
  readonly titleUnknown: boolean
  /** The credited artists, normalised (none when unknown). */
  readonly artists: ReadonlyArray<ArtistKey>
  /** The title's core words normalised (`trackKey`); null when the title is unknown. */
  readonly titleKey: string | null
  /** The label normalised (`labelKey`); null when no label is shown. */
  readonly labelKey: string | null
}

/**
 * Reads rows into played tracks. Artists and titles repeat across a catalogue (a hit is played
 * in thousands of sets), so each distinct spelling is normalised once per reader.
 */
export const makePlayedTrackReader = (): ((row: SetRow) => PlayedTrack) => {
  const artists = new Map<string, { readonly unknown: boolean; readonly keys: ReadonlyArray<ArtistKey> }>()
  const titles = new Map<string, string | null>()
  const labels = new Map<string, string | null>()
  const artistOf = (credit: string) => {
    let known = artists.get(credit)
    if (known === undefined) {
      const unknown = isUnknownArtist(credit)
      known = { unknown, keys: unknown ? [] : artistKeys(credit) }
      artists.set(credit, known)
    }
    return known
  }
  const titleKeyOf = (title: string) => {
    let key = titles.get(title)
    if (key === undefined) {
      key = isUnknownTitle(title) ? null : trackKey(title)
      titles.set(title, key)
    }
    return key
  }
  const labelKeyOf = (label: string) => {
    let key = labels.get(label)
    if (key === undefined) {
      key = isUnknownLabel(label) ? null : labelKey(label) || null
      labels.set(label, key)
    }
    return key
  }
  return (row) => {
    const artist = artistOf(row.artist)
    const titleKey = titleKeyOf(row.title)
    return {
      position: row.position,
      artist: row.artist,
      title: row.title,
      label: row.label === "" ? null : row.label,
      trackKey: row.trackKey === "" ? null : row.trackKey,
      artistUnknown: artist.unknown,
      titleUnknown: titleKey === null,
      artists: artist.keys,
      titleKey,
      labelKey: labelKeyOf(row.label)
    }
  }
}

/** Whether the track's label can teach the label hunter: a known artist, a known title, a label shown. */
export const teachesLabel = (track: PlayedTrack): boolean => !track.artistUnknown && track.artists.length > 0 && !track.titleUnknown && track.labelKey !== null
