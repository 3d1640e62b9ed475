import { describe, expect, it } from "vitest"
import { parseBatch, parseBatchRecords } from "../src/batch/batch-input.js"

// The batch reader shared by `liner soundtrack --batch` and `liner label --batch`.
const labelColumns = {
  names: { title: "title", track: "title", artist: "artist", label: "labelKnown" },
  order: ["title", "artist", "labelKnown"]
} as const

describe("batch files", () => {
  it("reads a label CSV by its header, in any column order and case, with quoted cells", () => {
    const text = 'Artist,Label,Track,bpm\n"Lindqvist, Mara",,"Velvet Static [Nightglass]",124\n# a comment\n\nNora Fine,Anjunadeep,Deep Water,122\n'
    expect(parseBatchRecords(text, labelColumns)).toEqual([
      { line: 2, record: { artist: "Lindqvist, Mara", title: "Velvet Static [Nightglass]" } },
      { line: 5, record: { artist: "Nora Fine", labelKnown: "Anjunadeep", title: "Deep Water" } }
    ])
  })

  it("takes the columns in order without a header", () => {
    expect(parseBatchRecords("Deep Water,Nora Fine,Anjunadeep", labelColumns)).toEqual([
      { line: 1, record: { title: "Deep Water", artist: "Nora Fine", labelKnown: "Anjunadeep" } }
    ])
  })

  it("reads JSON lines by key, case-insensitively, and reports bad lines without stopping", () => {
    const text = '{"Title":"Deep Water","artist":"Nora Fine","label":"Anjunadeep","x":1}\nnot json\n[1]\n'
    expect(parseBatchRecords(text, labelColumns)).toEqual([
      { line: 1, record: { title: "Deep Water", artist: "Nora Fine", labelKnown: "Anjunadeep" } },
      { line: 2, error: "not valid JSON" },
      { line: 3, error: "expected a JSON object" }
    ])
  })

  it("does not take inherited names for columns", () => {
    expect(parseBatchRecords("constructor,toString\na,b", labelColumns)).toEqual([
      { line: 1, record: { title: "constructor", artist: "toString" } },
      { line: 2, record: { title: "a", artist: "b" } }
    ])
  })

  it("still reads film batches as before (CSV header, JSON imdb spellings, numbers as text)", () => {
    expect(parseBatch("title,year,imdb\nSholay,1975,tt0073707\n")).toEqual([{ line: 2, input: { title: "Sholay", year: "1975", imdb: "tt0073707" } }])
    expect(parseBatch('{"title":"Sholay","year":1975,"imdb_id":"tt0073707"}')).toEqual([
      { line: 1, input: { title: "Sholay", year: "1975", imdb: "tt0073707" } }
    ])
    expect(parseBatch("Sholay,1975")).toEqual([{ line: 1, input: { title: "Sholay", year: "1975", imdb: undefined } }])
  })
})
