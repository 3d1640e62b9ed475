import type { HttpClientResponse } from "@effect/platform"
import { Effect, Either } from "effect"
import { TierFailure } from "@liner/core"
import { underlyingCause } from "./transport.js"

/**
 * The whole body, read before anything is made of it. A read that fails (a reset, a connection
 * closed before the announced length arrived) is a transport failure, retried like any other:
 * the answer never arrived, so nothing can be said about it.
 */
export const readBody = (tier: string, what: string, response: HttpClientResponse.HttpClientResponse): Effect.Effect<string, TierFailure> =>
  response.text.pipe(
    Effect.mapError(
      (error) =>
        new TierFailure({
          tier,
          reason: `${tier} broke off its answer to ${what} (${underlyingCause(error.cause) ?? error.description ?? "the body could not be read"})`,
          retryable: true,
          kind: "network"
        })
    )
  )

/** True when `text` opens a JSON object or array that never closes: the document was cut off. */
const cutOff = (text: string): boolean => {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === "\\") i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === "{" || c === "[") depth++
    else if (c === "}" || c === "]") depth--
  }
  return inString || depth > 0
}

const printable = (text: string) => text.replace(/[^\p{L}\p{N} .,:;'()_/-]/gu, " ").replace(/\s+/g, " ").trim().slice(0, 40)

/** Says what arrived in place of JSON, in words a user can act on. */
const whatArrived = (text: string, contentType: string | undefined): string => {
  const start = text.trimStart()
  if (start === "") return "an empty body"
  const looksJson = start.startsWith("{") || start.startsWith("[")
  if (looksJson && cutOff(start)) return `truncated JSON (${Buffer.byteLength(text)} bytes, cut off before the end): a proxy or a broken connection in the way?`
  if (start.startsWith("<?xml") || (!looksJson && /xml/i.test(contentType ?? ""))) return "XML, not JSON"
  if (start.startsWith("<") || (!looksJson && /html/i.test(contentType ?? ""))) return "an HTML page, not JSON: a proxy or captive portal in the way?"
  return `a body that is not JSON ("${printable(start)}…")`
}

/** The complete body as JSON, or a description of what arrived instead. */
export const parseJson = (text: string, contentType: string | undefined): Either.Either<unknown, string> => {
  try {
    return Either.right(JSON.parse(text) as unknown)
  } catch {
    return Either.left(whatArrived(text, contentType))
  }
}

/** A short, printable server message from an error body, or "" (HTML error pages are named as such). */
export const errorBodyMessage = (text: string, contentType: string | undefined, fromJson: (body: unknown) => string | undefined): string => {
  const parsed = parseJson(text, contentType)
  if (Either.isLeft(parsed)) return text.trim() === "" ? "" : parsed.left.startsWith("an HTML page") ? "an HTML page: a proxy in the way?" : ""
  return (fromJson(parsed.right) ?? "").replace(/[^\p{L}\p{N} .,:;'()_/-]/gu, "").slice(0, 160)
}
