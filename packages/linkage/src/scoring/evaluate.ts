/**
 * Accuracy from labelled pairs (splink's `accuracy_analysis_from_labels_table`): score the pairs
 * the engine built from the labels, then the truth table and ROC points of those scores.
 */
import { Either } from "effect"
import type { ComparisonVectors } from "../engine/comparison-vectors.js"
import type { LinkageInternalError } from "../errors.js"
import type { Model } from "./model.js"
import { predict, type Predictions } from "./predict.js"
import { type RocPoint, rocPoints, truthTable, type TruthTableOptions, type TruthTableRecord } from "./truth-table.js"

/** What the engine's `labelledPairVectors` hands back, as far as scoring needs it. */
export interface LabelledPairs {
  readonly vectors: ComparisonVectors
  readonly foundByBlockingRules: ArrayLike<number | boolean>
  readonly clericalMatchScore: ArrayLike<number>
}

export interface Evaluation {
  readonly predictions: Predictions
  readonly truthTable: ReadonlyArray<TruthTableRecord>
  readonly roc: ReadonlyArray<RocPoint>
}

export const evaluateLabelledPairs = (
  model: Model,
  labelled: LabelledPairs,
  options: TruthTableOptions = {}
): Either.Either<Evaluation, LinkageInternalError> =>
  Either.map(predict(model, labelled.vectors), (predictions) => {
    const table = truthTable(
      {
        matchWeight: predictions.matchWeight,
        clericalMatchScore: labelled.clericalMatchScore,
        foundByBlockingRules: labelled.foundByBlockingRules
      },
      options
    )
    return { predictions, truthTable: table, roc: rocPoints(table) }
  })
