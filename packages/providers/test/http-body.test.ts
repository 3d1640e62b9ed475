import { describe, expect, it } from "vitest"
import { Either } from "effect"
import { parseJson } from "../src/http/body.js"

const arrived = (text: string, contentType = "application/json") => {
  const parsed = parseJson(text, contentType)
  return Either.isLeft(parsed) ? parsed.left : "JSON"
}

describe("what arrived in place of JSON", () => {
  it.each([
    ['{"id": "x", "relations": []}', "application/json", "JSON"],
    ['{"id": "x", "relations": [{"type": "IMDb", "target', "application/json", "truncated JSON (50 bytes, cut off before the end): a proxy or a broken connection in the way?"],
    ['[{"a": "}"}, {"b": "\\"', "application/json", "truncated JSON (22 bytes, cut off before the end): a proxy or a broken connection in the way?"],
    ["<!DOCTYPE html><html><body>Sign in</body></html>", "text/html", "an HTML page, not JSON: a proxy or captive portal in the way?"],
    ["  <html><body>Sign in</body></html>", "application/json", "an HTML page, not JSON: a proxy or captive portal in the way?"],
    ['<?xml version="1.0"?><metadata/>', "application/xml", "XML, not JSON"],
    ["", "application/json", "an empty body"],
    ['{"a": 1}}', "application/json", 'a body that is not JSON ("a : 1…")'],
    ["Service Unavailable", "text/plain", 'a body that is not JSON ("Service Unavailable…")']
  ])("%j (%s) → %s", (text, contentType, expected) => {
    expect(arrived(text, contentType)).toBe(expected)
  })
})
