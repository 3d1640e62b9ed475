import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import { Effect, Option } from "effect"
import { BadInput, BodyTooLarge } from "./api.js"

export const tooLargeMessage = (maxBytes: number) => `the request body is larger than ${maxBytes} bytes (LINER_SERVE_MAX_BODY): send fewer items at a time`

/**
 * A batch request's body: a JSON array of at most `maxBatch` items, read with at most `maxBytes`
 * (a body announced larger is refused before it is read, see server.ts; this catches one sent
 * without its length).
 */
export const readBatchBody = (request: HttpServerRequest.HttpServerRequest, limits: { readonly maxBytes: number; readonly maxBatch: number; readonly noun: string; readonly example: string }) =>
  Effect.gen(function* () {
    const text = yield* request.text.pipe(
      HttpIncomingMessage.withMaxBodySize(Option.some(limits.maxBytes)),
      Effect.mapError((error) =>
        error.cause instanceof Error && error.cause.message === "maxBytes exceeded"
          ? new BodyTooLarge({ message: tooLargeMessage(limits.maxBytes) })
          : new BadInput({ message: "the request body could not be read" })
      )
    )
    const value = yield* Effect.try({ try: (): unknown => JSON.parse(text), catch: () => new BadInput({ message: `the request body is not valid JSON: send a JSON array of ${limits.noun}, such as ${limits.example}` }) })
    if (!Array.isArray(value)) return yield* new BadInput({ message: `the request body is a JSON array of ${limits.noun}, such as ${limits.example}` })
    if (value.length === 0) return yield* new BadInput({ message: `the batch holds no ${limits.noun}` })
    if (value.length > limits.maxBatch)
      return yield* new BadInput({ message: `a batch holds at most ${limits.maxBatch} ${limits.noun} (LINER_SERVE_MAX_BATCH), this one ${value.length}: split it` })
    return value as ReadonlyArray<unknown>
  })
