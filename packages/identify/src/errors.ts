/** How identification fails on its own: our code or the linkage engine broke on input it made itself (a bug). */
import { Data } from "effect"

export class IdentifyInternalError extends Data.TaggedError("IdentifyInternalError")<{
  readonly message: string
  readonly cause?: unknown
}> {}

/** The store has no unknown track played often enough to learn from: import sets first. */
export class NothingToTrainOn extends Data.TaggedError("NothingToTrainOn")<{
  readonly message: string
}> {}
