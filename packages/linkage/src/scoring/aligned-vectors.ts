/** Match the engine's γ columns and term-frequency arrays to the model's comparisons, once. */
import { Either } from "effect"
import type { ComparisonVectors } from "../engine/comparison-vectors.js"
import { LinkageInternalError } from "../errors.js"
import type { ComparisonModel } from "./model.js"

export interface AlignedComparison {
  readonly gamma: Int8Array
  /** By γ: the term frequencies the level at that γ adjusts by (undefined where it makes none). */
  readonly tfByGamma: ReadonlyArray<Float64Array | undefined>
}

const findTf = (tf: ReadonlyMap<string, Float64Array>, column: string): Float64Array | undefined => {
  const direct = tf.get(column)
  if (direct !== undefined) return direct
  const wanted = column.replace(/^"|"$/g, "").toLowerCase()
  for (const [name, values] of tf) if (name.replace(/^"|"$/g, "").toLowerCase() === wanted) return values
  return undefined
}

/** The vectors of the given comparisons (by name), with the TF arrays each level needs. */
export const alignVectors = (
  comparisons: ReadonlyArray<ComparisonModel>,
  vectors: ComparisonVectors
): Either.Either<Array<AlignedComparison>, LinkageInternalError> => {
  const aligned: Array<AlignedComparison> = []
  for (const comparison of comparisons) {
    const column = vectors.comparisons.find((c) => c.name === comparison.name)
    if (column === undefined || column.gamma.length !== vectors.pairCount) {
      return Either.left(
        new LinkageInternalError({ message: `the comparison vectors lack γ for comparison "${comparison.name}"` })
      )
    }
    const tfByGamma: Array<Float64Array | undefined> = []
    for (const level of comparison.byGamma) {
      if (level.tf === undefined) {
        tfByGamma.push(undefined)
        continue
      }
      const values = findTf(column.tf, level.tf.column)
      if (values === undefined || values.length !== vectors.pairCount) {
        return Either.left(
          new LinkageInternalError({
            message: `the comparison vectors lack term frequencies of "${level.tf.column}" for comparison "${comparison.name}"`
          })
        )
      }
      tfByGamma.push(values)
    }
    aligned.push({ gamma: column.gamma, tfByGamma })
  }
  return Either.right(aligned)
}
