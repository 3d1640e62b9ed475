/**
 * The words a transcriber should expect: the film's title, its songs' titles and the people
 * credited on them, each once however it is spelled, weighted by how much it matters.
 */
import { normalizeText, prepareName, romanizedKey, type Track } from "@liner/core"

export type TermKind = "film" | "song" | "composer" | "singer" | "lyricist"

export interface VocabularyTerm {
  readonly text: string
  readonly kind: TermKind
  readonly weight: number
}

/**
 * Base weights: the film and its songs are what the dialogue and the lyrics name; composers
 * (music directors) and singers are named in credits and talk; lyricists rarely.
 */
const BASE_WEIGHT: Readonly<Record<TermKind, number>> = { film: 10, song: 9, composer: 6, singer: 5, lyricist: 4 }
/** Each further song a person is credited on adds this much, up to `MAX_CREDIT_BONUS`. */
const CREDIT_BONUS = 0.5
const MAX_CREDIT_BONUS = 3

interface Collected {
  readonly spellings: Map<string, number>
  readonly kinds: Set<TermKind>
  readonly tracks: Set<number>
  readonly firstSeen: number
}

const tidy = (s: string) => s.replace(/\s+/g, " ").trim()

/** The spelling used most often; the first seen among equals. */
const preferredSpelling = (spellings: ReadonlyMap<string, number>): string => {
  let best = ""
  let count = -1
  for (const [spelling, n] of spellings) if (n > count) [best, count] = [spelling, n]
  return best
}

/**
 * Terms of a soundtrack, heaviest first (ties: first seen first). Titles are the same term when
 * their romanisation keys agree ("Jaane Tu... Ya Jaane Na" = "Jane Tu Ya Jane Na"); people when
 * their name keys agree ("A. R. Rahman" = "A.R. Rahman"), whatever roles they had.
 */
export const collectTerms = (filmTitle: string | null, tracks: ReadonlyArray<Track>): ReadonlyArray<VocabularyTerm> => {
  const titles = new Map<string, Collected>()
  const people = new Map<string, Collected>()
  let order = 0
  const add = (into: Map<string, Collected>, key: string, text: string, kind: TermKind, track: number) => {
    if (key === "" || normalizeText(text) === "") return
    const entry = into.get(key) ?? { spellings: new Map(), kinds: new Set(), tracks: new Set(), firstSeen: order++ }
    entry.spellings.set(text, (entry.spellings.get(text) ?? 0) + 1)
    entry.kinds.add(kind)
    if (track >= 0) entry.tracks.add(track)
    into.set(key, entry)
  }

  if (filmTitle !== null) add(titles, romanizedKey(filmTitle), tidy(filmTitle), "film", -1)
  tracks.forEach((track, i) => {
    const title = tidy(track.title)
    add(titles, romanizedKey(title), title, "song", i)
    const credit = (names: ReadonlyArray<string>, kind: TermKind) => {
      for (const name of names.map(tidy)) add(people, prepareName(name).key, name, kind, i)
    }
    credit(track.composers, "composer")
    credit(track.artists, "singer")
    credit(track.lyricists, "lyricist")
  })

  const terms: Array<VocabularyTerm & { readonly firstSeen: number }> = []
  for (const [collected, isPerson] of [
    [titles, false],
    [people, true]
  ] as const) {
    for (const entry of collected.values()) {
      const kind = [...entry.kinds].reduce((a, b) => (BASE_WEIGHT[b] > BASE_WEIGHT[a] ? b : a))
      const bonus = isPerson ? Math.min(MAX_CREDIT_BONUS, CREDIT_BONUS * Math.max(0, entry.tracks.size - 1)) : 0
      terms.push({ text: preferredSpelling(entry.spellings), kind, weight: BASE_WEIGHT[kind] + bonus, firstSeen: entry.firstSeen })
    }
  }
  return terms
    .sort((a, b) => b.weight - a.weight || a.firstSeen - b.firstSeen)
    .map(({ text, kind, weight }) => ({ text, kind, weight }))
}
