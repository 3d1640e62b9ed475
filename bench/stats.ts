import { pathToFileURL } from "node:url"

/** Percentile of a sample (nearest rank), for benchmark figures. */
export const percentile = (values: ReadonlyArray<number>, p: number): number => {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

export const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`

/** One figure per line: `name: value`, easy to read and to grep. */
export const figure = (name: string, value: string): void => {
  process.stdout.write(`  ${name}: ${value}\n`)
}
export const heading = (title: string): void => {
  process.stdout.write(`\n${title}\n`)
}

/** mulberry32: a small seeded PRNG, so generated benchmark data is the same on every run. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** True when this module is the script node was started with (not imported by bench/run.ts). */
export const isMain = (moduleUrl: string): boolean => process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href
