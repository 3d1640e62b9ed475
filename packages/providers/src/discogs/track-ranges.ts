/**
 * Which tracks a Discogs credit covers. A release-wide credit names them in `tracks`: "" (every
 * track), one position ("A1"), a list ("A1, B2"), ranges ("A1 to A4", "1-3", "1.1 to 1.4") or a
 * mix. A range runs over the release's positions in tracklist order, so "A3 to B2" crosses sides.
 * A hyphen is a range only when both sides are positions of the release ("CD1-1" is one position).
 * Pieces that name no position of the release are left out rather than guessed.
 */

const key = (position: string) => position.trim().toLowerCase().replace(/\s+/g, " ")

/** "all", or the positions (as given in `positions`) that `spec` names. */
export const tracksCovered = (spec: string, positions: ReadonlyArray<string>): "all" | ReadonlySet<string> => {
  if (spec.trim() === "") return "all"
  const keys = positions.map(key)
  const indexOf = (position: string) => {
    const k = key(position)
    return k === "" ? -1 : keys.indexOf(k)
  }
  const covered = new Set<string>()
  const addRange = (from: number, to: number) => {
    for (const position of positions.slice(Math.min(from, to), Math.max(from, to) + 1)) covered.add(position)
  }
  for (const piece of spec.split(",")) {
    const single = indexOf(piece)
    if (single >= 0) {
      addRange(single, single)
      continue
    }
    const to = /^(.*?)\s+to\s+(.*)$/i.exec(piece.trim())
    if (to !== null) {
      const from = indexOf(to[1] ?? ""), until = indexOf(to[2] ?? "")
      if (from >= 0 && until >= 0) addRange(from, until)
      continue
    }
    // Every hyphen is a possible split: the first one whose both sides are positions wins.
    for (let at = piece.indexOf("-"); at >= 0; at = piece.indexOf("-", at + 1)) {
      const from = indexOf(piece.slice(0, at)), until = indexOf(piece.slice(at + 1))
      if (from >= 0 && until >= 0) {
        addRange(from, until)
        break
      }
    }
  }
  return covered
}
