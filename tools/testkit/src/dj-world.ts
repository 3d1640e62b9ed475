/**
 * A generated world of DJ sets with known truth, for the DJ-set import and artist
 * identification (issue 9): labels with rosters of artists, label owners who are DJs, DJs with
 * tastes, and sets made of runs of a label's records. Unreleased tracks are played as in real
 * catalogues: mostly by their own artist, the artist's label-mates and the label owner, next to
 * the artist's and the label's released records. Beside them:
 *
 * - decoys: unreleased tracks whose artist never appears in any set (no record, no DJ set), played
 *   by DJs who like the label after records of various label-mates: nobody can name them;
 * - ambiguous tracks: made by one of two "twin" label-mates whose context is the same by
 *   construction (each occurrence played by one twin or the other, between a record of each);
 * - keyless `ID – ID` rows: no key, no title, no artist: they cannot be grouped.
 *
 * The rows have the contract's columns (contracts/identify.md) as a file would give them: text
 * cells ("" when empty) and a numeric position. The same seed gives the same world. Sized by the
 * number of sets (about 25 rows each): 40 000 sets make about a million rows in seconds.
 */

/** One row of a set file: the contract's columns. */
export interface DjWorldRow {
  readonly set_id: string
  readonly dj: string
  readonly date: string
  readonly position: number
  readonly artist: string
  readonly title: string
  readonly label: string
  readonly track_key: string
}

export interface DjWorldOptions {
  /** The seed of the generator (default 1). */
  readonly seed?: number
  /** How many sets (default 200). */
  readonly sets?: number
  /** The mean number of tracks per set (default 25). */
  readonly tracksPerSet?: number
}

export interface DjWorldLabel {
  readonly name: string
  /** The DJ who owns it (one of its artists, who also plays sets). */
  readonly owner: string
  /** Its artists who appear in sets. */
  readonly roster: ReadonlyArray<string>
  /** Its artists who never appear in any set (their unreleased tracks are the decoys). */
  readonly hidden: ReadonlyArray<string>
}

export interface DjWorldDj {
  readonly name: string
  /** The DJ is also an artist (with records of their own). */
  readonly isArtist: boolean
  readonly favouriteLabels: ReadonlyArray<string>
  readonly favouriteArtists: ReadonlyArray<string>
}

/**
 * An unknown track of the world: the group of occurrences that share `trackKey` or, without a
 * key, its `title` (played with an unknown artist), and who really made it.
 */
export interface DjWorldUnknownTrack {
  /** The source's key on every occurrence, or null (then the title groups them). */
  readonly trackKey: string | null
  /** The title on every occurrence (null: played as `ID`). */
  readonly title: string | null
  /** Who made it. */
  readonly artist: string
  readonly label: string
  /**
   * `identifiable`: its context points at its artist; `decoy`: its artist never appears in any
   * set; `ambiguous`: two label-mates are equally plausible by construction.
   */
  readonly kind: "identifiable" | "decoy" | "ambiguous"
  /** The artists the context supports equally: the twins for `ambiguous`, else the artist. */
  readonly plausible: ReadonlyArray<string>
  /** How many rows play it. */
  readonly occurrences: number
}

export interface DjWorld {
  readonly rows: ReadonlyArray<DjWorldRow>
  readonly labels: ReadonlyArray<DjWorldLabel>
  readonly djs: ReadonlyArray<DjWorldDj>
  /** Every artist who appears in a set. */
  readonly artists: ReadonlyArray<string>
  readonly unknownTracks: ReadonlyArray<DjWorldUnknownTrack>
  /** The `ID – ID` rows without a key, and who really made each. */
  readonly keylessRows: ReadonlyArray<{ readonly set_id: string; readonly position: number; readonly artist: string }>
}

// ---------------------------------------------------------------------------------------------
// Randomness and names

/** mulberry32: small, fast and the same on every platform. */
const seeded = (seed: number): (() => number) => {
  let state = seed | 0
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Random {
  readonly next: () => number
  readonly int: (low: number, high: number) => number
  readonly pick: <A>(items: ReadonlyArray<A>) => A
  readonly chance: (p: number) => boolean
}

const randomOf = (seed: number): Random => {
  const next = seeded(seed)
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1))
  return {
    next,
    int,
    pick: <A>(items: ReadonlyArray<A>): A => {
      if (items.length === 0) throw new Error("dj-world: picking from nothing")
      return items[Math.floor(next() * items.length)] as A
    },
    chance: (p) => next() < p
  }
}

// No h, q or w and no doubled letters: Liner's name keys fold those (romanisation), and two
// generated names must never fold together.
const SYLLABLES = [
  "ka", "lo", "mi", "ra", "ven", "dor", "sel", "tra", "nu", "vik", "an", "el", "is", "or", "ul", "bre", "sto", "fen", "gar", "jun",
  "kes", "lum", "mar", "nor", "pel", "ros", "sig", "tor", "val", "yor", "zan", "dri", "ko", "li", "ma", "ne", "pa", "ri", "su", "te"
]
const ACCENTS: Readonly<Record<string, ReadonlyArray<string>>> = { a: ["á", "ä"], e: ["é", "ë"], o: ["ö", "ø"], u: ["ü"], n: ["ñ"], i: ["í"] }
const TITLE_WORDS_A = [
  "velvet", "glass", "amber", "silent", "neon", "hollow", "golden", "frozen", "distant", "electric", "broken", "crimson", "lunar",
  "solar", "paper", "iron", "silver", "wild", "quiet", "endless", "burning", "fading", "hidden", "open", "northern", "southern",
  "midnight", "morning", "static", "liquid", "restless", "gentle", "secret", "falling", "rising", "blue", "violet", "copper", "pale", "deep"
]
const TITLE_WORDS_B = [
  "static", "hours", "ground", "harbour", "signal", "garden", "river", "machine", "horizon", "mirror", "ferry", "lights", "shadow",
  "echo", "pulse", "orbit", "tide", "canyon", "forest", "station", "window", "season", "memory", "thunder", "island", "desert",
  "circuit", "compass", "lantern", "meadow", "voyage", "skyline", "current", "fragment", "planet", "ritual", "temple", "valley", "wave", "dream"
]
const LABEL_SUFFIXES = ["Records", "Recordings", "Music", "Audio", ""]
const VERSIONS = [" (Extended Mix)", " (Original Mix)", " - Extended Mix", " (Club Mix)"]
const UNKNOWN_ARTISTS = ["ID", "ID", "ID", "Unknown", "Unknown Artist", ""]

/** What Liner's keys compare, roughly: diacritics and ø folded, case and spaces dropped. */
const fold = (text: string): string =>
  text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ø/g, "o")
    .replace(/[^a-z0-9]/g, "")

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1)

const makeNamer = (random: Random) => {
  const taken = new Set<string>()
  const word = (syllables: number) => {
    let text = ""
    for (let i = 0; i < syllables; i++) text += random.pick(SYLLABLES)
    // Some names carry diacritics, as real ones do: the import must keep them and fold them.
    if (random.chance(0.15)) {
      const letters = [...text]
      const at = letters.findIndex((c) => ACCENTS[c] !== undefined)
      if (at >= 0) letters[at] = random.pick(ACCENTS[letters[at] ?? ""] ?? [letters[at] ?? ""])
      text = letters.join("")
    }
    return capitalise(text)
  }
  /** A fresh name, never folding to one already given. */
  const fresh = (make: () => string, doubledLetters = false): string => {
    for (;;) {
      const name = make()
      const key = fold(name)
      if (key === "" || (!doubledLetters && /(.)\1/.test(key)) || taken.has(key)) continue
      taken.add(key)
      return name
    }
  }
  return {
    person: () => fresh(() => (random.chance(0.3) ? word(3) : `${word(random.int(2, 3))} ${word(random.int(2, 3))}`)),
    dj: () => fresh(() => (random.chance(0.3) ? `DJ ${word(2)}` : `${word(2)} ${word(random.int(2, 3))}`)),
    label: () => fresh(() => word(random.int(2, 3))),
    title: () =>
      fresh(() => {
        const words = [random.pick(TITLE_WORDS_A), random.pick(TITLE_WORDS_B)]
        const roll = random.next()
        if (roll < 0.4) words.push(random.pick(TITLE_WORDS_B))
        else if (roll < 0.8) words.unshift(random.pick(TITLE_WORDS_A))
        // A repeated word ("Wild Wild Temple") reads wrong: drawn again.
        return new Set(words).size < words.length ? "" : words.map(capitalise).join(" ")
      }, true)
  }
}

// ---------------------------------------------------------------------------------------------
// The world's people and records

interface Artist {
  readonly name: string
  readonly label: number
  readonly hidden: boolean
  released: Array<Release>
  dj: number | null
}

interface Release {
  readonly credit: string
  readonly title: string
  readonly label: number
  readonly key: string
}

interface Dj {
  readonly name: string
  readonly artist: number | null
  readonly weight: number
  readonly favouriteLabels: Array<number>
  readonly favouriteArtists: Array<number>
  readonly sets: Array<number>
}

interface Label {
  readonly name: string
  readonly roster: Array<number>
  readonly hidden: Array<number>
  owner: number
}

interface Unreleased {
  readonly artist: number
  readonly label: number
  readonly kind: "identifiable" | "decoy" | "ambiguous"
  readonly twin: number | null
  readonly key: string | null
  readonly title: string | null
  occurrences: number
}

/** A place in a set reserved for an unreleased track, with the records played around it. */
interface Seed {
  readonly track: number
  readonly before: Release | null
  readonly after: Release | null
}

type Play = { readonly kind: "release"; readonly release: Release } | { readonly kind: "unreleased"; readonly track: number } | { readonly kind: "keyless"; readonly artist: number }

const DAY_MS = 86_400_000
const FIRST_DAY = Date.UTC(2019, 0, 1)

/** Generates a world of `sets` DJ sets; see the module's comment. */
export const generateDjWorld = (options: DjWorldOptions = {}): DjWorld => {
  const random = randomOf(options.seed ?? 1)
  const setCount = Math.max(1, Math.floor(options.sets ?? 200))
  const meanTracks = Math.max(4, Math.floor(options.tracksPerSet ?? 25))
  const names = makeNamer(random)

  // Labels and their artists. Each label has one hidden artist in two: the decoys' makers.
  const labels: Array<Label> = []
  const artists: Array<Artist> = []
  const labelCount = Math.max(4, Math.round(setCount / 40))
  for (let l = 0; l < labelCount; l++) {
    const suffix = random.pick(LABEL_SUFFIXES)
    const label: Label = { name: `${names.label()}${suffix === "" ? "" : ` ${suffix}`}`, roster: [], hidden: [], owner: -1 }
    labels.push(label)
    const size = random.int(5, 9)
    for (let a = 0; a < size; a++) {
      label.roster.push(artists.length)
      artists.push({ name: names.person(), label: l, hidden: false, released: [], dj: null })
    }
    if (random.chance(0.5) || l < 2) {
      label.hidden.push(artists.length)
      artists.push({ name: names.person(), label: l, hidden: true, released: [], dj: null })
    }
  }
  let trackSerial = 0
  const nextKey = () => `tl-${(++trackSerial).toString(36)}`
  for (const [index, artist] of artists.entries()) {
    if (artist.hidden) continue
    const roster = labels[artist.label]?.roster ?? []
    const count = random.int(3, 7)
    for (let t = 0; t < count; t++) {
      const mate = random.pick(roster)
      const credit =
        mate !== index && random.chance(0.1) ? `${artist.name}${random.chance(0.5) ? " & " : " feat. "}${artists[mate]?.name ?? ""}` : artist.name
      artist.released.push({ credit, title: names.title(), label: artist.label, key: nextKey() })
    }
  }

  // DJs: every label's owner (an artist of its roster), some other artists, and DJs who are not artists.
  const djs: Array<Dj> = []
  const makeArtistDj = (artist: number) => {
    const a = artists[artist]
    if (a === undefined || a.dj !== null) return a?.dj ?? -1
    a.dj = djs.length
    djs.push({ name: a.name, artist, weight: 0.5 + random.next() * 2.5, favouriteLabels: [a.label], favouriteArtists: [], sets: [] })
    return a.dj
  }
  // Twins: two label-mates who are DJs, neither the owner, whose unreleased tracks are ambiguous.
  const twins: Array<readonly [number, number]> = []
  for (const [l, label] of labels.entries()) {
    label.owner = makeArtistDj(label.roster[0] ?? -1)
    for (const artist of label.roster.slice(1)) if (random.chance(0.3)) makeArtistDj(artist)
    if (l % 6 === 0 && label.roster.length >= 4) {
      const pair = [label.roster[1] ?? -1, label.roster[2] ?? -1] as const
      makeArtistDj(pair[0])
      makeArtistDj(pair[1])
      twins.push(pair)
    }
  }
  const pureDjs = Math.max(4, Math.round(setCount / 25))
  for (let d = 0; d < pureDjs; d++) djs.push({ name: names.dj(), artist: null, weight: 0.5 + random.next() * 2.5, favouriteLabels: [], favouriteArtists: [], sets: [] })
  const visible = artists.map((a, i) => (a.hidden ? -1 : i)).filter((i) => i >= 0)
  for (const dj of djs) {
    while (dj.favouriteLabels.length < 3) dj.favouriteLabels.push(random.int(0, labels.length - 1))
    for (let f = 0; f < 3; f++) dj.favouriteArtists.push(random.pick(visible))
  }
  // A handful of stars whose anthems everyone plays: common, hence weak evidence.
  const stars = Array.from({ length: Math.max(2, Math.round(visible.length / 100)) }, () => random.pick(visible))

  // The sets: who plays them and when. Heavier DJs play more.
  const cumulative: Array<number> = []
  for (const dj of djs) cumulative.push((cumulative.at(-1) ?? 0) + dj.weight)
  const pickDj = () => {
    const r = random.next() * (cumulative.at(-1) ?? 0)
    let low = 0
    let high = djs.length - 1
    while (low < high) {
      const mid = (low + high) >> 1
      if ((cumulative[mid] ?? 0) < r) low = mid + 1
      else high = mid
    }
    return low
  }
  const sets = Array.from({ length: setCount }, (_, s) => {
    const first = pickDj()
    const playing = [first]
    if (random.chance(0.08)) {
      const second = pickDj()
      if (second !== first) playing.push(second)
    }
    for (const d of playing) djs[d]?.sets.push(s)
    return {
      id: `set-${String(s + 1).padStart(6, "0")}`,
      djs: playing,
      date: new Date(FIRST_DAY + random.int(0, 6 * 365) * DAY_MS).toISOString().slice(0, 10),
      length: random.int(Math.ceil(meanTracks * 0.6), Math.floor(meanTracks * 1.4)),
      seeds: [] as Array<Seed>
    }
  })

  // Unreleased tracks and where they are played.
  const unreleased: Array<Unreleased> = []
  const unreleasedCount = Math.max(8, Math.round(setCount * 0.2))
  const releaseOf = (artist: number): Release | null => {
    const own = artists[artist]?.released ?? []
    return own.length === 0 ? null : random.pick(own)
  }
  const labelRelease = (label: number): Release | null => {
    const roster = labels[label]?.roster ?? []
    return roster.length === 0 ? null : releaseOf(random.pick(roster))
  }
  const setOfDj = (dj: number): number | null => {
    const own = djs[dj]?.sets ?? []
    return own.length === 0 ? null : random.pick(own)
  }
  // The DJs (not artists themselves) who like each label.
  const tasteOf = labels.map(() => [] as Array<number>)
  for (const [i, dj] of djs.entries()) if (dj.artist === null) for (const l of new Set(dj.favouriteLabels)) tasteOf[l]?.push(i)
  const djsWithTaste = (label: number): ReadonlyArray<number> => tasteOf[label] ?? []
  const labelsWithHidden = labels.map((l, i) => (l.hidden.length > 0 ? i : -1)).filter((i) => i >= 0)
  for (let u = 0; u < unreleasedCount; u++) {
    // The first two are an ambiguous track and a decoy, so that even a small world has each kind.
    const roll = u === 0 ? 0 : u === 1 ? 0.2 : random.next()
    const kind: Unreleased["kind"] = roll < 0.1 && twins.length > 0 ? "ambiguous" : roll < 0.22 ? "decoy" : "identifiable"
    let artist: number
    let twin: number | null = null
    if (kind === "ambiguous") {
      const pair = random.pick(twins)
      const first = random.chance(0.5)
      artist = first ? pair[0] : pair[1]
      twin = first ? pair[1] : pair[0]
    } else if (kind === "decoy") {
      artist = random.pick(labels[random.pick(labelsWithHidden)]?.hidden ?? [])
    } else artist = random.pick(visible)
    const label = artists[artist]?.label ?? 0
    const keyed = random.chance(0.5)
    const track: Unreleased = { artist, label, kind, twin, key: keyed ? nextKey() : null, title: keyed ? null : names.title(), occurrences: 0 }
    const index = unreleased.push(track) - 1
    const plays = Math.min(12, 1 + Math.floor(-Math.log(1 - random.next()) * 3))
    if (kind === "ambiguous" && twin !== null) {
      // Played in pairs, once by each twin, between a record of each: nothing tells them apart.
      for (let p = 0; p < Math.max(1, Math.round(plays / 2)); p++) {
        const bySets = [setOfDj(artists[artist]?.dj ?? -1), setOfDj(artists[twin]?.dj ?? -1)]
        for (const set of bySets) {
          if (bySets.includes(null) || set === null) continue
          const [x, y] = random.chance(0.5) ? [artist, twin] : [twin, artist]
          sets[set]?.seeds.push({ track: index, before: releaseOf(x), after: releaseOf(y) })
        }
      }
      continue
    }
    for (let p = 0; p < plays; p++) {
      let dj: number
      let before: Release | null
      let after: Release | null
      if (kind === "decoy") {
        // DJs who like the label, after a record of some label-mate and before anything.
        const taste = djsWithTaste(label)
        dj = taste.length > 0 ? random.pick(taste) : pickDj()
        before = labelRelease(label)
        after = labelRelease(random.int(0, labels.length - 1))
      } else {
        const owner = labels[label]?.owner ?? 0
        const mates = (labels[label]?.roster ?? []).map((a) => artists[a]?.dj ?? null).filter((d): d is number => d !== null && d !== artists[artist]?.dj)
        const r = random.next()
        const own = artists[artist]?.dj ?? null
        dj = r < 0.35 && own !== null ? own : r < 0.55 ? owner : r < 0.8 && mates.length > 0 ? random.pick(mates) : random.pick([...djsWithTaste(label), owner])
        // Next to the artist's own record most of the time, and the label's on the other side.
        const ownRecord = random.chance(0.75) ? releaseOf(artist) : labelRelease(label)
        const other = random.chance(0.6) ? labelRelease(label) : null
        ;[before, after] = random.chance(0.5) ? [ownRecord, other] : [other, ownRecord]
      }
      const set = setOfDj(dj)
      if (set === null) continue
      sets[set]?.seeds.push({ track: index, before, after })
    }
  }

  // Filling the sets: runs of a label's records around the seeds, the DJs' tastes deciding.
  const rows: Array<DjWorldRow> = []
  const keylessRows: Array<{ set_id: string; position: number; artist: string }> = []
  // Rows are built as one literal each: spreading objects is what a million rows would pay for.
  const row = (set: { readonly id: string; readonly date: string }, dj: string, position: number, artist: string, title: string, label: string, trackKey: string): DjWorldRow => ({
    set_id: set.id,
    dj,
    date: set.date,
    position,
    artist,
    title,
    label,
    track_key: trackKey
  })
  for (const set of sets) {
    const runs: Array<Array<Play>> = set.seeds.map((seed) => {
      const run: Array<Play> = []
      if (seed.before !== null) run.push({ kind: "release", release: seed.before })
      run.push({ kind: "unreleased", track: seed.track })
      if (seed.after !== null) run.push({ kind: "release", release: seed.after })
      return run
    })
    let planned = runs.reduce((n, run) => n + run.length, 0)
    const leads = set.djs.map((d) => djs[d]).filter((d): d is Dj => d !== undefined)
    while (planned < set.length) {
      const lead = random.pick(leads)
      const run: Array<Play> = []
      const size = Math.min(set.length - planned, random.int(2, 4))
      if (lead.artist !== null && random.chance(0.15)) {
        const own = releaseOf(lead.artist)
        if (own !== null) run.push({ kind: "release", release: own })
      }
      const label = random.chance(0.6) ? random.pick(lead.favouriteLabels) : random.int(0, labels.length - 1)
      while (run.length < size) {
        const roll = random.next()
        const release = roll < 0.05 ? releaseOf(random.pick(stars)) : roll < 0.15 ? releaseOf(random.pick(lead.favouriteArtists)) : labelRelease(label)
        if (release !== null) run.push({ kind: "release", release })
        if (random.chance(0.004)) run.push({ kind: "keyless", artist: random.pick(labels[label]?.roster ?? visible) })
      }
      runs.push(run)
      planned += run.length
    }
    // Runs in a random order (Fisher–Yates), so seeds land anywhere in the set.
    for (let i = runs.length - 1; i > 0; i--) {
      const j = random.int(0, i)
      const swap = runs[i] as Array<Play>
      runs[i] = runs[j] as Array<Play>
      runs[j] = swap
    }
    const dj = leads.map((d) => d.name).join(leads.length > 1 && random.chance(0.4) ? ", " : " & ")
    let position = 0
    for (const play of runs.flat()) {
      position++
      if (play.kind === "release") {
        const release = play.release
        rows.push(
          row(
            set,
            dj,
            position,
            release.credit,
            random.chance(0.3) ? `${release.title}${random.pick(VERSIONS)}` : release.title,
            random.chance(0.8) ? (labels[release.label]?.name ?? "") : "",
            random.chance(0.7) ? release.key : ""
          )
        )
      } else if (play.kind === "keyless") {
        rows.push(row(set, dj, position, "ID", "ID", "", ""))
        keylessRows.push({ set_id: set.id, position, artist: artists[play.artist]?.name ?? "" })
      } else {
        const track = unreleased[play.track]
        if (track === undefined) continue
        track.occurrences++
        rows.push(
          row(
            set,
            dj,
            position,
            random.pick(UNKNOWN_ARTISTS),
            track.title ?? (random.chance(0.9) ? "ID" : ""),
            random.chance(0.1) ? (labels[track.label]?.name ?? "") : "",
            track.key ?? ""
          )
        )
      }
    }
  }

  return {
    rows,
    labels: labels.map((l) => ({
      name: l.name,
      owner: djs[l.owner]?.name ?? "",
      roster: l.roster.map((a) => artists[a]?.name ?? ""),
      hidden: l.hidden.map((a) => artists[a]?.name ?? "")
    })),
    djs: djs.map((d) => ({
      name: d.name,
      isArtist: d.artist !== null,
      favouriteLabels: d.favouriteLabels.map((l) => labels[l]?.name ?? ""),
      favouriteArtists: d.favouriteArtists.map((a) => artists[a]?.name ?? "")
    })),
    artists: visible.map((a) => artists[a]?.name ?? ""),
    unknownTracks: unreleased
      .filter((u) => u.occurrences > 0)
      .map((u) => {
        const artist = artists[u.artist]?.name ?? ""
        const twin = u.twin === null ? null : (artists[u.twin]?.name ?? "")
        return {
          trackKey: u.key,
          title: u.title,
          artist,
          label: labels[u.label]?.name ?? "",
          kind: u.kind,
          plausible: twin === null ? [artist] : [artist, twin],
          occurrences: u.occurrences
        }
      }),
    keylessRows
  }
}

const CSV_COLUMNS = ["set_id", "dj", "date", "position", "artist", "title", "label", "track_key"] as const

const csvCell = (value: string | number): string => {
  const text = String(value)
  return /[",\n\r]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The rows as a CSV file with a header (RFC 4180 quoting). */
export const djWorldCsv = (rows: ReadonlyArray<DjWorldRow>): string =>
  [CSV_COLUMNS.join(","), ...rows.map((row) => CSV_COLUMNS.map((c) => csvCell(row[c])).join(","))].join("\n") + "\n"

/** The rows as JSON lines. */
export const djWorldJsonLines = (rows: ReadonlyArray<DjWorldRow>): string => rows.map((row) => JSON.stringify(row)).join("\n") + "\n"
