/** Thresholds print as splink's Python f-strings print them, in SQL and in labels. */
import { describe, expect, it } from "vitest"
import { pythonFloat, pythonNumber } from "../../src/comparisons/python-number.js"

describe("Python's number text", () => {
  it("writes floats as Python's repr", () => {
    expect(pythonFloat(2629800)).toBe("2629800.0")
    expect(pythonFloat(0.1)).toBe("0.1")
    expect(pythonFloat(123.456)).toBe("123.456")
    expect(pythonFloat(-2.5)).toBe("-2.5")
    expect(pythonFloat(0.0001)).toBe("0.0001")
    expect(pythonFloat(0.00001)).toBe("1e-05")
    expect(pythonFloat(1.5e-7)).toBe("1.5e-07")
    expect(pythonFloat(1e16)).toBe("1e+16")
    expect(pythonFloat(2 ** 53 + 2)).toBe("9007199254740994.0")
    expect(pythonFloat(1.2345678901234568e16)).toBe("1.2345678901234568e+16")
    expect(pythonFloat(999999999999999.9)).toBe("999999999999999.9")
    expect(pythonFloat(0)).toBe("0.0")
  })

  it("writes whole numbers the caller gave as ints, others as floats", () => {
    expect(pythonNumber(1)).toBe("1")
    expect(pythonNumber(86400)).toBe("86400")
    expect(pythonNumber(1e21)).toBe("1000000000000000000000")
    expect(pythonNumber(0.92)).toBe("0.92")
    expect(pythonNumber(0.00005)).toBe("5e-05")
  })
})
