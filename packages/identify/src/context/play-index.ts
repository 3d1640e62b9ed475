/**
 * What the whole store says about artists, DJs and labels, counted once from a snapshot: how
 * often each artist is played, which artists each DJ plays, the labels each artist releases on
 * (and so the labels a DJ "owns": those the DJ releases on as an artist), and each label's roster.
 */
import type { Snapshot } from "../store/store-snapshot.js"

export interface PlayIndex {
  readonly snapshot: Snapshot
  /** Plays credited to each artist ("A & B" is a play of each). */
  readonly artistPlays: Int32Array
  /** Σ artistPlays: the base of an artist's share of the plays. */
  readonly totalPlays: number
  /** By DJ: artist → the DJ's sets in which the artist is played. */
  readonly artistSetsOfDj: ReadonlyArray<ReadonlyMap<number, number>>
  /** By DJ: the artist of the same name, −1 when the DJ is not (known as) an artist. */
  readonly artistOfDj: Int32Array
  /** By artist: the DJ of the same name, −1 when none. */
  readonly djOfArtist: Int32Array
  /** By artist: its labels (those holding at least a tenth of its labelled plays, and learned ones). */
  readonly labelsOfArtist: ReadonlyArray<ReadonlyArray<number>>
  /** By label: its artists, most played first (at most `rosterSize`). */
  readonly rosterOfLabel: ReadonlyArray<ReadonlyArray<number>>
  /** By DJ: the labels the DJ releases on as an artist. */
  readonly ownedLabelsOfDj: ReadonlyArray<ReadonlyArray<number>>
  /** By DJ: the artists the DJ plays in most sets (not the DJ's own records), at most `topArtists`. */
  readonly topArtistsOfDj: ReadonlyArray<ReadonlyArray<number>>
}

export interface PlayIndexOptions {
  readonly rosterSize: number
  readonly topArtists: number
}

// A label counts as the artist's when it holds this share of the artist's labelled plays: a
// guest spot on another label ("A feat. B") does not make B's label A's.
const LABEL_SHARE = 0.1

const byCountThenId = (counts: ReadonlyMap<number, number>, limit: number, except = -1): Array<number> =>
  [...counts.entries()]
    .filter(([id]) => id !== except)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([id]) => id)

export const makePlayIndex = (snapshot: Snapshot, options: PlayIndexOptions): PlayIndex => {
  const { plays, sets, credits } = snapshot
  const artistCount = snapshot.artists.key.length
  const labelCount = snapshot.labels.key.length
  const djCount = snapshot.djs.key.length

  const artistPlays = new Int32Array(artistCount)
  const labelPlays: Array<Map<number, number>> = Array.from({ length: artistCount }, () => new Map())
  const rosterPlays: Array<Map<number, number>> = Array.from({ length: labelCount }, () => new Map())
  let totalPlays = 0
  for (let p = 0; p < plays.count; p++) {
    const credit = plays.credit[p]!
    if (credit < 0) continue
    const label = plays.label[p]!
    for (const a of credits[credit]!) {
      artistPlays[a]!++
      totalPlays++
      if (label >= 0) {
        labelPlays[a]!.set(label, (labelPlays[a]!.get(label) ?? 0) + 1)
        rosterPlays[label]!.set(a, (rosterPlays[label]!.get(a) ?? 0) + 1)
      }
    }
  }

  const artistSetsOfDj: Array<Map<number, number>> = Array.from({ length: djCount }, () => new Map())
  const inSet = new Set<number>()
  for (let s = 0; s < sets.sourceId.length; s++) {
    inSet.clear()
    for (let p = sets.playStart[s]!; p < sets.playStart[s + 1]!; p++) {
      const credit = plays.credit[p]!
      if (credit >= 0) for (const a of credits[credit]!) inSet.add(a)
    }
    for (let d = sets.djStart[s]!; d < sets.djStart[s + 1]!; d++) {
      const counts = artistSetsOfDj[sets.djs[d]!]!
      for (const a of inSet) counts.set(a, (counts.get(a) ?? 0) + 1)
    }
  }

  const learned: Array<Set<number>> = Array.from({ length: artistCount }, () => new Set())
  for (const { artist, label } of snapshot.learnedLabels) learned[artist]?.add(label)
  const labelsOfArtist = labelPlays.map((counts, a) => {
    let labelled = 0
    for (const n of counts.values()) labelled += n
    const own = [...counts.entries()].filter(([, n]) => n >= LABEL_SHARE * labelled).map(([label]) => label)
    return [...new Set([...own, ...learned[a]!])].sort((x, y) => x - y)
  })

  const artistOfDj = new Int32Array(djCount).fill(-1)
  const djOfArtist = new Int32Array(artistCount).fill(-1)
  for (let d = 0; d < djCount; d++) {
    const a = snapshot.artists.idOf.get(snapshot.djs.key[d]!)
    if (a !== undefined) {
      artistOfDj[d] = a
      djOfArtist[a] = d
    }
  }
  return {
    snapshot,
    artistPlays,
    totalPlays,
    artistSetsOfDj,
    artistOfDj,
    djOfArtist,
    labelsOfArtist,
    rosterOfLabel: rosterPlays.map((counts) => byCountThenId(counts, options.rosterSize)),
    ownedLabelsOfDj: Array.from(artistOfDj, (a) => (a < 0 ? [] : labelsOfArtist[a]!)),
    topArtistsOfDj: artistSetsOfDj.map((counts, d) => byCountThenId(counts, options.topArtists, artistOfDj[d]!))
  }
}
