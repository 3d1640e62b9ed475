import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"

/** The committed entry of the `liner` binary (it runs the built CLI). */
export const linerBin = fileURLToPath(new URL("../../../packages/cli/bin/liner.cjs", import.meta.url))

export interface LinerRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** No test reaches the real Wikidata: unless a test points LINER_WIKIDATA_URL at a fake (or sets USE_WIKIDATA), the step is off. */
const wikidataOffUnlessAsked = (env: Record<string, string>): Record<string, string> =>
  env["LINER_WIKIDATA_URL"] === undefined && env["USE_WIKIDATA"] === undefined ? { USE_WIKIDATA: "false" } : {}

/**
 * Runs `liner` as a user would, as a separate process, with only the environment given (plus
 * PATH): no LINER_* or proxy setting of the machine leaks in. Never rejects: the exit status is
 * part of what tests check.
 */
export const runLiner = (args: ReadonlyArray<string>, env: Record<string, string> = {}, options: { readonly cwd?: string; readonly timeoutMs?: number } = {}): Promise<LinerRun> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [linerBin, ...args],
      {
        env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", ...wikidataOffUnlessAsked(env), ...env },
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1
        resolve({ code, stdout, stderr })
      }
    )
  })
