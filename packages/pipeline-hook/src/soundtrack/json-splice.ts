/**
 * Sets one top-level key of a JSON object *in its text*: the bytes of every other member, the
 * indentation, the key order, the escapes and the trailing newline stay exactly as the host
 * wrote them. The existing value's span is replaced, or a new member is inserted after the last
 * one, formatted like its neighbours. The result is re-parsed and checked before it is used.
 */
import { Either } from "effect"

interface Member {
  readonly key: string
  readonly keyStart: number
  readonly keyEnd: number
  readonly valueStart: number
  readonly valueEnd: number
}

interface ObjectLayout {
  readonly open: number
  readonly close: number
  readonly members: ReadonlyArray<Member>
}

const isWs = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r"

const skipWs = (text: string, i: number): number => {
  while (i < text.length && isWs(text[i])) i++
  return i
}

/** `i` is at an opening quote; returns the index after the closing one. */
const scanString = (text: string, i: number): number => {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === "\\") j++
    else if (text[j] === '"') return j + 1
  }
  throw new Error("unterminated string")
}

/** `i` is at the first character of a value; returns the index after it. */
const scanValue = (text: string, i: number): number => {
  const c = text[i]
  if (c === '"') return scanString(text, i)
  if (c === "{" || c === "[") {
    let depth = 0
    for (let j = i; j < text.length; j++) {
      const d = text[j]
      if (d === '"') j = scanString(text, j) - 1
      else if (d === "{" || d === "[") depth++
      else if (d === "}" || d === "]") {
        depth--
        if (depth === 0) return j + 1
      }
    }
    throw new Error("unterminated container")
  }
  let j = i
  while (j < text.length && !isWs(text[j]) && text[j] !== "," && text[j] !== "}" && text[j] !== "]") j++
  return j
}

/** The layout of a text whose top level is an object (the text is known to parse). */
const layoutOf = (text: string): ObjectLayout => {
  const open = skipWs(text, text.charCodeAt(0) === 0xfeff ? 1 : 0)
  if (text[open] !== "{") throw new Error("the top level is not an object")
  const members: Array<Member> = []
  let i = skipWs(text, open + 1)
  if (text[i] === "}") return { open, close: i, members }
  for (;;) {
    const keyStart = i
    const keyEnd = scanString(text, keyStart)
    const key = JSON.parse(text.slice(keyStart, keyEnd)) as string
    const valueStart = skipWs(text, skipWs(text, keyEnd) + 1) // past the colon
    const valueEnd = scanValue(text, valueStart)
    members.push({ key, keyStart, keyEnd, valueStart, valueEnd })
    i = skipWs(text, valueEnd)
    if (text[i] === "}") return { open, close: i, members }
    i = skipWs(text, i + 1) // past the comma
  }
}

/** The indentation (spaces/tabs) at the start of the line holding `index`. */
const lineIndent = (text: string, index: number): string => {
  const lineStart = text.lastIndexOf("\n", index - 1) + 1
  return /^[ \t]*/.exec(text.slice(lineStart, index))?.[0] ?? ""
}

/** Hosts that wrote ASCII-only JSON (Python's default `ensure_ascii`) get escapes, as they would write. */
const asciiEscaped = (json: string) => json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)

/** `value` as JSON laid out for a member whose key starts at column `indent`. */
const render = (value: unknown, layout: { readonly multiline: boolean; readonly newline: string; readonly unit: string; readonly ascii: boolean }, indent: string): string => {
  const { multiline, newline, unit, ascii } = layout
  const json = multiline ? JSON.stringify(value, null, unit).split("\n").join(`${newline}${indent}`) : JSON.stringify(value)
  return ascii ? asciiEscaped(json) : json
}

/** JSON equality of two parsed values, key order aside. */
const sameJson = (a: unknown, b: unknown): boolean => {
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]))
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    return ka.length === kb.length && ka.every((k) => k in b && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  }
  return a === b
}

/**
 * The text with top-level `key` set to `value`, or why it cannot be done safely (the text does
 * not parse, its top level is not an object, or the result would not read back as intended).
 */
export const spliceTopLevelKey = (text: string, key: string, value: unknown): Either.Either<string, string> => {
  try {
    const before: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
    if (typeof before !== "object" || before === null || Array.isArray(before)) return Either.left("the top level is not an object")
    const layout = layoutOf(text)
    const first = layout.members[0]
    const style = {
      multiline: text.slice(layout.open, layout.close).includes("\n"),
      newline: text.includes("\r\n") ? "\r\n" : "\n",
      unit: first === undefined ? "  " : lineIndent(text, first.keyStart).slice(lineIndent(text, layout.open).length) || "  ",
      ascii: !/[\u0080-\uffff]/.test(text)
    }

    let result: string
    const existing = layout.members.filter((m) => m.key === key).at(-1)
    if (existing !== undefined) {
      const rendered = render(value, style, lineIndent(text, existing.keyStart))
      result = text.slice(0, existing.valueStart) + rendered + text.slice(existing.valueEnd)
    } else {
      const last = layout.members.at(-1)
      const keyJson = style.ascii ? asciiEscaped(JSON.stringify(key)) : JSON.stringify(key)
      if (last === undefined) {
        const indent = lineIndent(text, layout.open) + style.unit
        const member = `${keyJson}: ${render(value, style, indent)}`
        const inner = style.multiline ? `${style.newline}${indent}${member}${style.newline}${lineIndent(text, layout.open)}` : member
        result = text.slice(0, layout.open + 1) + inner + text.slice(layout.close)
      } else {
        // Copy the neighbours' layout: what separates two members, and the key from its value.
        const previous = layout.members.at(-2)
        const gap = previous === undefined ? text.slice(layout.open + 1, last.keyStart) : text.slice(text.indexOf(",", previous.valueEnd) + 1, last.keyStart)
        const colon = text.slice(last.keyEnd, last.valueStart)
        const indent = lineIndent(text, last.keyStart)
        const member = `${keyJson}${colon}${render(value, style, indent)}`
        result = `${text.slice(0, last.valueEnd)},${gap}${member}${text.slice(last.valueEnd)}`
      }
    }

    const after: unknown = JSON.parse(result.charCodeAt(0) === 0xfeff ? result.slice(1) : result)
    const expected = { ...(before as Record<string, unknown>), [key]: value }
    if (!sameJson(after, expected)) return Either.left("the edited file would not read back as intended")
    return Either.right(result)
  } catch (e) {
    return Either.left(e instanceof Error ? e.message : String(e))
  }
}
