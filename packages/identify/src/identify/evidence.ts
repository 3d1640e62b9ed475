/**
 * What a person can check in the tracklists, in sentences: "played next to X in 3 of 4 sets",
 * "label owner Y played it twice". Strongest first; only what speaks for the candidate, and a
 * warning when the candidate is common enough to be next to everything.
 */
import type { PlayIndex } from "../context/play-index.js"
import type { CandidateFeatures } from "../features/candidate-features.js"
import type { UnknownTrack } from "../tracks/unknown-tracks.js"

const times = (n: number): string => (n === 1 ? "once" : n === 2 ? "twice" : `${n} times`)
const sets = (n: number): string => `${n} set${n === 1 ? "" : "s"}`
const list = (names: ReadonlyArray<string>): string =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`
const percent = (share: number): string => (share >= 0.01 ? `${(share * 100).toFixed(1)} %` : `${(share * 100).toFixed(2)} %`)

export interface EvidenceOptions {
  readonly window: number
  /** The candidate's term frequency (share relative to the typical candidate's). */
  readonly termFrequency: number
  /** Songstats: how many of the track's DJs support the candidate there (null: not asked). */
  readonly songstatsSupport: number | null
}

export const evidenceSentences = (index: PlayIndex, track: UnknownTrack, f: CandidateFeatures, options: EvidenceOptions): Array<string> => {
  const { snapshot } = index
  const artist = snapshot.artists.name[f.artist]!
  const label = (id: number) => snapshot.labels.name[id]!
  const dj = (id: number) => snapshot.djs.name[id]!
  const n = track.sets.length
  const out: Array<string> = []
  if (f.nextToSets.length > 0) out.push(`played next to ${artist} in ${f.nextToSets.length} of ${sets(n)}`)
  const nearOnly = f.nearSets.filter((s) => !f.nextToSets.includes(s)).length
  if (nearOnly > 0) out.push(`played within ${options.window} positions of ${artist} in ${nearOnly === n ? "all" : nearOnly} of ${sets(n)}${f.nextToSets.length > 0 ? " more" : ""}`)
  if (f.djIsCandidateSets.length > 0) out.push(`${artist} played it ${times(f.djIsCandidateSets.length)} (in ${f.djIsCandidateSets.length} of ${sets(n)})`)
  for (const owner of f.labelOwners) {
    const played = track.sets.filter((s) => {
      for (let d = snapshot.sets.djStart[s]!; d < snapshot.sets.djStart[s + 1]!; d++) if (snapshot.sets.djs[d] === owner) return true
      return false
    }).length
    const owned = index.ownedLabelsOfDj[owner]!.filter((l) => f.candidateLabels.includes(l)).map(label)
    out.push(`label owner ${dj(owner)} (${list(owned)}) played it ${times(played)}`)
  }
  if (f.ownLabels.length > 0) out.push(`its plays show ${list(f.ownLabels.map(label))}, ${artist}'s label`)
  if (f.labelSets.length > 0) out.push(`records of ${artist}'s label ${list(f.matchedLabels.map(label))} were played within ${options.window} positions of it in ${f.labelSets.length} of ${sets(n)}`)
  if (f.overlappingDjs.length > 0) {
    out.push(`${f.overlappingDjs.length} of its ${track.djs.length} DJ${track.djs.length === 1 ? "" : "s"} (${list(f.overlappingDjs.map(dj))}) also play${f.overlappingDjs.length === 1 ? "s" : ""} ${artist} in other sets`)
  }
  if (options.songstatsSupport !== null && options.songstatsSupport > 0) {
    out.push(`Songstats lists ${options.songstatsSupport} of its DJs among ${artist}'s top supporters`)
  }
  if (options.termFrequency > 4 && (f.nearSets.length > 0 || f.overlappingDjs.length > 0)) {
    out.push(`${artist} is common in these sets (${percent(f.share)} of all plays): being near it says less`)
  }
  return out
}
