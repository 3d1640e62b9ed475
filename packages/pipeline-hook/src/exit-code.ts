import type { StageError } from "./errors.js"
import type { StageStatus } from "./status/status-file.js"

/** The exit statuses of a stage (contracts/pipeline-job.md). */
export type StageExitCode = 0 | 1 | 2 | 75

/** 75 is EX_TEMPFAIL of sysexits.h: a source failed, a later retry may help. */
export const EXIT_TEMPORARY_FAILURE = 75

/**
 * The exit status for a stage that ran to the end: 0 when it did its job (found, not found or
 * skipped: `status.json` says which), 75 when a source was unavailable, 1 when it failed.
 */
export const exitCodeForStatus = (status: StageStatus): StageExitCode => {
  switch (status) {
    case "success":
    case "not_found":
    case "skipped":
      return 0
    case "unavailable":
      return EXIT_TEMPORARY_FAILURE
    case "failed":
      return 1
  }
}

/** The exit status for a stage that stopped: 2 when the job or the options are unusable, 1 otherwise. */
export const exitCodeForError = (error: StageError): StageExitCode => {
  switch (error._tag) {
    case "JobDirUnusable":
    case "MalformedJobFile":
    case "NoFilmInJob":
    case "PathOutsideJob":
    case "InvalidStageOptions":
      return 2
    case "StageIoFailure":
      return 1
  }
}
