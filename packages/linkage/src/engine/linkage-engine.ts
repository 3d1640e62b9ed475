/**
 * The DuckDB engine: the only part of the package that runs SQL. It loads CSV records, blocks
 * them into pairs with splink's SQL and evaluates the comparison levels into γ vectors; training
 * and scoring work on what it hands back.
 */
import { Context, type Effect, Layer } from "effect"
import type { LinkageInputError, LinkageInternalError } from "../errors.js"
import type { BlockingRule, Settings } from "../settings/settings.js"
import type { ComparisonVectors } from "./comparison-vectors.js"
import type {
  BlockingRuleCount,
  LabelledPairVectors,
  PairKey,
  PairValues,
  RecordKey,
  SampledComparisonVectors,
  TermFrequency
} from "./engine-results.js"
import type { Input } from "./input.js"
import { makeLinkageEngine } from "./make-linkage-engine.js"

export type LinkageError = LinkageInputError | LinkageInternalError

export interface LinkageEngineOptions {
  /** A DuckDB database file, for inputs larger than memory; in-memory when absent. */
  readonly databasePath?: string
  /** DuckDB's worker threads (DuckDB's default: every core). */
  readonly threads?: number
}

export interface LoadInputOptions {
  /** One CSV per source dataset (header row; an empty field is NULL). */
  readonly files: ReadonlyArray<string>
  /** Gives the link type, the id columns, and the columns and TF columns to check and prepare. */
  readonly settings: Settings
}

export interface ComparisonVectorsOptions {
  /** Defaults to the settings' `blocking_rules_to_generate_predictions` (none: every pair). */
  readonly blockingRules?: ReadonlyArray<BlockingRule>
  /** Also read each pair's ids (predict, evaluate, explain need them; EM does not). */
  readonly withIds?: boolean
}

export interface SampleOptions {
  /** How many pairs to aim for (splink's `max_pairs`, 1e6 by default there). */
  readonly maxPairs: number
  /** Same seed and same data ⇒ same records, same pairs. */
  readonly seed: number
  readonly withIds?: boolean
}

export interface LabelledPairOptions {
  /** CSV `unique_id_l,unique_id_r,clerical_match_score` (optionally `source_dataset_l/_r`). */
  readonly labels: string
  /** Rules that decide `foundByBlockingRules`; defaults to the settings' prediction rules. */
  readonly blockingRules?: ReadonlyArray<BlockingRule>
}

export interface BlockingCountsOptions {
  /** Also report this many largest blocks (pre-filter) per rule. */
  readonly largestBlocks?: number
}

export interface LinkageEngineService {
  /** Reads the files into one table, checks the columns the settings use, computes TF tables. */
  readonly loadInput: (options: LoadInputOptions) => Effect.Effect<Input, LinkageError>
  /** Blocks with splink's rules and evaluates every comparison's levels on each pair. */
  readonly comparisonVectors: (
    input: Input,
    settings: Settings,
    options?: ComparisonVectorsOptions
  ) => Effect.Effect<ComparisonVectors, LinkageError>
  /** Per rule: the pairs it adds, the running total and splink's pre-filter count. */
  readonly blockingCounts: (
    input: Input,
    rules: ReadonlyArray<BlockingRule>,
    options?: BlockingCountsOptions
  ) => Effect.Effect<ReadonlyArray<BlockingRuleCount>, LinkageError>
  /** |union of the rules' pairs| (for λ from deterministic rules). */
  readonly countPairsOfRules: (input: Input, rules: ReadonlyArray<BlockingRule>) => Effect.Effect<number, LinkageError>
  /** γ vectors of every pair among seeded random records, sized for `maxPairs` as splink's estimate_u.py. */
  readonly sampleComparisonVectors: (
    input: Input,
    settings: Settings,
    options: SampleOptions
  ) => Effect.Effect<SampledComparisonVectors, LinkageError>
  /** γ vectors of labelled pairs, whether the blocking rules find them, and their scores. */
  readonly labelledPairVectors: (
    input: Input,
    settings: Settings,
    options: LabelledPairOptions
  ) => Effect.Effect<LabelledPairVectors, LinkageError>
  /** The compared values of given pairs (for explanations and waterfalls), in the given order. */
  readonly pairValues: (
    input: Input,
    settings: Settings,
    pairs: ReadonlyArray<PairKey>
  ) => Effect.Effect<ReadonlyArray<PairValues>, LinkageError>
  /** Every record's id (and source dataset when linking), e.g. so that clusters include records without links. */
  readonly recordIds: (input: Input) => Effect.Effect<ReadonlyArray<RecordKey>, LinkageError>
  /** A column's term-frequency table over the whole input, most frequent first. */
  readonly termFrequencies: (input: Input, column: string) => Effect.Effect<ReadonlyArray<TermFrequency>, LinkageError>
}

export class LinkageEngine extends Context.Tag("@liner/linkage/LinkageEngine")<LinkageEngine, LinkageEngineService>() {
  /**
   * One DuckDB database (in memory unless `databasePath`), closed with the scope. A database
   * file that cannot be opened is bad input.
   */
  static readonly layer = (options: LinkageEngineOptions = {}): Layer.Layer<LinkageEngine, LinkageError> =>
    Layer.scoped(LinkageEngine, makeLinkageEngine(options))
}
