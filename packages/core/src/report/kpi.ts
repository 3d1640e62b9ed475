/** One key figure of the report beside its target, and whether it meets it. */
export interface Kpi {
  readonly id: string
  readonly name: string
  /** null: nothing to measure yet (no lookup, no track…). */
  readonly value: number | null
  /** `share`: a fraction of 1; `ms`: milliseconds. */
  readonly unit: "share" | "ms"
  readonly target: { readonly comparison: "at_least" | "more_than" | "less_than"; readonly value: number }
  /** null when there is no value. */
  readonly met: boolean | null
}

export const kpi = (fields: Omit<Kpi, "met">): Kpi => {
  const { value, target } = fields
  const met =
    value === null ? null : target.comparison === "at_least" ? value >= target.value : target.comparison === "more_than" ? value > target.value : value < target.value
  return { ...fields, met }
}

/** A fraction rounded to four places (0.8333), or null when there is nothing to divide. */
export const shareOf = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000)
