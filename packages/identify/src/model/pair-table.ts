/**
 * The candidate pairs as the linkage engine reads them: one CSV row per (track, candidate) pair
 * with its features, written twice (`tracks.csv`, `candidates.csv`) so that a `link_only` of the
 * table with itself on `pair_id` makes exactly one pair per row. The files live in a temporary
 * folder removed with the scope.
 */
import { Effect, type Scope } from "effect"
import { closeSync, openSync, writeSync } from "node:fs"
import { copyFile, mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { IdentifyInternalError } from "../errors.js"
import type { CandidateFeatures } from "../features/candidate-features.js"

/** One pair: the track (by its index in the run), the candidate and its features. */
export interface PairRow {
  readonly track: number
  /** In how many sets the track was played. */
  readonly trackSets: number
  /** The candidate's artist key: its identity, and the term-frequency column. */
  readonly candidate: string
  readonly features: CandidateFeatures
  /** How many of the track's DJs Songstats lists among the candidate's supporters; null when not asked. */
  readonly songstatsSupport: number | null
}

export const PAIR_COLUMNS = [
  "pair_id",
  "track",
  "track_sets",
  "candidate",
  "tf_candidate",
  "next_to_sets",
  "near_sets",
  "next_to_lead",
  "dj_overlap",
  "dj_is_candidate",
  "candidate_labels",
  "labels_around",
  "own_label",
  "label_sets",
  "label_owner",
  "songstats_support"
] as const

const csvText = (text: string): string => (/[",\n\r]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)

/**
 * The term frequency of a candidate: its share of the store's plays relative to the typical
 * candidate's. The popularity level's u is 1, so its adjustment is −log2 of this.
 */
export const candidateTermFrequency = (share: number, popularityReference: number): number => share / popularityReference

const line = (pairId: number, row: PairRow, popularityReference: number): string => {
  const f = row.features
  return [
    pairId,
    row.track,
    row.trackSets,
    csvText(row.candidate),
    candidateTermFrequency(f.share, popularityReference),
    f.nextToSets.length,
    f.nearSets.length,
    f.nextToLead,
    f.overlappingDjs.length,
    f.djIsCandidateSets.length,
    f.candidateLabels.length,
    f.labelsAround ? 1 : 0,
    f.ownLabels.length > 0 ? 1 : 0,
    f.labelSets.length,
    f.labelOwnerSets.length,
    row.songstatsSupport === null ? "" : row.songstatsSupport
  ].join(",")
}

export interface PairFiles {
  /** The two copies of the table, in the order `--data` takes them. */
  readonly files: readonly [string, string]
  readonly folder: string
}

const internal = (what: string) => (cause: unknown) => new IdentifyInternalError({ message: `${what}: ${String(cause)}`, cause })

/** Writes the pairs (pair id = the row's index) into a temporary folder, removed when the scope closes. */
export const writePairTable = (
  rows: ReadonlyArray<PairRow>,
  popularityReference: number
): Effect.Effect<PairFiles, IdentifyInternalError, Scope.Scope> =>
  Effect.gen(function* () {
    const folder = yield* Effect.acquireRelease(
      Effect.tryPromise({ try: () => mkdtemp(join(tmpdir(), "liner-identify-")), catch: internal("cannot make a temporary folder") }),
      (path) => Effect.promise(() => rm(path, { recursive: true, force: true }))
    )
    const tracks = join(folder, "tracks.csv")
    const candidates = join(folder, "candidates.csv")
    yield* Effect.try({
      try: () => {
        const fd = openSync(tracks, "w")
        try {
          writeSync(fd, `${PAIR_COLUMNS.join(",")}\n`)
          // Written in chunks: a store's pairs run to hundreds of thousands of lines.
          for (let start = 0; start < rows.length; start += 10_000) {
            const end = Math.min(rows.length, start + 10_000)
            const lines: Array<string> = []
            for (let i = start; i < end; i++) lines.push(line(i, rows[i]!, popularityReference))
            writeSync(fd, `${lines.join("\n")}\n`)
          }
        } finally {
          closeSync(fd)
        }
      },
      catch: internal("cannot write the candidate pairs")
    })
    yield* Effect.tryPromise({ try: () => copyFile(tracks, candidates), catch: internal("cannot write the candidate pairs") })
    return { files: [tracks, candidates] as const, folder }
  })
