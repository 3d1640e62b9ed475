/** Reading and writing the JSON files a linkage run takes (settings, models, plans). */
import { Effect } from "effect"
import { readFile, rename, writeFile } from "node:fs/promises"
import { LinkageInputError } from "../errors.js"

/** A JSON file's value; an unreadable file or bad JSON is bad input naming the file. */
export const readJsonFile = (path: string, what: string): Effect.Effect<unknown, LinkageInputError> =>
  Effect.tryPromise({
    try: () => readFile(path, "utf8"),
    catch: (error) => new LinkageInputError({ message: `cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` })
  }).pipe(
    Effect.flatMap((text) =>
      Effect.try({
        try: () => JSON.parse(text) as unknown,
        catch: (error) => new LinkageInputError({ message: `the ${what} ${path} is not valid JSON: ${(error as Error).message}` })
      })
    )
  )

/**
 * Writes `value` as JSON indented by 4 (as splink's `save_model_to_json` does), beside the target
 * first and then renamed, so an interrupted run never leaves half a model.
 */
export const writeJsonFile = (path: string, value: unknown, what: string): Effect.Effect<void, LinkageInputError> => {
  const temporary = `${path}.${process.pid}.tmp`
  return Effect.tryPromise({
    try: async () => {
      await writeFile(temporary, JSON.stringify(value, null, 4) + "\n")
      await rename(temporary, path)
    },
    catch: (error) => new LinkageInputError({ message: `cannot write the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` })
  })
}
