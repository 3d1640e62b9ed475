/**
 * The `dj` column (contracts/identify.md): one DJ, or several separated by `&` or `,` for a
 * back-to-back set, each of whom is credited with the set.
 */
import { prepareName } from "../match/similarity.js"

export interface DjName {
  /** The name as written (blanks trimmed). */
  readonly name: string
  /**
   * The name normalised as an artist's name is (`artistKeys`), so that "the DJ is the candidate"
   * is an equality of keys.
   */
  readonly key: string
}

/** The DJs of a `dj` cell, in the order written, each once; names that normalise to nothing are dropped. */
export const parseDjList = (cell: string): ReadonlyArray<DjName> => {
  const byKey = new Map<string, DjName>()
  for (const part of cell.split(/[&,]/)) {
    const name = part.replace(/\s+/g, " ").trim()
    const key = prepareName(name).key
    if (key !== "" && !byKey.has(key)) byKey.set(key, { name, key })
  }
  return [...byKey.values()]
}
