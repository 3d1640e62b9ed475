/**
 * The host's per-job settings file `.<job_id>.env`: `KEY=value` lines, `#` comments, values
 * that may be quoted ('…' or "…") and may carry an inline `# comment` after them.
 */
import { readdir } from "node:fs/promises"
import { Effect } from "effect"

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/

/** The value part of a line: quotes removed, an inline comment dropped, blanks trimmed. */
const parseValue = (raw: string): string => {
  const value = raw.trimStart()
  const quote = value[0]
  if (quote === '"' || quote === "'") {
    let out = ""
    for (let i = 1; i < value.length; i++) {
      const c = value[i]!
      if (c === quote) return out
      // Double-quoted values honour backslash escapes of the quote and the backslash.
      if (quote === '"' && c === "\\" && (value[i + 1] === '"' || value[i + 1] === "\\")) {
        out += value[i + 1]
        i++
        continue
      }
      out += c
    }
    // No closing quote: take the text as written, without the opening quote.
    return value.slice(1).replace(/\s+#.*$/, "").trim()
  }
  // An unquoted value ends at " #": `STEP_DEMUX=true   # Stage 1` is "true", `A=b#c` is "b#c".
  return value.replace(/(^|\s+)#.*$/, "").trim()
}

/** Parses env text into a map; the first definition of a key wins, as the host's loader reads it. */
export const parseEnvText = (text: string): ReadonlyMap<string, string> => {
  const values = new Map<string, string>()
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(line)) continue
    const match = LINE.exec(line)
    if (match === null) continue
    const [, key, raw] = match
    if (key !== undefined && raw !== undefined && !values.has(key)) values.set(key, parseValue(raw))
  }
  return values
}

/**
 * The env file of the job: `.<job_id>.env` when it exists, else the only `.*.env` file of the
 * folder. Several candidates and none named for the job: none is taken (a warning says why).
 */
export const findEnvFileName = (
  realJobDir: string,
  jobId: string | null
): Effect.Effect<{ readonly name: string | null; readonly warning?: string }> =>
  Effect.promise(async () => {
    const names = await readdir(realJobDir).catch(() => [] as Array<string>)
    const candidates = names.filter((n) => /^\..+\.env$/.test(n)).sort()
    if (jobId !== null && candidates.includes(`.${jobId}.env`)) return { name: `.${jobId}.env` }
    if (candidates.length === 1) return { name: candidates[0]! }
    if (candidates.length > 1)
      return { name: null, warning: `several env files (${candidates.join(", ")}) and none named for the job: none was read` }
    return { name: null }
  })
