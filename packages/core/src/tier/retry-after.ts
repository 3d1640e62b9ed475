import { Option } from "effect"

/**
 * An HTTP `Retry-After` value in milliseconds: delta-seconds (what MusicBrainz, Spotify and the
 * stores send) or an HTTP date. None when absent or unreadable.
 */
export const parseRetryAfter = (value: string | undefined, now: number): Option.Option<number> => {
  if (value === undefined) return Option.none()
  const text = value.trim()
  if (text === "") return Option.none()
  if (/^\d+(\.\d+)?$/.test(text)) return Option.some(Math.ceil(Number(text) * 1000))
  const date = Date.parse(text)
  return Number.isNaN(date) ? Option.none() : Option.some(Math.max(0, date - now))
}
