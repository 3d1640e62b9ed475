import { Schema } from "effect"

export const StageStatus = Schema.Literal("success", "not_found", "skipped", "unavailable", "failed")
export type StageStatus = typeof StageStatus.Type

export const InputRecord = Schema.Struct({ path: Schema.String, sha256: Schema.String })
export type InputRecord = typeof InputRecord.Type

export const OutputRecord = Schema.Struct({ path: Schema.String, sha256: Schema.String, bytes: Schema.Number })
export type OutputRecord = typeof OutputRecord.Type

/**
 * `status.json` of a stage (contracts/pipeline-job.md). Paths are relative to the job directory,
 * with forward slashes.
 */
export const StatusFile = Schema.Struct({
  stage: Schema.String,
  status: StageStatus,
  reason: Schema.NullOr(Schema.String),
  inputs: Schema.Array(InputRecord),
  outputs: Schema.Array(OutputRecord),
  startedAt: Schema.String,
  finishedAt: Schema.String,
  durationMs: Schema.Number,
  warnings: Schema.Array(Schema.String),
  linerVersion: Schema.String
})
export type StatusFile = typeof StatusFile.Type
