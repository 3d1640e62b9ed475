/**
 * Numbers written into SQL and labels the way splink's f-strings write them (Python's `str`), so
 * a threshold reads `0.9`, a month in seconds `2629800.0` and a tiny one `1e-05`, as in splink.
 */

/** Python's `repr` of a float: shortest round-trip digits, `.0` on whole values, and exponent
 * notation below 1e-4 and from 1e16 on. */
export const pythonFloat = (value: number): string => {
  if (Number.isNaN(value)) return "nan"
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf"
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0"
  // toExponential() without an argument gives the shortest digits that round-trip, like Python.
  const [mantissa = "", exponentText = "0"] = value.toExponential().split("e")
  const exponent = Number(exponentText)
  const negative = mantissa.startsWith("-")
  const digits = mantissa.replace("-", "").replace(".", "")
  const sign = negative ? "-" : ""
  if (exponent < -4 || exponent >= 16) {
    const shownMantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
    const exponentSign = exponent < 0 ? "-" : "+"
    return `${sign}${shownMantissa}e${exponentSign}${String(Math.abs(exponent)).padStart(2, "0")}`
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0")
  const fraction = digits.slice(exponent + 1)
  return `${sign}${whole}.${fraction === "" ? "0" : fraction}`
}

/** A number the caller gave: whole numbers read as Python ints (`1`), others as floats (`0.9`). */
export const pythonNumber = (value: number): string =>
  Number.isInteger(value) ? BigInt(value).toString() : pythonFloat(value)
