/**
 * Unknown tracks as the contract defines them (contracts/identify.md): the plays of an unknown
 * artist that share a `track_key`, else a normalised known title; an `ID – ID` play without a
 * key is a track of its own that cannot be grouped.
 */
import { trackKey as titleKeyOf } from "@liner/core"
import { type Resolution, type Snapshot, trackGroupKey } from "../store/store-snapshot.js"

export interface UnknownTrack {
  /** `key:<track_key>` or `title:<title key>`; null for a keyless `ID – ID` (never grouped). */
  readonly groupKey: string | null
  /** The source's id of the track, when it has one. */
  readonly trackKey: string | null
  /** The title as the first play shows it ("ID" for an unknown title). */
  readonly title: string
  /** Play indices, in set and position order. */
  readonly plays: ReadonlyArray<number>
  /** Distinct sets, in order. */
  readonly sets: ReadonlyArray<number>
  /** Distinct DJs, in the order first met. */
  readonly djs: ReadonlyArray<number>
}

const shownTitle = (snapshot: Snapshot, play: number): string => {
  const title = snapshot.unknownTitles.get(play) ?? ""
  return title === "" ? "ID" : title
}

const trackOf = (snapshot: Snapshot, groupKey: string | null, plays: ReadonlyArray<number>): UnknownTrack => {
  const sets = [...new Set(plays.map((p) => snapshot.plays.set[p]!))]
  const djs = new Set<number>()
  for (const s of sets) for (let d = snapshot.sets.djStart[s]!; d < snapshot.sets.djStart[s + 1]!; d++) djs.add(snapshot.sets.djs[d]!)
  const first = plays[0]!
  const tk = snapshot.plays.trackKey[first]!
  return { groupKey, trackKey: tk >= 0 ? snapshot.trackKeys[tk]! : null, title: shownTitle(snapshot, first), plays, sets, djs: [...djs] }
}

const groupKeyOfPlay = (snapshot: Snapshot, p: number): string | null => {
  const tk = snapshot.plays.trackKey[p]!
  const tt = snapshot.plays.titleKey[p]!
  return trackGroupKey(tk >= 0 ? snapshot.trackKeys[tk]! : null, tt >= 0 ? snapshot.titleKeys[tt]! : null)
}

/** Every unknown track of the store, in the order first played (keyless `ID – ID` plays one by one). */
export const unknownTracks = (snapshot: Snapshot): Array<UnknownTrack> => {
  const groups = new Map<string, Array<number>>()
  const order: Array<string | number> = []
  for (let p = 0; p < snapshot.plays.count; p++) {
    if (snapshot.plays.credit[p]! >= 0) continue
    const key = groupKeyOfPlay(snapshot, p)
    if (key === null) {
      order.push(p)
      continue
    }
    const plays = groups.get(key)
    if (plays === undefined) {
      groups.set(key, [p])
      order.push(key)
    } else plays.push(p)
  }
  return order.map((entry) => (typeof entry === "number" ? trackOf(snapshot, null, [entry]) : trackOf(snapshot, entry, groups.get(entry)!)))
}

/** What a query names: an unknown track, a track whose artist is known after all, or nothing in the store. */
export type FoundTrack =
  | { readonly _tag: "Unknown"; readonly track: UnknownTrack }
  | { readonly _tag: "Known"; readonly track: UnknownTrack; readonly resolution: Resolution }
  | { readonly _tag: "Absent"; readonly groupKey: string }

export interface TrackQuery {
  readonly trackKey?: string | undefined
  readonly title?: string | undefined
}

/** The group key a query names: its track key, else its title's key. */
export const queryGroupKey = (query: TrackQuery): string | null => {
  const key = query.trackKey?.trim()
  if (key !== undefined && key !== "") return `key:${key}`
  const title = query.title?.trim()
  return title === undefined || title === "" ? null : `title:${titleKeyOf(title)}`
}

/** The plays of one group, whether its artist is unknown or was resolved. */
export const findTrack = (snapshot: Snapshot, groupKey: string): FoundTrack => {
  const plays: Array<number> = []
  const resolution = snapshot.resolved.get(groupKey)
  for (let p = 0; p < snapshot.plays.count; p++) {
    const credit = snapshot.plays.credit[p]!
    // Resolved plays carry their credit now; the group is still the plays that came in unknown.
    if (credit >= 0 && !(resolution !== undefined && snapshot.unknownTitles.has(p))) continue
    if (groupKeyOfPlay(snapshot, p) === groupKey) plays.push(p)
  }
  if (plays.length === 0) return { _tag: "Absent", groupKey }
  const track = trackOf(snapshot, groupKey, plays)
  return resolution === undefined ? { _tag: "Unknown", track } : { _tag: "Known", track, resolution }
}
