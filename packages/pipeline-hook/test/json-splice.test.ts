import { readPipelineFixtureText } from "@liner/testkit"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { spliceTopLevelKey } from "../src/index.js"

const legacy = [
  { title: "Kabhi Kabhi Aditi", artist: "Rashid Ali", composer: "A. R. Rahman", duration_ms: 219000 },
  { title: "Tu Bole Main Boloon", artist: "Naresh Iyer, Sonu Kakkar", composer: "A. R. Rahman", duration_ms: null }
]

const splice = (text: string, value: unknown = legacy) => Either.getOrThrow(spliceTopLevelKey(text, "soundtrack", value))

/** The text outside [from, to) of `a` is the same as outside the matching span of `b`. */
const expectOnlySpanChanged = (before: string, after: string, from: number, to: number) => {
  expect(after.slice(0, from)).toBe(before.slice(0, from))
  expect(after.endsWith(before.slice(to))).toBe(true)
}

describe("spliceTopLevelKey", () => {
  it("replaces an existing soundtrack value in the older host's file, every other byte kept", () => {
    const before = readPipelineFixtureText("olderEnrichment")
    const after = splice(before)
    const start = before.indexOf('"soundtrack": ') + '"soundtrack": '.length
    const end = before.indexOf('\n  ],\n  "genres"') + "\n  ]".length
    expectOnlySpanChanged(before, after, start, end)
    expect(JSON.parse(after)).toEqual({ ...JSON.parse(before), soundtrack: legacy })
    // Formatted like the neighbours (Python's indent=2).
    expect(after).toContain('  "soundtrack": [\n    {\n      "title": "Kabhi Kabhi Aditi",\n      "artist": "Rashid Ali",')
  })

  it("inserts a new key before the closing brace of the newer host's file, with its indentation", () => {
    const before = readPipelineFixtureText("newerEnrichment")
    const after = splice(before)
    const close = before.lastIndexOf("}")
    const lastValueEnd = before.lastIndexOf('"', close) + 1 // the file ends with "fetched_at": "…"\n}
    expect(after.slice(0, lastValueEnd)).toBe(before.slice(0, lastValueEnd))
    expect(after.endsWith(before.slice(lastValueEnd))).toBe(true)
    expect(after.slice(lastValueEnd)).toMatch(/^,\n {2}"soundtrack": \[\n {4}\{\n {6}"title"/)
    expect(JSON.parse(after)).toEqual({ ...JSON.parse(before), soundtrack: legacy })
    // The raw Devanagari of a file written with ensure_ascii=False stays as it was.
    expect(after).toContain('"original_title": "जाने तू...या जाने ना"')
  })

  it("escapes non-ASCII in files the host wrote as ASCII (Python's default ensure_ascii)", () => {
    const before = '{\n  "title": "Jaane Tu",\n  "found": true\n}'
    const after = splice(before, [{ title: "जाने तू", artist: "", composer: "", duration_ms: null }])
    expect(after).toContain('"title": "\\u091c\\u093e\\u0928\\u0947 \\u0924\\u0942"')
    expect(JSON.parse(after).soundtrack[0].title).toBe("जाने तू")
  })

  it("keeps compact files compact, tabs as tabs, CRLF line ends, and a final newline", () => {
    expect(splice('{"a":1,"soundtrack":[]}', [])).toBe('{"a":1,"soundtrack":[]}')
    expect(splice('{"a": 1}', [1])).toBe('{"a": 1,"soundtrack": [1]}')
    const tabbed = '{\n\t"a": 1\n}\n'
    expect(splice(tabbed, [1])).toBe('{\n\t"a": 1,\n\t"soundtrack": [\n\t\t1\n\t]\n}\n')
    const crlf = '{\r\n  "a": 1\r\n}\r\n'
    expect(splice(crlf, [])).toBe('{\r\n  "a": 1,\r\n  "soundtrack": []\r\n}\r\n')
    expect(splice(crlf, [1])).toBe('{\r\n  "a": 1,\r\n  "soundtrack": [\r\n    1\r\n  ]\r\n}\r\n')
  })

  it("handles an empty object, nested look-alike keys and strings with braces", () => {
    expect(JSON.parse(splice("{}", []))).toEqual({ soundtrack: [] })
    const tricky = '{\n  "nested": {"soundtrack": "not me", "x": "}{]["},\n  "s": "\\"soundtrack\\": 1"\n}'
    const after = splice(tricky, [])
    expect(JSON.parse(after)).toEqual({ nested: { soundtrack: "not me", x: "}{][" }, s: '"soundtrack": 1', soundtrack: [] })
    expect(after.startsWith(tricky.slice(0, tricky.lastIndexOf("\n}")))).toBe(true)
  })

  it("refuses what it cannot edit safely", () => {
    expect(Either.isLeft(spliceTopLevelKey("[1, 2]", "soundtrack", []))).toBe(true)
    expect(Either.isLeft(spliceTopLevelKey('{"title": "Jaane', "soundtrack", []))).toBe(true)
  })
})
