/**
 * The EM loop of one training session over γ vectors, after splink's expectation_maximisation.py:
 * the E-step scores every pair (or every distinct γ pattern, when no TF adjustment is in play)
 * exactly as prediction does, the M-step turns the scores into m, u and λ, and the loop stops when
 * the largest change of any m, u or λ falls below `em_convergence`, or after `max_iterations`.
 *
 * Typed arrays throughout: a Float64Array weight table per comparison, no allocation per pair.
 */
import type { LevelModel } from "../scoring/model.js"
import { matchWeightToProbability, probabilityToMatchWeight } from "../scoring/probability.js"
import { comparisonTables } from "../scoring/weight-tables.js"

/** The value splink uses for m or u of a level that was not observed (its `m_probability` getter). */
export const NOT_OBSERVED_PROBABILITY = 1e-6

/** One comparison EM estimates, with its γ (and TF values) per pair and its starting m and u by γ. */
export interface EmComparison {
  readonly name: string
  /** The comparison's non-null levels by γ. */
  readonly byGamma: ReadonlyArray<LevelModel>
  readonly gamma: Int8Array
  /** By γ: the term frequency per pair the level adjusts by, if it does. */
  readonly tfByGamma: ReadonlyArray<Float64Array | undefined>
  readonly m: ArrayLike<number>
  readonly u: ArrayLike<number>
}

export interface EmOptions {
  /** λ within the blocked pairs at the start. */
  readonly lambda: number
  readonly fixLambda: boolean
  readonly fixM: boolean
  readonly fixU: boolean
  readonly emConvergence: number
  readonly maxIterations: number
  /** splink's `estimate_without_term_frequencies`: ignore TF adjustments in the E-step. */
  readonly withoutTermFrequencies?: boolean
}

/** The parameters at one point of the loop; m and u by comparison, then by γ. */
export interface EmParameters {
  readonly lambda: number
  /** Effective values (a level not observed reads 1e-6, as in splink). */
  readonly m: ReadonlyArray<Float64Array>
  readonly u: ReadonlyArray<Float64Array>
  /** 1 where the M-step found no pairs at that level (splink's "level not observed"). */
  readonly mNotObserved: ReadonlyArray<Uint8Array>
  readonly uNotObserved: ReadonlyArray<Uint8Array>
}

export type ChangedParameter =
  | { readonly kind: "probability_two_random_records_match" }
  | { readonly kind: "m_probability" | "u_probability"; readonly comparison: number; readonly gamma: number }

export interface LargestChange {
  /** Signed, as splink logs it. */
  readonly value: number
  readonly parameter: ChangedParameter
}

export interface EmIteration extends EmParameters {
  readonly iteration: number
  /** Absent for iteration 0 (the starting values). */
  readonly largestChange?: LargestChange
}

export interface EmResult {
  /** Iteration 0 (the start) and every iteration run. */
  readonly history: ReadonlyArray<EmIteration>
  readonly final: EmParameters
  readonly converged: boolean
}

/** Rows scored together, small enough for their weights to stay in the CPU cache. */
const BLOCK_SIZE = 4096

/** Distinct γ patterns of the pairs with how often each occurs (splink's agreement pattern counts). */
interface PatternCounts {
  readonly gamma: ReadonlyArray<Int8Array>
  readonly count: Float64Array
}

const countPatterns = (comparisons: ReadonlyArray<EmComparison>, pairCount: number): PatternCounts => {
  const radices = comparisons.map((c) => c.byGamma.length + 1)
  const numericKeys = radices.reduce((a, b) => a * b, 1) <= Number.MAX_SAFE_INTEGER
  const index = new Map<number | string, number>()
  const first: Array<number> = []
  const counts: Array<number> = []
  for (let i = 0; i < pairCount; i++) {
    let key: number | string
    if (numericKeys) {
      key = 0
      for (let c = 0; c < comparisons.length; c++) key = key * radices[c]! + comparisons[c]!.gamma[i]! + 1
    } else {
      key = comparisons.map((c) => c.gamma[i]).join(",")
    }
    const at = index.get(key)
    if (at === undefined) {
      index.set(key, first.length)
      first.push(i)
      counts.push(1)
    } else {
      counts[at]!++
    }
  }
  return {
    gamma: comparisons.map((c) => Int8Array.from(first, (i) => c.gamma[i]!)),
    count: Float64Array.from(counts)
  }
}

/**
 * Per pair of a comparison with TF adjustments: the γ slot whose TF weight applies (n, a slot of
 * weight 0, where none does) and log2 max(tf, tf_minimum_u_value) (0 there), so that the E-step
 * adds w·(log2 u_exact − log2 tf) without a branch.
 */
interface TermFrequencyTerms {
  readonly slot: Uint8Array
  readonly log2Tf: Float64Array
}

const termFrequencyTerms = (comparison: EmComparison, pairCount: number): TermFrequencyTerms | undefined => {
  if (!comparison.tfByGamma.some((tf) => tf !== undefined)) return undefined
  const none = comparison.byGamma.length
  const slot = new Uint8Array(pairCount).fill(none)
  const log2Tf = new Float64Array(pairCount)
  for (let i = 0; i < pairCount; i++) {
    const g = comparison.gamma[i]!
    if (g < 0) continue
    const tf = comparison.tfByGamma[g]
    if (tf === undefined || Number.isNaN(tf[i]!)) continue
    slot[i] = g
    log2Tf[i] = Math.log2(Math.max(tf[i]!, comparison.byGamma[g]!.tf!.minimumU))
  }
  return { slot, log2Tf }
}

const effective = (values: Float64Array, notObserved: Uint8Array): Float64Array =>
  values.map((v, g) => (notObserved[g] ? NOT_OBSERVED_PROBABILITY : v))

/** splink's `_max_change_in_parameters_comparison_levels`, levels visited in listed order. */
const largestChange = (previous: EmParameters, current: EmParameters): LargestChange => {
  let maxChange = -0.1
  let found: LargestChange | undefined
  for (let c = 0; c < current.m.length; c++) {
    for (let g = current.m[c]!.length - 1; g >= 0; g--) {
      const changeM = current.m[c]![g]! - previous.m[c]![g]!
      const changeU = current.u[c]![g]! - previous.u[c]![g]!
      const change = Math.max(Math.abs(changeM), Math.abs(changeU))
      if (change > maxChange) {
        maxChange = change
        const isM = Math.abs(changeM) > Math.abs(changeU)
        found = {
          value: isM ? changeM : changeU,
          parameter: { kind: isM ? "m_probability" : "u_probability", comparison: c, gamma: g }
        }
      }
    }
  }
  const changeLambda = current.lambda - previous.lambda
  if (Math.abs(changeLambda) > maxChange || found === undefined) {
    found = { value: changeLambda, parameter: { kind: "probability_two_random_records_match" } }
  }
  return found
}

export const expectationMaximisation = (
  comparisons: ReadonlyArray<EmComparison>,
  pairCount: number,
  options: EmOptions
): EmResult => {
  const useTf = options.withoutTermFrequencies !== true && comparisons.some((c) => c.tfByGamma.some((tf) => tf))
  // Without TF, pairs with the same γ pattern score the same: score each pattern once.
  const patterns = useTf ? undefined : countPatterns(comparisons, pairCount)
  const rows = patterns ? patterns.count.length : pairCount
  const gammas = patterns ? patterns.gamma : comparisons.map((c) => c.gamma)
  const weights = patterns?.count
  const tfTerms = useTf ? comparisons.map((c) => termFrequencyTerms(c, pairCount)) : []
  const totalWeight = weights ? weights.reduce((a, b) => a + b, 0) : pairCount

  // Pairs per level, which decide what is "observed"; constant over the iterations.
  const observed = comparisons.map((c, k) => {
    const seen = new Float64Array(c.byGamma.length)
    const gamma = gammas[k]!
    for (let i = 0; i < rows; i++) if (gamma[i]! >= 0) seen[gamma[i]!]! += weights ? weights[i]! : 1
    return seen
  })

  const zeros = () => comparisons.map((c) => new Uint8Array(c.byGamma.length))
  let current: EmParameters = {
    lambda: options.lambda,
    m: comparisons.map((c) => Float64Array.from(c.m)),
    u: comparisons.map((c) => Float64Array.from(c.u)),
    mNotObserved: zeros(),
    uNotObserved: zeros()
  }
  const history: Array<EmIteration> = [{ iteration: 0, ...current }]
  const block = new Float64Array(Math.min(rows, BLOCK_SIZE))
  const mCounts = comparisons.map((c) => new Float64Array(c.byGamma.length + 1))
  const uCounts = comparisons.map((c) => new Float64Array(c.byGamma.length + 1))
  let converged = false

  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    const prior = probabilityToMatchWeight(current.lambda)
    const tables = comparisons.map((c, k) => comparisonTables(c.byGamma, current.m[k]!, current.u[k]!))
    // Slot n has TF weight 0: pairs without a term frequency add 0 · (0 − 0).
    const tfWeights = tables.map((t) => Float64Array.of(...t.tfWeight, 0))
    const tfLog2UExact = tables.map((t) => Float64Array.of(...t.tfLog2UExact, 0))
    for (let k = 0; k < comparisons.length; k++) {
      mCounts[k]!.fill(0)
      uCounts[k]!.fill(0)
    }
    let matches = 0
    // Block by block, so that a block's weights stay in cache from the E-step to the M-step;
    // every sum still runs over the rows in order.
    for (let start = 0; start < rows; start += BLOCK_SIZE) {
      const end = Math.min(rows, start + BLOCK_SIZE)
      const length = end - start
      // E-step: the match weight of every row, summed in splink's order (prior, then each
      // comparison's partial weight and TF adjustment).
      block.fill(prior, 0, length)
      for (let k = 0; k < comparisons.length; k++) {
        const weight = tables[k]!.weight
        const gamma = gammas[k]!
        const terms = tfTerms[k]
        if (terms === undefined) {
          for (let i = start; i < end; i++) block[i - start] = block[i - start]! + weight[gamma[i]! + 1]!
        } else {
          const tfW = tfWeights[k]!
          const tfU = tfLog2UExact[k]!
          const { log2Tf, slot } = terms
          for (let i = start; i < end; i++) {
            const s = slot[i]!
            block[i - start] = block[i - start]! + weight[gamma[i]! + 1]! + tfW[s]! * (tfU[s]! - log2Tf[i]!)
          }
        }
      }
      for (let j = 0; j < length; j++) {
        const p = matchWeightToProbability(block[j]!)
        block[j] = p
        matches += weights ? p * weights[start + j]! : p
      }
      // M-step: expected matches and non-matches per level.
      for (let k = 0; k < comparisons.length; k++) {
        const gamma = gammas[k]!
        const mCount = mCounts[k]!
        const uCount = uCounts[k]!
        if (weights) {
          for (let i = start; i < end; i++) {
            const slot = gamma[i]! + 1
            const p = block[i - start]!
            mCount[slot] = mCount[slot]! + p * weights[i]!
            uCount[slot] = uCount[slot]! + (1 - p) * weights[i]!
          }
        } else {
          for (let i = start; i < end; i++) {
            const slot = gamma[i]! + 1
            const p = block[i - start]!
            mCount[slot] = mCount[slot]! + p
            uCount[slot] = uCount[slot]! + (1 - p)
          }
        }
      }
    }

    const next = maximisation(comparisons, current, observed, mCounts, uCounts, options)
    const lambda = options.fixLambda ? current.lambda : matches / totalWeight
    const updated: EmParameters = { ...next, lambda }
    const change = largestChange(current, updated)
    history.push({ iteration, ...updated, largestChange: change })
    current = updated
    if (Math.abs(change.value) < options.emConvergence) {
      converged = true
      break
    }
  }
  return { history, final: current, converged }
}

/** New m and u by level (splink's `maximisation_step`): proportions of the expected counts, fixes kept. */
const maximisation = (
  comparisons: ReadonlyArray<EmComparison>,
  current: EmParameters,
  observed: ReadonlyArray<Float64Array>,
  mCounts: ReadonlyArray<Float64Array>,
  uCounts: ReadonlyArray<Float64Array>,
  options: EmOptions
): Omit<EmParameters, "lambda"> => {
  const m: Array<Float64Array> = []
  const u: Array<Float64Array> = []
  const mNotObserved: Array<Uint8Array> = []
  const uNotObserved: Array<Uint8Array> = []
  for (let k = 0; k < comparisons.length; k++) {
    const levels = comparisons[k]!.byGamma
    const mCount = mCounts[k]!
    const uCount = uCounts[k]!
    let mTotal = 0
    let uTotal = 0
    for (let g = 0; g < levels.length; g++) {
      mTotal += mCount[g + 1]!
      uTotal += uCount[g + 1]!
    }
    const newM = Float64Array.from(current.m[k]!)
    const newU = Float64Array.from(current.u[k]!)
    const mMissing = Uint8Array.from(current.mNotObserved[k]!)
    const uMissing = Uint8Array.from(current.uNotObserved[k]!)
    for (let g = 0; g < levels.length; g++) {
      const seen = observed[k]![g]! > 0
      // A proportion over a zero total is NULL in splink's SQL: the level reads as not observed.
      if (!options.fixM && !levels[g]!.fixM) {
        const ok = seen && mTotal !== 0
        newM[g] = ok ? mCount[g + 1]! / mTotal : NOT_OBSERVED_PROBABILITY
        mMissing[g] = ok ? 0 : 1
      }
      if (!options.fixU && !levels[g]!.fixU) {
        const ok = seen && uTotal !== 0
        newU[g] = ok ? uCount[g + 1]! / uTotal : NOT_OBSERVED_PROBABILITY
        uMissing[g] = ok ? 0 : 1
      }
    }
    m.push(effective(newM, mMissing))
    u.push(effective(newU, uMissing))
    mNotObserved.push(mMissing)
    uNotObserved.push(uMissing)
  }
  return { m, u, mNotObserved, uNotObserved }
}
