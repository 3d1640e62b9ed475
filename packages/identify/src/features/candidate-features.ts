/**
 * The candidates of an unknown track and what the context says about each (contracts/identify.md):
 * candidates are the artists played around the track (a window of positions), the DJs who are
 * artists, the artists the same DJs play most, and the rosters of the labels around the track and
 * of the labels the DJs own. Each (track, candidate) pair gets counts, turned into comparison
 * levels by the model (`model-settings.ts`): how many sets had the candidate next to the track,
 * how many of its DJs play the candidate elsewhere, whether the candidate's labels equal the
 * labels next to the track, whether a DJ is the candidate or owns the candidate's label.
 */
import type { PlayIndex } from "../context/play-index.js"
import type { UnknownTrack } from "../tracks/unknown-tracks.js"

export interface CandidateFeatures {
  /** The artist id. */
  readonly artist: number
  /** Sets in which the candidate was played right before or after the track. */
  readonly nextToSets: ReadonlyArray<number>
  /** Sets in which the candidate was played within the window (next to it included). */
  readonly nearSets: ReadonlyArray<number>
  /** The track's DJs (not the candidate) who play the candidate in other sets. */
  readonly overlappingDjs: ReadonlyArray<number>
  /** Sets the candidate played the track in (as its DJ). */
  readonly djIsCandidateSets: ReadonlyArray<number>
  /** The candidate's labels. */
  readonly candidateLabels: ReadonlyArray<number>
  /** Whether any label is shown with the track or next to it (on others' records). */
  readonly labelsAround: boolean
  /** The candidate's labels the track's own plays show. */
  readonly ownLabels: ReadonlyArray<number>
  /** Sets in which a record of the candidate's labels (by someone else) was played within the window. */
  readonly labelSets: ReadonlyArray<number>
  /** Which of the candidate's labels those were. */
  readonly matchedLabels: ReadonlyArray<number>
  /** Sets played by a DJ (not the candidate) who owns one of the candidate's labels. */
  readonly labelOwnerSets: ReadonlyArray<number>
  /** Those DJs. */
  readonly labelOwners: ReadonlyArray<number>
  /**
   * How many sets more than any other candidate the candidate was next to the track in (0: tied
   * at the top, below 0: behind; `NEVER_NEXT_TO_IT` when it never was). A track has one maker:
   * the artist next to it most stands out.
   */
  readonly nextToLead: number
  /** The candidate's share of all credited plays in the store (how common it is). */
  readonly share: number
}

/** The lead of a candidate never played next to the track. */
export const NEVER_NEXT_TO_IT = -100

export interface CandidateOptions {
  /** Positions on each side of the track whose artists are candidates and whose labels are "around" it. */
  readonly window: number
}

/** Every candidate of the track with its features, in a stable order (artist id). */
export const candidateFeatures = (index: PlayIndex, track: UnknownTrack, options: CandidateOptions): Array<CandidateFeatures> => {
  const { snapshot } = index
  const { plays, sets, credits } = snapshot
  const window = options.window
  const nextTo = new Map<number, Set<number>>()
  const near = new Map<number, Set<number>>()
  /** Per set: labels of records within the window, with who made them. */
  const labelsNear = new Map<number, Array<{ readonly label: number; readonly credit: number }>>()
  /** Per set: every artist played in it. */
  const artistsInSet = new Map<number, Set<number>>()
  const shownLabels = new Set<number>()
  const candidates = new Set<number>()
  const add = (map: Map<number, Set<number>>, artist: number, set: number) => {
    let entry = map.get(artist)
    if (entry === undefined) map.set(artist, (entry = new Set()))
    entry.add(set)
  }

  for (const p of track.plays) {
    const s = plays.set[p]!
    const position = plays.position[p]!
    if (plays.label[p]! >= 0) shownLabels.add(plays.label[p]!)
    const start = sets.playStart[s]!
    const end = sets.playStart[s + 1]!
    if (!artistsInSet.has(s)) {
      const inSet = new Set<number>()
      for (let q = start; q < end; q++) if (plays.credit[q]! >= 0) for (const a of credits[plays.credit[q]!]!) inSet.add(a)
      artistsInSet.set(s, inSet)
    }
    const near_ = labelsNear.get(s) ?? []
    labelsNear.set(s, near_)
    for (let q = start; q < end; q++) {
      const distance = Math.abs(plays.position[q]! - position)
      if (q === p || distance > window) continue
      const credit = plays.credit[q]!
      if (plays.label[q]! >= 0) near_.push({ label: plays.label[q]!, credit })
      if (credit < 0) continue
      for (const a of credits[credit]!) {
        candidates.add(a)
        add(near, a, s)
        if (distance === 1) add(nextTo, a, s)
      }
    }
  }

  /** Per DJ of the track: the sets of the track they played. */
  const djSets = new Map<number, Array<number>>()
  for (const s of track.sets) {
    for (let d = sets.djStart[s]!; d < sets.djStart[s + 1]!; d++) {
      const dj = sets.djs[d]!
      djSets.set(dj, [...(djSets.get(dj) ?? []), s])
    }
  }
  const labelsAroundTrack = new Set<number>(shownLabels)
  for (const around of labelsNear.values()) for (const { label } of around) labelsAroundTrack.add(label)
  for (const dj of djSets.keys()) {
    const artist = index.artistOfDj[dj]!
    if (artist >= 0) candidates.add(artist)
    for (const a of index.topArtistsOfDj[dj]!) candidates.add(a)
    for (const label of index.ownedLabelsOfDj[dj]!) for (const a of index.rosterOfLabel[label]!) candidates.add(a)
  }
  for (const label of labelsAroundTrack) for (const a of index.rosterOfLabel[label]!) candidates.add(a)

  // The two highest adjacency counts, for each candidate's lead over the others.
  let first = 0
  let second = 0
  for (const sets of nextTo.values()) {
    if (sets.size > first) [first, second] = [sets.size, first]
    else if (sets.size > second) second = sets.size
  }
  return [...candidates]
    .sort((a, b) => a - b)
    .map((artist) => {
      const next = nextTo.get(artist)?.size ?? 0
      const candidateLabels = index.labelsOfArtist[artist]!
      const ofCandidate = new Set(candidateLabels)
      const overlappingDjs: Array<number> = []
      const djIsCandidateSets = new Set<number>()
      const labelOwnerSets = new Set<number>()
      const labelOwners: Array<number> = []
      for (const [dj, played] of djSets) {
        if (index.artistOfDj[dj] === artist) {
          for (const s of played) djIsCandidateSets.add(s)
          continue
        }
        // Elsewhere: the DJ's sets with the candidate, less the sets of the track itself.
        const withCandidate = index.artistSetsOfDj[dj]!.get(artist) ?? 0
        const here = played.filter((s) => artistsInSet.get(s)!.has(artist)).length
        if (withCandidate - here > 0) overlappingDjs.push(dj)
        if (index.ownedLabelsOfDj[dj]!.some((label) => ofCandidate.has(label))) {
          labelOwners.push(dj)
          for (const s of played) labelOwnerSets.add(s)
        }
      }
      // Labels next to the track on records by others: the candidate's own records say nothing new.
      const labelSets: Array<number> = []
      const matchedLabels = new Set<number>()
      let labelsAround = shownLabels.size > 0
      for (const [s, around] of labelsNear) {
        let matched = false
        for (const { label, credit } of around) {
          if (credit >= 0 && credits[credit]!.includes(artist)) continue
          labelsAround = true
          if (ofCandidate.has(label)) {
            matched = true
            matchedLabels.add(label)
          }
        }
        if (matched) labelSets.push(s)
      }
      return {
        artist,
        nextToSets: [...(nextTo.get(artist) ?? [])],
        nextToLead: next === 0 ? NEVER_NEXT_TO_IT : next - (next === first ? second : first),
        nearSets: [...(near.get(artist) ?? [])],
        overlappingDjs,
        djIsCandidateSets: [...djIsCandidateSets],
        candidateLabels,
        labelsAround,
        ownLabels: [...shownLabels].filter((label) => ofCandidate.has(label)),
        labelSets,
        matchedLabels: [...matchedLabels],
        labelOwnerSets: [...labelOwnerSets],
        labelOwners,
        share: index.totalPlays === 0 ? 0 : index.artistPlays[artist]! / index.totalPlays
      }
    })
}
