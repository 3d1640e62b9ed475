/**
 * A loose reading of the Lucene queries MusicBrainz search takes, enough for a fake:
 * `field:"a phrase"`, `field:term`, `field:[a TO b]`, bare terms/phrases, joined by AND/OR
 * (every clause is treated as required, which is what Liner's queries mean). Backslash escapes
 * inside user text are undone.
 */

export interface Clause {
  /** Lower-case field name; "" for the default field. */
  readonly field: string
  readonly value: string
  /** For `[a TO b]` ranges. */
  readonly range?: readonly [string, string]
}

const unescape = (s: string): string => s.replace(/\\(.)/g, "$1")

export const parseLucene = (query: string): ReadonlyArray<Clause> => {
  const clauses: Array<Clause> = []
  let i = 0
  const n = query.length
  const skipSpace = () => {
    while (i < n && /\s/.test(query[i]!)) i++
  }
  const readValue = (): { value: string; range?: readonly [string, string] } => {
    if (query[i] === '"') {
      i++
      let out = ""
      while (i < n && query[i] !== '"') {
        if (query[i] === "\\" && i + 1 < n) {
          out += query[i + 1]
          i += 2
        } else out += query[i++]
      }
      i++
      return { value: out }
    }
    if (query[i] === "[" || query[i] === "{") {
      const end = query.indexOf(query[i] === "[" ? "]" : "}", i)
      const inner = query.slice(i + 1, end === -1 ? n : end)
      i = end === -1 ? n : end + 1
      const [from = "", to = ""] = inner.split(/\s+TO\s+/)
      return { value: inner, range: [from.trim(), to.trim()] }
    }
    let out = ""
    while (i < n && !/[\s)]/.test(query[i]!)) {
      if (query[i] === "\\" && i + 1 < n) {
        out += query.slice(i, i + 2)
        i += 2
      } else out += query[i++]
    }
    return { value: unescape(out) }
  }
  while (i < n) {
    skipSpace()
    if (i >= n) break
    if (query[i] === "(" || query[i] === ")") {
      i++
      continue
    }
    const rest = query.slice(i)
    const op = /^(AND|OR|NOT|&&|\|\|)(\s|$)/.exec(rest)
    if (op !== null) {
      i += op[1]!.length
      continue
    }
    const field = /^([A-Za-z][\w-]*):/.exec(rest)
    if (field !== null) {
      i += field[0].length
      const v = readValue()
      clauses.push({ field: field[1]!.toLowerCase(), ...v })
    } else {
      const v = readValue()
      if (v.value !== "") clauses.push({ field: "", ...v })
    }
  }
  return clauses
}

/** Lower-case words without punctuation or Latin diacritics. */
export const words = (s: string): ReadonlyArray<string> =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "")

const closeWords = (a: string, b: string): boolean => {
  if (a === b) return true
  if (Math.abs(a.length - b.length) > 1 || a.length < 4) return false
  // One edit apart (Lucene's default fuzziness is larger; this is enough for a fake).
  let i = 0
  let j = 0
  let edits = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++
      j++
      continue
    }
    if (++edits > 1) return false
    if (a.length > b.length) i++
    else if (b.length > a.length) j++
    else {
      i++
      j++
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1
}

/**
 * How well a text answers a phrase, 0..1: the share of the phrase's words found (exactly or one
 * edit away), damped by the text's extra words, so "Dil Se" beats "Dil Se Remixes" but both hit.
 */
export const fuzzyScore = (phrase: string, text: string): number => {
  const q = words(phrase)
  const t = words(text)
  if (q.length === 0 || t.length === 0) return 0
  const found = q.filter((w) => t.some((x) => closeWords(w, x))).length
  if (found === 0) return 0
  const recall = found / q.length
  const precision = found / t.length
  return recall * (0.6 + 0.4 * precision)
}
