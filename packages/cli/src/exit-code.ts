/**
 * Exit statuses of `liner` (contracts/cli.md), after sysexits where the contract is silent:
 * 0 found, 1 not found, 2 bad input or usage, 75 (EX_TEMPFAIL) unavailable — try later,
 * 70 (EX_SOFTWARE) an internal error (a bug: please report it).
 */
export const ExitCode = {
  ok: 0,
  notFound: 1,
  usage: 2,
  internal: 70,
  unavailable: 75
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]
