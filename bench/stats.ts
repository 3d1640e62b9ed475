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
