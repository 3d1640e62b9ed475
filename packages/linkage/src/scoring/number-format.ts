/** Python's `{:.Ng}` number format, which splink's chart descriptions use. */

const stripZeros = (digits: string): string => (digits.includes(".") ? digits.replace(/\.?0+$/, "") : digits)

/** `formatGeneral(0.00012345, 4)` → "0.0001234"; `formatGeneral(1.5e-7, 4)` → "1.5e-07". */
export const formatGeneral = (value: number, significant: number): string => {
  if (!Number.isFinite(value)) return value > 0 ? "inf" : value < 0 ? "-inf" : "nan"
  if (value === 0) return "0"
  const [mantissa, exponentText] = value.toExponential(significant - 1).split("e")
  const exponent = Number(exponentText)
  if (exponent < -4 || exponent >= significant) {
    const sign = exponent < 0 ? "-" : "+"
    return `${stripZeros(mantissa!)}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`
  }
  return stripZeros(value.toFixed(significant - 1 - exponent))
}
