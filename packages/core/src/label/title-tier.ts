/**
 * Label tier 1: the label written in the track's own title, "Velvet Static [Nightglass Records]".
 * No I/O: it is the cheapest tier and always runs first.
 */
import { Effect } from "effect"
import type { LabelFinding, LabelQuery } from "../domain/label.js"
import { Answer, type Tier } from "../tier/tier.js"
import { parseLabelFromTitle } from "./title-label.js"

export const titleTierName = "title"

/** `matchedBy` of a title answer: which bracket the label came from (0.70 square, 0.60 trailing round). */
export type TitleMatch = "square_brackets" | "trailing_parentheses"

/** The label a title carries, as a tier answer; the title's own words are the evidence. */
export const labelFromTitle = (query: LabelQuery): Answer<LabelFinding> => {
  const parsed = parseLabelFromTitle(query.title)
  if (parsed === null) return Answer.notFound("no label in the title")
  const matchedBy: TitleMatch = parsed.confidence >= 0.7 ? "square_brackets" : "trailing_parentheses"
  return Answer.found<LabelFinding>(
    { label: parsed.candidate, catalogNumber: null, evidence: { matchedTitle: query.title } },
    matchedBy,
    parsed.confidence
  )
}

export const titleTier: Tier<LabelQuery, LabelFinding> = {
  name: titleTierName,
  risk: "local",
  lookup: (query) => Effect.sync(() => labelFromTitle(query))
}
