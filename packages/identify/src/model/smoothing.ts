/**
 * EM's estimates, floored: a level that no maker (or no other candidate) fell into in the
 * training pairs gets m (or u) of 0, which makes its weight ±∞ in practice (splink clamps at
 * 1e-300: a weight of ±1000): one such level would then veto or prove a match on its own, in a
 * store where it is merely rare. Each m is floored at 0.1 %, each u at 0.01 % (Laplace-like),
 * and the comparison's probabilities scaled back to sum to 1.
 */
import type { Comparison, Settings } from "@liner/linkage"

export const M_FLOOR = 0.001
export const U_FLOOR = 0.0001

const floored = (values: ReadonlyArray<number | undefined>, floor: number): Array<number | undefined> => {
  const raised = values.map((v) => (v === undefined ? undefined : Math.max(v, floor)))
  const total = raised.reduce<number>((sum, v) => sum + (v ?? 0), 0)
  return raised.map((v) => (v === undefined || total === 0 ? v : v / total))
}

const smoothComparison = (comparison: Comparison): Comparison => {
  const levels = comparison.comparison_levels
  // Fixed levels (the popularity comparison) keep their values.
  if (levels.some((level) => level.fix_m_probability === true || level.fix_u_probability === true)) return comparison
  const counted = levels.map((level) => level.is_null_level !== true)
  const m = floored(levels.map((level, i) => (counted[i] ? level.m_probability : undefined)), M_FLOOR)
  const u = floored(levels.map((level, i) => (counted[i] ? level.u_probability : undefined)), U_FLOOR)
  return {
    ...comparison,
    comparison_levels: levels.map((level, i) =>
      counted[i] && m[i] !== undefined && u[i] !== undefined ? { ...level, m_probability: m[i], u_probability: u[i] } : level
    )
  }
}

export const smoothedSettings = (settings: Settings): Settings => ({ ...settings, comparisons: settings.comparisons.map(smoothComparison) })
