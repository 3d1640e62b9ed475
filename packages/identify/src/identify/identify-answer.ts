/** The answer of `liner identify` for one unknown track, as the contract prints it (contracts/identify.md). */

export type IdentifyStatus = "identified" | "ambiguous" | "insufficient" | "not_found"

/** Probability bands: high > 0.85, medium 0.70–0.85, low below. */
export type Confidence = "high" | "medium" | "low"

/** One comparison's part of a guess's match weight (a bar of its waterfall). */
export interface FeatureExplanation {
  /** The comparison (`adjacent_sets`, `dj_overlap`, …). */
  readonly feature: string
  /** The level the pair fell in. */
  readonly level: string
  /** m/u of the level, times the term-frequency adjustment where the comparison has one. */
  readonly bayesFactor: number
  /** log2 of the Bayes factor: what the feature adds to the match weight. */
  readonly weight: number
}

export interface Guess {
  readonly artist: string
  readonly probability: number
  /** null when the artist is not the model's guess but known (a tracklist names it). */
  readonly matchWeight: number | null
  readonly confidence: Confidence
  /** Sentences a person can check against the tracklists. */
  readonly evidence: ReadonlyArray<string>
  readonly explanation: ReadonlyArray<FeatureExplanation>
}

export interface IdentifyAnswer {
  readonly track: {
    /** The source's track key; null for a track grouped by its title or a keyless `ID – ID`. */
    readonly key: string | null
    readonly title: string
    readonly occurrences: number
    /** The sets' source ids. */
    readonly sets: ReadonlyArray<string>
    readonly djs: ReadonlyArray<string>
  }
  readonly status: IdentifyStatus
  readonly guesses: ReadonlyArray<Guess>
  readonly model: { readonly trainedAt: string; readonly pairs: number } | null
}

/** An answer with what Liner keeps to itself: the track's group and whether a source failed. */
export interface IdentifyOutcome {
  readonly answer: IdentifyAnswer
  /** `key:<track_key>` / `title:<title key>`; null for a keyless `ID – ID`. */
  readonly groupKey: string | null
  /** The labels the track's own plays show (fed to the label hunter when it is identified). */
  readonly shownLabels: ReadonlyArray<string>
  /** Songstats was asked and failed: the answer may change (exit 75). */
  readonly sourceFailed: boolean
  /** The answer came from the store (a tracklist or an earlier identification), not the model. */
  readonly known: boolean
}
