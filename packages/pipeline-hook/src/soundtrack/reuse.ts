/**
 * Idempotence of the soundtrack stage: when an earlier run succeeded (or found nothing) from the
 * same inputs, for the same film and token budget, and its outputs are intact, the stage does no
 * lookup and leaves every file as it is. An `unavailable` run is never reused: it is retried.
 */
import { SoundtrackResult } from "@liner/core"
import { Effect, Option, Schema } from "effect"
import type { JobRoot } from "../fs/job-root.js"
import type { InputRecord, StatusFile } from "../status/status-file.js"
import { outputsIntact, readJsonQuietly, readPreviousStatus } from "../status/stage-files.js"
import { Vocabulary } from "../vocabulary/vocabulary.js"

export interface ReusableRun {
  readonly status: StatusFile
  readonly soundtrack: SoundtrackResult
  readonly vocabulary: Vocabulary
}

interface Wanted {
  readonly relOut: string
  readonly inputs: ReadonlyArray<InputRecord>
  readonly query: { readonly title: string | null; readonly year: number | null; readonly imdbId: string | null }
  readonly tokenBudget: number
}

const sameInputs = (a: ReadonlyArray<InputRecord>, b: ReadonlyArray<InputRecord>): boolean => {
  const key = (r: InputRecord) => `${r.path}\u0000${r.sha256}`
  const set = new Set(a.map(key))
  return a.length === b.length && b.every((r) => set.has(key(r)))
}

export const findReusableRun = (root: JobRoot, wanted: Wanted): Effect.Effect<Option.Option<ReusableRun>> =>
  Effect.gen(function* () {
    const previous = yield* readPreviousStatus(root, wanted.relOut)
    if (Option.isNone(previous)) return Option.none()
    const status = previous.value
    if (status.stage !== "soundtrack" || (status.status !== "success" && status.status !== "not_found")) return Option.none()
    if (!sameInputs(status.inputs, wanted.inputs)) return Option.none()
    if (!(yield* outputsIntact(root, status.outputs))) return Option.none()

    const soundtrack = Option.flatMap(yield* readJsonQuietly(root, `${wanted.relOut}/soundtrack.json`), Schema.decodeUnknownOption(SoundtrackResult))
    const vocabulary = Option.flatMap(yield* readJsonQuietly(root, `${wanted.relOut}/vocabulary.json`), Schema.decodeUnknownOption(Vocabulary))
    if (Option.isNone(soundtrack) || Option.isNone(vocabulary)) return Option.none()
    const q = soundtrack.value.query
    const sameFilm = q.title === wanted.query.title && q.year === wanted.query.year && q.imdbId === wanted.query.imdbId
    if (!sameFilm || vocabulary.value.tokenBudget !== wanted.tokenBudget) return Option.none()
    return Option.some({ status, soundtrack: soundtrack.value, vocabulary: vocabulary.value })
  })
