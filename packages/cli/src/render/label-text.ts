import type { Attempt, LabelResult } from "@liner/core"

const trackName = (query: LabelResult["query"]): string => (query.artist === null ? `"${query.title}"` : `${query.artist} – "${query.title}"`)

const attemptLine = (a: Attempt): string => {
  const extras = [a.requests === undefined ? "" : `${a.requests} request${a.requests === 1 ? "" : "s"}`, a.durationMs >= 1 ? `${Math.round(a.durationMs)} ms` : "", a.detail ?? ""]
    .filter((x) => x !== "")
    .join(", ")
  return `  ${a.tier}: ${a.outcome.replace("_", " ")}${extras === "" ? "" : ` (${extras})`}`
}

const evidenceLines = (evidence: LabelResult["evidence"]): Array<string> => {
  const matched = [
    evidence.matchedArtists === undefined || evidence.matchedArtists.length === 0 ? "" : evidence.matchedArtists.join(", "),
    evidence.matchedTitle === undefined ? "" : `"${evidence.matchedTitle}"`
  ]
    .filter((x) => x !== "")
    .join(" – ")
  return [
    matched === "" ? "" : `Matched: ${matched}${evidence.score === undefined ? "" : ` (score ${evidence.score})`}`,
    evidence.url === undefined ? "" : `Evidence: ${evidence.url}`
  ].filter((x) => x !== "")
}

/** The one line that says what happened to a track, for people. */
export const labelHeadline = (result: LabelResult): string => {
  const track = trackName(result.query)
  switch (result.status) {
    case "found":
      return `${track}: ${result.label ?? "?"}${result.catalogNumber === null ? "" : ` [${result.catalogNumber}]`}`
    case "skipped":
      return `${track}: already carries the label ${result.label ?? "?"} (--force looks it up anyway)`
    case "not_found":
      return `${track}: no label found.`
    case "blocked":
      return `${track}: blocked — a store answered with a bot check; try again later.`
    case "unavailable":
      return `${track}: unavailable — a source that might know it failed; try again later.`
  }
}

/** The human form of a label answer. */
export const renderLabel = (result: LabelResult): string => {
  const lines = [labelHeadline(result)]
  if (result.status === "found") {
    const how = [result.source === null ? "" : `via ${result.source}`, result.confidence === null ? "" : `confidence ${result.confidence}`].filter((x) => x !== "")
    if (how.length > 0) lines.push(how.join(", "))
    lines.push(...evidenceLines(result.evidence))
  }
  if (result.attempts.length > 0) lines.push("", "Tiers:", ...result.attempts.map(attemptLine))
  return lines.join("\n")
}

/** One line per track of a batch, for people: status, source, label, track. */
export const labelBatchLine = (result: LabelResult): string =>
  `${result.status.padEnd(11)} ${(result.source ?? "-").padEnd(12)} ${result.label ?? "-"}\t${trackName(result.query)}`
