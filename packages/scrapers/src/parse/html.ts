import * as cheerio from "cheerio"
import type { AnyNode, Cheerio, CheerioAPI, Element } from "cheerio"

export type { CheerioAPI }

export const loadHtml = (html: string): CheerioAPI => cheerio.load(html)

/** Non-breaking spaces to spaces, runs of white space to one, trimmed. */
export const cleanText = (s: string): string => s.replace(/\u00a0/g, " ").replace(/\s+/g, " ").trim()

/** The cleaned text of the first match, or null when there is none or it is empty. */
export const textOrNull = (el: Cheerio<AnyNode>): string | null => {
  if (el.length === 0) return null
  const text = cleanText(el.first().text())
  return text === "" ? null : text
}

/** Cleaned texts of every match, empties dropped. */
export const texts = ($: CheerioAPI, el: Cheerio<AnyNode>): Array<string> =>
  el
    .toArray()
    .map((node) => cleanText($(node).text()))
    .filter((t) => t !== "")

/** The element's own text nodes only (not its children's), cleaned. */
export const ownText = (el: Cheerio<Element>): string =>
  cleanText(
    el
      .first()
      .contents()
      .toArray()
      .filter((node) => node.type === "text")
      .map((node) => ("data" in node ? String(node.data) : ""))
      .join("")
  )

/**
 * The element's content split at `<br>`, each part cleaned, empty parts dropped. cheerio's
 * `.text()` glues the text on both sides of a `<br>` ("24<br>6:41" reads "246:41"), so the
 * child nodes are read one by one.
 */
export const brSegments = ($: CheerioAPI, el: Cheerio<AnyNode>): Array<string> => {
  const parts: Array<string> = [""]
  for (const node of el.first().contents().toArray()) {
    if (node.type === "tag" && (node as Element).tagName.toLowerCase() === "br") parts.push("")
    else parts[parts.length - 1] += node.type === "text" ? String((node as { data?: unknown }).data ?? "") : $(node).text()
  }
  return parts.map(cleanText).filter((p) => p !== "")
}

/** An absolute URL for an href found on a page of `base`; null for javascript: links and blanks. */
export const absoluteUrl = (href: string | undefined, base: string): string | null => {
  if (href === undefined || href.trim() === "" || href.startsWith("javascript:")) return null
  try {
    return new URL(href, base).toString()
  } catch {
    return null
  }
}

/** A whole number from text like "124", "124 BPM"; null when there is none. */
export const intOrNull = (s: string | null | undefined): number | null => {
  const m = s?.match(/\d+/)
  return m === null || m === undefined ? null : Number(m[0])
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12
}

const pad = (n: number): string => String(n).padStart(2, "0")

/**
 * "14 Mar 25", "2 May, 2025", "8 November, 2024" → "YYYY-MM-DD" (two-digit years are 20xx);
 * null when the text is not such a date.
 */
export const dayMonthYear = (s: string): string | null => {
  const m = cleanText(s).match(/^(\d{1,2})\s+([A-Za-z]{3,})\.?,?\s+(\d{2}|\d{4})$/)
  if (m === null) return null
  const month = MONTHS[(m[2] ?? "").slice(0, 3).toLowerCase()]
  if (month === undefined) return null
  const year = (m[3] ?? "").length === 2 ? 2000 + Number(m[3]) : Number(m[3])
  return `${year}-${pad(month)}-${pad(Number(m[1]))}`
}

/** The `YYYY-MM-DD` at the start of a text ("2025-03-14T00:00:00"); null otherwise. */
export const isoDate = (s: string | null | undefined): string | null => {
  const m = s?.match(/\d{4}-\d{2}-\d{2}/)
  return m === null || m === undefined ? null : m[0]
}
