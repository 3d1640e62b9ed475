/**
 * Label tier 1: DJ track titles often carry their label in brackets, "Velvet Static
 * [Nightglass Records]". Brackets that hold a version ("[Extended Mix]", "(Original Mix)") or a
 * credit ("(feat. X)", "(with X)", "(From 'Film')") are not labels.
 */
import { bracketGroups, withoutGroups, type BracketGroup } from "../match/brackets.js"
import { foldDiacritics, normalizeText, tokensOf } from "../match/normalize.js"
import { CREDIT_OPENERS, VERSION_WORDS } from "../match/version-words.js"

export interface TitleLabel {
  readonly candidate: string
  /** 0.70 from square brackets (the store convention for labels), 0.60 from trailing parentheses. */
  readonly confidence: number
  /** Search spellings, the candidate first: abbreviations expanded, suffixes dropped/added, "&"/"and". */
  readonly variants: ReadonlyArray<string>
}

const SQUARE_CONFIDENCE = 0.7
const PAREN_CONFIDENCE = 0.6

const tidy = (s: string): string => s.replace(/\s+/g, " ").trim()

/** Whether bracket content can be a label at all. */
const couldBeLabel = (inner: string): boolean => {
  const words = tokensOf(normalizeText(inner))
  const first = words[0]
  if (first === undefined || CREDIT_OPENERS.has(first)) return false
  // A year or a number ("(2019)", "[001]") is not a label.
  if (words.every((w) => /^\p{N}+$/u.test(w))) return false
  return !words.some((w) => VERSION_WORDS.has(w))
}

interface Found {
  readonly group: BracketGroup
  readonly confidence: number
}

/**
 * The first square-bracket group that could be a label; else the parenthesised group that ends
 * the title. Only the *trailing* parentheses count: "(...)" mid-title is usually part of it.
 */
const findLabelGroup = (title: string): Found | null => {
  const groups = bracketGroups(title)
  const square = groups.find((g) => g.open === "[" && couldBeLabel(g.inner))
  if (square !== undefined) return { group: square, confidence: SQUARE_CONFIDENCE }
  const last = groups[groups.length - 1]
  const trailing = last !== undefined && last.open === "(" && title.slice(last.end).trim() === "" ? last : undefined
  if (trailing !== undefined && couldBeLabel(trailing.inner)) return { group: trailing, confidence: PAREN_CONFIDENCE }
  return null
}

// Spelling rules for variants. Each applies to whole words, case-insensitively.
const REC_ABBREVIATION = /\b(?:Rec\.?|Recs\.?)(?=\s|$)/gi
const COMPANY_SUFFIX = /\s*,?\s+(?:Ltd\.?|Limited|Inc\.?|LLC|GmbH)$/i
const RECORDS = /\bRecords$/i
const RECORDINGS = /\bRecordings$/i
const LABEL_SUFFIX = /\s+(?:Records|Recordings|Music|Label|Rec\.?|Recs\.?)$/i

/** Search spellings of a label name, most faithful first, without case-insensitive duplicates. */
export const labelSearchVariants = (label: string): ReadonlyArray<string> => {
  const out: Array<string> = []
  const add = (v: string): void => {
    const t = tidy(v)
    if (t !== "" && !out.some((o) => o.toLowerCase() === t.toLowerCase())) out.push(t)
  }
  add(label)
  const expanded = tidy(label.replace(REC_ABBREVIATION, "Records"))
  add(expanded)
  const company = tidy(expanded.replace(COMPANY_SUFFIX, ""))
  add(company)
  if (RECORDS.test(company)) add(company.replace(RECORDS, "Recordings"))
  if (RECORDINGS.test(company)) add(company.replace(RECORDINGS, "Records"))
  const base = tidy(company.replace(LABEL_SUFFIX, ""))
  if (base !== company) add(base)
  else if (!/\bMusic\b/i.test(company)) add(`${company} Music`)
  for (const v of [...out]) {
    if (/&/.test(v)) add(v.replace(/\s*&\s*/g, " and "))
    else if (/\band\b/i.test(v)) add(v.replace(/\s+and\s+/gi, " & "))
  }
  for (const v of [...out]) add(foldDiacritics(v))
  return out
}

/**
 * The label a track title carries, if any: "Velvet Static [Nightglass Records]" →
 * `{ candidate: "Nightglass Records", confidence: 0.7, variants: [...] }`. In a nested group
 * ("Track [Label [Sub]]") the outer name is the candidate and the inner one a variant.
 */
export const parseLabelFromTitle = (title: string): TitleLabel | null => {
  const found = findLabelGroup(title)
  if (found === null) return null
  const inner = found.group.inner
  const nested = bracketGroups(inner)
  const outer = tidy(withoutGroups(inner, nested))
  const candidate = outer !== "" ? outer : tidy(nested.map((g) => g.inner).join(" "))
  if (candidate === "") return null
  const variants = [...labelSearchVariants(candidate)]
  for (const sub of nested) {
    for (const v of labelSearchVariants(tidy(sub.inner))) if (!variants.includes(v)) variants.push(v)
  }
  return { candidate, confidence: found.confidence, variants }
}

/** The title without its label group, for searching: "Velvet Static [Nightglass]" → "Velvet Static". */
export const titleWithoutLabel = (title: string): string => {
  const found = findLabelGroup(title)
  return found === null ? tidy(title) : withoutGroups(title, [found.group])
}
