/**
 * The columns a comparison-level condition or a blocking rule refers to, and whether a level is an
 * exact match: what splink learns by parsing the SQL with sqlglot (parse_sql.py,
 * comparison_level.py `_is_exact_match`). We never evaluate SQL here (DuckDB does); we only read
 * identifiers, so a light scanner is enough. Names are compared case-insensitively, as DuckDB does.
 */

const IDENTIFIER = String.raw`(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))`

/** String literals hold no column names ('^[^@]+' would otherwise look like SQL). */
const withoutStringLiterals = (sql: string): string => sql.replace(/'(?:[^']|'')*'/g, "''")

const identifierName = (quoted: string | undefined, bare: string | undefined): string =>
  quoted !== undefined ? quoted.replace(/""/g, '"') : bare!

const dedupe = (names: ReadonlyArray<string>): Array<string> => [...new Set(names)]

/**
 * Input columns a level condition uses: every identifier ending in `_l` / `_r`, without that
 * suffix, lower-cased (`jaro_winkler_similarity("first_name_l", …)` → `first_name`).
 */
export const conditionColumns = (condition: string): Array<string> => {
  if (condition.trim().toUpperCase() === "ELSE") return []
  const names: Array<string> = []
  const pattern = new RegExp(`${IDENTIFIER}(\\s*\\()?`, "g")
  for (const match of withoutStringLiterals(condition).matchAll(pattern)) {
    if (match[3] !== undefined && match[1] === undefined) continue // a function name
    const name = identifierName(match[1], match[2])
    if (/_[lr]$/i.test(name) && name.length > 2) names.push(name.slice(0, -2).toLowerCase())
  }
  return dedupe(names)
}

/** Input columns a blocking rule uses: its `l.col` / `r."col"` references, lower-cased. */
export const blockingRuleColumns = (rule: string): Array<string> => {
  const pattern = new RegExp(String.raw`(?<![A-Za-z0-9_$."])[lr]\s*\.\s*${IDENTIFIER}`, "g")
  const names: Array<string> = []
  for (const match of withoutStringLiterals(rule).matchAll(pattern)) {
    names.push(identifierName(match[1], match[2]).toLowerCase())
  }
  return dedupe(names)
}

/** `((x))` → `x`, only when the outer parentheses enclose the whole expression. */
const stripEnclosingParentheses = (sql: string): string => {
  let text = sql.trim()
  while (text.startsWith("(") && text.endsWith(")")) {
    let depth = 0
    let enclosesAll = true
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]
      if (ch === "(") depth++
      else if (ch === ")") depth--
      if (depth === 0 && i < text.length - 1) {
        enclosesAll = false
        break
      }
    }
    if (!enclosesAll) break
    text = text.slice(1, -1).trim()
  }
  return text
}

/** Split on AND at parenthesis depth 0 (string literals are already blanked, quotes are kept). */
const topLevelConjuncts = (sql: string): Array<string> => {
  const parts: Array<string> = []
  let depth = 0
  let inQuotes = false
  let start = 0
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]
    if (ch === '"') inQuotes = !inQuotes
    if (inQuotes) continue
    if (ch === "(") depth++
    else if (ch === ")") depth--
    else if (depth === 0 && /^and\b/i.test(sql.slice(i, i + 4)) && (i === 0 || /[\s)]/.test(sql[i - 1]!))) {
      parts.push(sql.slice(start, i))
      start = i + 3
      i += 2
    }
  }
  parts.push(sql.slice(start))
  return parts.map(stripEnclosingParentheses)
}

const EQUALITY = new RegExp(String.raw`^${IDENTIFIER}\s*=\s*${IDENTIFIER}$`)

/**
 * The columns of an exact-match level (`"first_name_l" = "first_name_r"`, or several such
 * equalities joined by AND), lower-cased; undefined when the condition is anything else.
 */
export const exactMatchColumns = (condition: string): Array<string> | undefined => {
  if (condition.trim().toUpperCase() === "ELSE") return undefined
  const columns: Array<string> = []
  for (const conjunct of topLevelConjuncts(stripEnclosingParentheses(withoutStringLiterals(condition)))) {
    const match = EQUALITY.exec(conjunct)
    if (match === null) return undefined
    const left = identifierName(match[1], match[2]).toLowerCase()
    const right = identifierName(match[3], match[4]).toLowerCase()
    if (left.length <= 2 || left.slice(0, -2) !== right.slice(0, -2)) return undefined
    columns.push(left.slice(0, -2))
  }
  return dedupe(columns)
}
