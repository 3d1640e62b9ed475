/**
 * The identification model as splink settings. Each (track, candidate) pair is one row of the
 * pair table (`pair-table.ts`); the engine links the table with itself, `link_only` on
 * `l.pair_id = r.pair_id`, so each row makes exactly one pair and every level condition reads
 * the row's own feature (`<feature>_l`). The levels are SQL evaluated by DuckDB, the model is a
 * genuine splink model: `liner linkage explain --model FILE` reads it.
 *
 * The m and u below are starting values (what a person would guess); `liner identify train`
 * estimates both by EM on every candidate pair of the store. A level EM never sees (the
 * Songstats levels when it is not configured) keeps its starting values.
 */
import type { Comparison, ComparisonLevel, Settings } from "@liner/linkage"
import { NEVER_NEXT_TO_IT } from "../features/candidate-features.js"

/** The extra key the model carries for identification (splink keeps unknown keys; so does Liner). */
export const IDENTIFY_KEY = "liner_identify"

export interface IdentifyModelExtras {
  /** The version of the features: a model of another version is trained again. */
  readonly features: number
  /** The window (positions each side) the features were computed with. */
  readonly window: number
  /**
   * The typical candidate's share of the store's plays (the median over the training pairs the
   * popularity comparison applies to): a candidate's term frequency is its share relative to it.
   */
  readonly popularityReference: number
}

export const FEATURES_VERSION = 2

export const PAIR_ID = "pair_id"
export const BLOCKING_RULE = `l.${PAIR_ID} = r.${PAIR_ID}`

const level = (sql_condition: string, label_for_charts: string, m: number, u: number, extra: Partial<ComparisonLevel> = {}): ComparisonLevel => ({
  sql_condition,
  label_for_charts,
  m_probability: m,
  u_probability: u,
  ...extra
})

/** The candidate's label is the one shown with the track, or that of others' records played around it. */
const ON_LABEL = `("own_label_l" = 1 OR "label_sets_l" >= 1)`
const ON_LABEL_TWICE = `("own_label_l" = 1 OR "label_sets_l" >= 2)`

const nullLevel = (sql_condition: string, label_for_charts: string): ComparisonLevel => ({ sql_condition, label_for_charts, is_null_level: true })

/** The comparisons, their levels in order (first that holds wins), with starting m and u. */
export const identifyComparisons = (window: number): ReadonlyArray<Comparison> => [
  {
    // Adjacency and label equality are one comparison: the label-mates of the records around a
    // track are next to it by chance far more often than other artists, so the two are not
    // independent (Fellegi–Sunter's assumption) and their levels are joint.
    output_column_name: "adjacent_sets",
    comparison_description:
      "In how many of the track's sets the candidate was played right next to it, and whether the candidate's labels equal the label shown with the track or the labels of others' records played around it",
    comparison_levels: [
      level(`"next_to_sets_l" >= 3 AND ${ON_LABEL_TWICE}`, "3 or more, its label around it in 2 or more sets", 0.25, 0.001),
      level(`"next_to_sets_l" >= 3`, "3 or more", 0.03, 0.001),
      level(`"next_to_sets_l" = 2 AND ${ON_LABEL_TWICE}`, "2, its label around it in 2 or more sets", 0.2, 0.004),
      level(`"next_to_sets_l" = 2`, "2", 0.03, 0.004),
      level(`"next_to_sets_l" = 1 AND ${ON_LABEL_TWICE}`, "1, its label around it in 2 or more sets", 0.15, 0.01),
      level(`"next_to_sets_l" = 1 AND ${ON_LABEL}`, "1, its label around it once", 0.08, 0.02),
      level(`"next_to_sets_l" = 1`, "1", 0.03, 0.05),
      level(`"near_sets_l" >= 1 AND ${ON_LABEL}`, `within ${window} positions, never next to it, its label around it`, 0.06, 0.05),
      level(`"near_sets_l" >= 1`, `within ${window} positions, never next to it`, 0.02, 0.2),
      level(ON_LABEL_TWICE, "0, its label around it in 2 or more sets", 0.1, 0.05),
      level(ON_LABEL, "0, its label around it once", 0.04, 0.1),
      level("ELSE", "0", 0.03, 0.51)
    ]
  },
  {
    output_column_name: "adjacency_lead",
    comparison_description: "How many sets more than any other candidate the candidate was played right next to the track in: one maker per track, who stands out",
    comparison_levels: [
      level(`"next_to_lead_l" >= 2`, "2 or more sets ahead", 0.35, 0.005),
      // One set ahead is no lead: a label-mate of the maker is one set ahead by chance about one
      // time in six on generated worlds, and weighing it apart made those answers wrong with 99 %.
      level(`"next_to_lead_l" >= 0`, "1 set ahead or tied at the top", 0.5, 0.07),
      level(`"next_to_lead_l" > ${NEVER_NEXT_TO_IT}`, "behind", 0.1, 0.3),
      level("ELSE", "never next to it", 0.05, 0.625)
    ]
  },
  {
    output_column_name: "dj_overlap",
    comparison_description: "How many of the DJs who played the track also play the candidate in other sets",
    comparison_levels: [
      level(`"dj_overlap_l" >= 3`, "3 or more", 0.2, 0.02),
      level(`"dj_overlap_l" = 2`, "2", 0.25, 0.05),
      level(`"dj_overlap_l" = 1`, "1", 0.35, 0.25),
      level("ELSE", "0", 0.2, 0.68)
    ]
  },
  {
    // "The DJ is the candidate" and "a DJ owns the candidate's label" are one comparison: the
    // candidate is one of its label's DJs, so the two are not independent either.
    output_column_name: "played_by",
    comparison_description: "Who played the track: the candidate itself, DJs who release on the candidate's label (its owners), or only others",
    comparison_levels: [
      nullLevel(`"dj_is_candidate_l" = 0 AND "candidate_labels_l" = 0`, "no label known"),
      level(`"dj_is_candidate_l" >= 2`, "the candidate, in 2 or more sets", 0.15, 0.001),
      level(`"dj_is_candidate_l" = 1 AND "label_owner_l" >= 1`, "the candidate once, and its label's owners", 0.1, 0.004),
      level(`"dj_is_candidate_l" = 1`, "the candidate, once", 0.1, 0.01),
      level(`"label_owner_l" >= 2`, "its label's owners, in 2 or more sets", 0.25, 0.03),
      level(`"label_owner_l" = 1`, "its label's owners, in 1 set", 0.2, 0.08),
      // A track its own circle never plays, though it was played often, is not the candidate's.
      level(`"track_sets_l" >= 3`, "only others, in 3 or more sets", 0.05, 0.4),
      level("ELSE", "only others", 0.15, 0.475)
    ]
  },
  {
    output_column_name: "songstats_support",
    comparison_description: "How many of the track's DJs Songstats lists among the candidate's top supporters",
    comparison_levels: [
      nullLevel(`"songstats_support_l" IS NULL`, "not asked"),
      // A column Songstats never filled is read as text: the cast keeps the levels valid either way.
      level(`CAST("songstats_support_l" AS INTEGER) >= 2`, "2 or more", 0.3, 0.01),
      level(`CAST("songstats_support_l" AS INTEGER) = 1`, "1", 0.4, 0.1),
      level("ELSE", "0", 0.3, 0.89)
    ]
  },
  {
    output_column_name: "candidate_popularity",
    comparison_description: "How common the candidate is in the store, where it was played near the track or by its DJs: a superstar next to everything is weak evidence",
    comparison_levels: [
      nullLevel(`"near_sets_l" = 0 AND "dj_overlap_l" = 0`, "not near the track"),
      // The pair table's `tf_candidate` is the candidate's share relative to the typical one: the
      // adjustment is −log2 of it (u of this level is 1), floored so a rare artist gains at most 1 bit.
      level(`"candidate_l" = "candidate_r"`, "near the track", 1, 1, {
        fix_m_probability: true,
        fix_u_probability: true,
        tf_adjustment_column: "candidate",
        tf_adjustment_weight: 1,
        tf_minimum_u_value: 0.5
      })
    ]
  }
]

/** Starting settings: the comparisons with their starting values, ready to train. */
export const initialIdentifySettings = (extras: IdentifyModelExtras): Settings =>
  ({
    link_type: "link_only",
    unique_id_column_name: PAIR_ID,
    // About one candidate pair in fifty is the track's maker.
    probability_two_random_records_match: 0.02,
    em_convergence: 0.0001,
    max_iterations: 50,
    blocking_rules_to_generate_predictions: [BLOCKING_RULE],
    comparisons: identifyComparisons(extras.window),
    [IDENTIFY_KEY]: extras
  }) as Settings

/** The identification extras of a model, if it carries them in this version. */
export const identifyExtras = (settings: Settings): IdentifyModelExtras | undefined => {
  const extras = (settings as unknown as Record<string, unknown>)[IDENTIFY_KEY]
  if (typeof extras !== "object" || extras === null) return undefined
  const { features, window, popularityReference } = extras as Record<string, unknown>
  return features === FEATURES_VERSION && typeof window === "number" && typeof popularityReference === "number" && popularityReference > 0
    ? { features, window, popularityReference }
    : undefined
}
