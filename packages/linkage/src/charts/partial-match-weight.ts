/**
 * The few Fellegi–Sunter figures the charts show, computed here so that charts depend on nothing
 * but the settings (the scoring module owns the real computation; these agree with it).
 */

/** splink's M_U_CLAMP_MIN: m and u are floored before the logarithm, so a 0 never gives ±∞. */
export const mUFloor = 1e-300

/** m/u with both floored. */
export const bayesFactor = (m: number, u: number): number => Math.max(m, mUFloor) / Math.max(u, mUFloor)

/** The partial match weight of a level, log2(m/u). */
export const partialMatchWeight = (m: number, u: number): number => Math.log2(bayesFactor(m, u))

/** The prior odds λ/(1−λ) of two random records matching. */
export const priorBayesFactor = (lambda: number): number => (lambda === 1 ? Infinity : lambda / (1 - lambda))

/** The starting match weight log2(λ/(1−λ)). */
export const priorMatchWeight = (lambda: number): number => Math.log2(priorBayesFactor(lambda))
