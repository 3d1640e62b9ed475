/**
 * Records drawn at random for u estimation, sized after splink's estimate_u.py: enough records
 * that all pairs among them number about `max_pairs`. Unlike splink (DuckDB's sampler or a hash of
 * the ids), the draw is a seeded PRNG here: same seed and same data ⇒ same records.
 */

/** mulberry32: a small, fast 32-bit PRNG; `next()` is uniform in [0, 1). */
export const seededRandom = (seed: number): (() => number) => {
  let state = Math.trunc(seed) >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `k` distinct positions of 0…n−1, ascending (a partial Fisher–Yates shuffle). */
export const choosePositions = (n: number, k: number, random: () => number): Int32Array => {
  const take = Math.max(0, Math.min(n, k))
  const positions = new Int32Array(n)
  for (let i = 0; i < n; i++) positions[i] = i
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (n - i))
    const swap = positions[i]!
    positions[i] = positions[j]!
    positions[j] = swap
  }
  return positions.slice(0, take).sort()
}

/** splink's `_rows_needed_for_n_pairs`: r with r(r−1)/2 = pairs. */
export const rowsNeededForPairs = (pairs: number): number => 0.5 * (Math.sqrt(8 * pairs + 1) + 1)

/**
 * How many records to draw from each source dataset (one group for dedupe_only and
 * link_and_dedupe, whose records splink samples as one table; one per dataset for link_only,
 * each scaled by splink's `_proportion_sample_size_link_only`).
 */
export const sampleSizes = (linkType: "dedupe_only" | "link_only" | "link_and_dedupe", counts: ReadonlyArray<number>, maxPairs: number): ReadonlyArray<number> => {
  if (linkType !== "link_only") {
    const total = counts.reduce((sum, n) => sum + n, 0)
    return [Math.min(total, Math.round(rowsNeededForPairs(maxPairs)))]
  }
  const total = counts.reduce((sum, n) => sum + n, 0)
  const links = (total * total - counts.reduce((sum, n) => sum + n * n, 0)) / 2
  const proportion = links === 0 ? 1 : Math.min(1, Math.sqrt(maxPairs / links))
  return counts.map((n) => Math.min(n, Math.round(proportion * n)))
}
