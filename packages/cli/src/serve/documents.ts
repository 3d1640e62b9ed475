import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { ExitCode } from "../exit-code.js"
import { retryAfterSeconds } from "./serve-settings.js"

/** The HTTP status of an answer whose CLI exit status is `code`: found, not found, unavailable. */
export const httpStatusOf = (code: ExitCode): number => (code === ExitCode.ok ? 200 : code === ExitCode.notFound ? 404 : code === ExitCode.unavailable ? 503 : 500)

/**
 * A CLI document as the response body, exactly as `--json` prints it (the same JSON.stringify),
 * with the status its exit code maps to; a 503 says when to try again.
 */
export const documentResponse = (document: unknown, status = 200) =>
  HttpServerResponse.text(JSON.stringify(document, null, 2), {
    status,
    contentType: "application/json",
    ...(status === 503 ? { headers: { "retry-after": String(retryAfterSeconds) } } : {})
  })
