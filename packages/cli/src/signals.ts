/** Exit statuses after a signal, as shells report them: 128 + the signal's number. */
const statusOf = { SIGINT: 130, SIGTERM: 143 } as const
type Signal = keyof typeof statusOf

/** How long an interrupted command may take to close the store and stop before it is ended. */
let graceMs = 1500

/** `liner serve` lets its in-flight requests finish after a signal: a longer grace than a command's. */
export const setSignalGrace = (ms: number): void => {
  graceMs = ms
}

/**
 * SIGINT and SIGTERM end any command: the runtime interrupts the program (open transactions
 * roll back, the store closes), and should that take longer than a moment the process exits
 * anyway. Returns the exit status a signal asked for, if one came.
 */
export const exitOnSignal = (): (() => number | undefined) => {
  let received: Signal | undefined
  for (const signal of Object.keys(statusOf) as Array<Signal>) {
    process.once(signal, () => {
      received = signal
      setTimeout(() => process.exit(statusOf[signal]), graceMs).unref()
    })
  }
  return () => (received === undefined ? undefined : statusOf[received])
}
