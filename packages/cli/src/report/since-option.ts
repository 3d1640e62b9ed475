/** `--since DATE`: a day (midnight UTC) or an ISO 8601 instant, as the instant the report starts from. */
import { Effect } from "effect"
import { usage } from "../errors.js"
import { excerpt } from "../terminal-safe.js"

const day = /^\d{4}-\d{2}-\d{2}$/
const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/

export const parseSince = (text: string) => {
  const trimmed = text.trim()
  const ms = day.test(trimmed) ? Date.parse(`${trimmed}T00:00:00.000Z`) : instant.test(trimmed) ? Date.parse(trimmed) : Number.NaN
  // Date.parse rolls 2026-02-31 over into March: a day that does not exist is refused instead.
  const real = Number.isFinite(ms) && (!day.test(trimmed) || new Date(ms).toISOString().startsWith(trimmed))
  return real
    ? Effect.succeed(new Date(ms).toISOString())
    : Effect.fail(usage(`--since takes a date such as 2026-01-31 or an instant such as 2026-01-31T18:00:00Z, not "${excerpt(text)}"`))
}
