import { describe, expect, it } from "vitest"
import { tracksCovered } from "../../src/discogs/track-ranges.js"

const sides = ["A1", "A2", "A3", "A4", "B1", "B2", "B3"]
const numbered = ["1", "2", "3", "4", "5"]
const covered = (spec: string, positions: ReadonlyArray<string>) => {
  const result = tracksCovered(spec, positions)
  return result === "all" ? "all" : [...result].sort()
}

describe("Discogs credit ranges", () => {
  it("an empty range covers the whole release", () => {
    expect(covered("", sides)).toBe("all")
    expect(covered("  ", sides)).toBe("all")
  })

  it("reads 'to' ranges, across sides too", () => {
    expect(covered("A1 to A3", sides)).toEqual(["A1", "A2", "A3"])
    expect(covered("A3 to B2", sides)).toEqual(["A3", "A4", "B1", "B2"])
  })

  it("reads hyphen ranges between positions", () => {
    expect(covered("1-3", numbered)).toEqual(["1", "2", "3"])
    expect(covered("A2-B1", sides)).toEqual(["A2", "A3", "A4", "B1"])
  })

  it("reads lists and mixes of single positions and ranges", () => {
    expect(covered("A1, B2", sides)).toEqual(["A1", "B2"])
    expect(covered("A1 to A2, B3", sides)).toEqual(["A1", "A2", "B3"])
    expect(covered("1, 3-4", numbered)).toEqual(["1", "3", "4"])
  })

  it("takes a position that holds a hyphen as one position, not a range", () => {
    const discs = ["CD1-1", "CD1-2", "CD2-1", "CD2-2"]
    expect(covered("CD1-2", discs)).toEqual(["CD1-2"])
    expect(covered("CD1-2 to CD2-1", discs)).toEqual(["CD1-2", "CD2-1"])
    expect(covered("CD1-1-CD1-2", discs)).toEqual(["CD1-1", "CD1-2"])
  })

  it("ignores case and spacing, and leaves out what names no position of the release", () => {
    expect(covered(" a1  to  a2 ", sides)).toEqual(["A1", "A2"])
    expect(covered("C1 to C4, A4", sides)).toEqual(["A4"])
    expect(covered("7-9", numbered)).toEqual([])
  })
})
