/**
 * Rows grouped into sets. A set is the unit of import: it is stored, replaced or left alone
 * whole, so the rows of one set must arrive together (in one file, in any order). Conflicts
 * inside a set reject the later row, by its line: a second row at a taken position, a second
 * date. The DJs of a set are every DJ its rows name (a back-to-back set credits each), in the
 * order of play.
 */
import { createHash } from "node:crypto"
import { type DjName, parseDjList } from "./dj-list.js"
import { makePlayedTrackReader, type PlayedTrack } from "./played-track.js"
import type { SetRow } from "./set-row.js"

export interface DjSet {
  /** The source's id of the set. */
  readonly sourceId: string
  readonly date: string | null
  readonly djs: ReadonlyArray<DjName>
  /** In the order of play. */
  readonly tracks: ReadonlyArray<PlayedTrack>
  /** A digest of everything above: a set re-imported with the same digest is unchanged. */
  readonly contentHash: string
}

export interface NumberedSetRow {
  /** The line of the file the row came from. */
  readonly line: number
  readonly row: SetRow
}

export interface RejectedRow {
  readonly line: number
  readonly reason: string
}

interface Gathering {
  readonly sourceId: string
  date: { readonly value: string; readonly line: number } | null
  readonly byPosition: Map<number, { readonly line: number; readonly row: SetRow; readonly track: PlayedTrack; readonly djs: ReadonlyArray<DjName> }>
}

const sameRow = (a: SetRow, b: SetRow): boolean =>
  a.artist === b.artist && a.title === b.title && a.label === b.label && a.trackKey === b.trackKey && a.dj === b.dj && a.date === b.date

const digestOf = (set: Omit<DjSet, "contentHash">): string =>
  createHash("sha256")
    .update(JSON.stringify([set.date, set.djs.map((d) => d.name), set.tracks.map((t) => [t.position, t.artist, t.title, t.label, t.trackKey])]))
    .digest("base64url")

/** Groups rows into sets (in the order sets first appear), and the rows rejected with why. */
export const groupSetRows = (rows: Iterable<NumberedSetRow>): { readonly sets: ReadonlyArray<DjSet>; readonly rejected: ReadonlyArray<RejectedRow> } => {
  const read = makePlayedTrackReader()
  // A DJ plays many tracks: each spelling of a `dj` cell is read once.
  const djLists = new Map<string, ReadonlyArray<DjName>>()
  const djsOf = (cell: string) => {
    let djs = djLists.get(cell)
    if (djs === undefined) {
      djs = parseDjList(cell)
      djLists.set(cell, djs)
    }
    return djs
  }
  const sets = new Map<string, Gathering>()
  const rejected: Array<RejectedRow> = []
  for (const { line, row } of rows) {
    let set = sets.get(row.setId)
    if (set === undefined) {
      set = { sourceId: row.setId, date: null, byPosition: new Map() }
      sets.set(row.setId, set)
    }
    const taken = set.byPosition.get(row.position)
    if (taken !== undefined) {
      rejected.push({
        line,
        reason: sameRow(taken.row, row) ? `repeats line ${taken.line}` : `position ${row.position} of set ${row.setId} is already taken by line ${taken.line}`
      })
      continue
    }
    if (row.date !== "" && set.date !== null && set.date.value !== row.date) {
      rejected.push({ line, reason: `date ${row.date} differs from ${set.date.value} (line ${set.date.line}) for set ${row.setId}` })
      continue
    }
    const djs = djsOf(row.dj)
    if (djs.length === 0) {
      rejected.push({ line, reason: "dj names nobody" })
      continue
    }
    if (row.date !== "" && set.date === null) set.date = { value: row.date, line }
    set.byPosition.set(row.position, { line, row, track: read(row), djs })
  }
  return {
    sets: [...sets.values()]
      .filter((set) => set.byPosition.size > 0)
      .map((set) => {
        // In the order of play, so that the same set in another row order is the same set.
        const played = [...set.byPosition.values()].sort((a, b) => a.row.position - b.row.position)
        const djs = new Map<string, DjName>()
        for (const dj of played.flatMap((p) => p.djs)) if (!djs.has(dj.key)) djs.set(dj.key, dj)
        const gathered = { sourceId: set.sourceId, date: set.date?.value ?? null, djs: [...djs.values()], tracks: played.map((p) => p.track) }
        return { ...gathered, contentHash: digestOf(gathered) }
      }),
    rejected: rejected.sort((a, b) => a.line - b.line)
  }
}
