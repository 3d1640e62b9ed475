/**
 * Top-level bracket groups of a title, nesting-aware: in "Track [Label [Sub]] (Mix)" the groups
 * are "[Label [Sub]]" and "(Mix)". Unclosed or mismatched brackets are ignored.
 */

export interface BracketGroup {
  readonly open: "(" | "[" | "{"
  /** Index of the opening bracket. */
  readonly start: number
  /** Index just after the closing bracket. */
  readonly end: number
  /** The text between the brackets, inner brackets included. */
  readonly inner: string
}

const CLOSER: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}" }

export const bracketGroups = (text: string): ReadonlyArray<BracketGroup> => {
  const groups: Array<BracketGroup> = []
  const stack: Array<{ readonly open: BracketGroup["open"]; readonly start: number }> = []
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i)
    if (c === "(" || c === "[" || c === "{") {
      stack.push({ open: c, start: i })
      continue
    }
    if (c !== ")" && c !== "]" && c !== "}") continue
    const top = stack[stack.length - 1]
    // A stray or mismatched closer is text, not structure.
    if (top === undefined || CLOSER[top.open] !== c) continue
    stack.pop()
    if (stack.length === 0) groups.push({ open: top.open, start: top.start, end: i + 1, inner: text.slice(top.start + 1, i) })
  }
  return groups
}

/** The text with the given groups cut out and the spacing tidied. */
export const withoutGroups = (text: string, groups: ReadonlyArray<BracketGroup>): string => {
  let out = ""
  let from = 0
  for (const g of [...groups].sort((a, b) => a.start - b.start)) {
    out += text.slice(from, g.start) + " "
    from = g.end
  }
  return (out + text.slice(from)).replace(/\s+/g, " ").trim()
}
