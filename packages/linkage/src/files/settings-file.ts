/** splink settings and saved models as files: decoded with Schema, errors as one line naming the key. */
import { Effect, ParseResult } from "effect"
import { LinkageInputError } from "../errors.js"
import { decodeSettings, encodeSettings, type Settings } from "../settings/settings.js"
import { decodeTrainingPlan, type TrainingPlan } from "../training/training-plan.js"
import { readJsonFile, writeJsonFile } from "./json-file.js"

/** `comparisons.1.comparison_levels.2.m_probability: Expected number, actual "high"`. */
const firstProblem = (error: ParseResult.ParseError): string => {
  const [issue] = ParseResult.ArrayFormatter.formatErrorSync(error)
  if (issue === undefined) return error.message
  return (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message).replace(/\s+/g, " ")
}

/** A settings file or a saved model (they are the same format), unknown keys kept. */
export const readSettingsFile = (path: string, what = "settings file"): Effect.Effect<Settings, LinkageInputError> =>
  readJsonFile(path, what).pipe(
    Effect.flatMap((json) => decodeSettings(json)),
    Effect.mapError((error) => (error instanceof LinkageInputError ? error : new LinkageInputError({ message: `${path}: ${firstProblem(error)}` })))
  )

/** Writes a model that splink's `Linker(df, settings="model.json")` reads back. */
export const writeModelFile = (path: string, settings: Settings): Effect.Effect<void, LinkageInputError> =>
  encodeSettings(settings).pipe(
    Effect.mapError((error) => new LinkageInputError({ message: `cannot encode the model: ${firstProblem(error)}` })),
    Effect.flatMap((json) => writeJsonFile(path, json, "model"))
  )

/** A training plan `{"steps": [ … ]}`. */
export const readTrainingPlanFile = (path: string): Effect.Effect<TrainingPlan, LinkageInputError> =>
  readJsonFile(path, "training plan").pipe(
    Effect.flatMap((json) => decodeTrainingPlan(json)),
    Effect.mapError((error) => new LinkageInputError({ message: error.message.startsWith(path) ? error.message : `${path}: ${error.message}` }))
  )
