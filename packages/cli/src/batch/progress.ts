import { stderrIsInteractive } from "../output.js"

/** A one-line progress bar on standard error, drawn only for a person at a terminal. */
export const makeProgress = (total: number) => {
  const enabled = stderrIsInteractive() && total > 1
  const width = 24
  return {
    update: (done: number, counts: string) => {
      if (!enabled) return
      const filled = Math.round((done / total) * width)
      process.stderr.write(`\r\x1b[2K[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${counts}`)
    },
    finish: () => {
      if (enabled) process.stderr.write("\r\x1b[2K")
    }
  }
}
