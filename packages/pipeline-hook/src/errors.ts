import { Data } from "effect"

/**
 * What can stop a stage. Each error carries a `message` fit for the user (no secrets: only
 * paths relative to the job directory and parse errors). `exitCodeForError` maps them to the
 * exit statuses of the contract: 2 for an unusable job directory or bad options, 1 otherwise.
 */

/** The job directory is missing, not a directory, or one of its files is not usable. */
export class JobDirUnusable extends Data.TaggedError("JobDirUnusable")<{
  readonly message: string
  readonly path?: string
}> {}

/** A JSON file of the job could not be parsed; the file is left as it was. */
export class MalformedJobFile extends Data.TaggedError("MalformedJobFile")<{
  readonly message: string
  /** Relative to the job directory. */
  readonly path: string
}> {}

/** No source in the job (nor the options) names the film. */
export class NoFilmInJob extends Data.TaggedError("NoFilmInJob")<{
  readonly message: string
  /** The sources looked at, in order. */
  readonly tried: ReadonlyArray<string>
}> {}

/** A path leads outside the job directory (`..`, an absolute path, a symbolic link). */
export class PathOutsideJob extends Data.TaggedError("PathOutsideJob")<{
  readonly message: string
  readonly path: string
}> {}

/** An option has a value the stage cannot use (a year that is not a year, a budget of 0…). */
export class InvalidStageOptions extends Data.TaggedError("InvalidStageOptions")<{
  readonly message: string
}> {}

/** Reading or writing failed for a reason outside the job's content (disk full, permissions). */
export class StageIoFailure extends Data.TaggedError("StageIoFailure")<{
  readonly message: string
  readonly path: string
  readonly cause?: unknown
}> {}

export type StageError = JobDirUnusable | MalformedJobFile | NoFilmInJob | PathOutsideJob | InvalidStageOptions | StageIoFailure
