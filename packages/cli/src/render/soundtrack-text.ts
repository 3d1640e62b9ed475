import type { Attempt, SoundtrackResult } from "@liner/core"
import { formatDuration, renderTable } from "./table.js"

const filmLabel = (query: SoundtrackResult["query"]): string =>
  [query.title ?? query.imdbId ?? "?", query.year === null ? "" : `(${query.year})`, query.title !== null && query.imdbId !== null ? query.imdbId : ""]
    .filter((part) => part !== "")
    .join(" ")

const attemptLine = (a: Attempt): string => {
  const extras = [a.requests === undefined ? "" : `${a.requests} request${a.requests === 1 ? "" : "s"}`, a.durationMs >= 1 ? `${Math.round(a.durationMs)} ms` : "", a.detail ?? ""]
    .filter((x) => x !== "")
    .join(", ")
  return `  ${a.tier}: ${a.outcome.replace("_", " ")}${extras === "" ? "" : ` (${extras})`}`
}

/** The human form of a soundtrack answer. */
export const renderSoundtrack = (result: SoundtrackResult): string => {
  const lines: Array<string> = []
  if (result.status !== "found" || result.album === null) {
    lines.push(
      result.status === "unavailable"
        ? `${filmLabel(result.query)}: unavailable — a source that might know it failed; try again later.`
        : `${filmLabel(result.query)}: no soundtrack found.`
    )
  } else {
    const how = [result.source, result.matchedBy === null ? "" : `matched by ${result.matchedBy}`, result.confidence === null ? "" : `confidence ${result.confidence}`]
      .filter((x) => x !== null && x !== "")
      .join(", ")
    lines.push(`${filmLabel(result.query)} — ${result.album.title}${result.stale ? " (stale: sources failed, earlier answer)" : ""}`)
    const facts = [result.album.releaseDate, result.album.label, `via ${how}`].filter((x) => x !== null && x !== "")
    lines.push(facts.join(" · "), "")
    lines.push(
      renderTable(
        ["#", "Title", "Singers", "Composer", "Lyricist", "Length"],
        result.tracks.map((t) => [String(t.position), t.title, t.artists.join(", "), t.composers.join(", "), t.lyricists.join(", "), formatDuration(t.durationMs)])
      )
    )
    if (result.alternatives.length > 0) lines.push("", `Other albums of the film: ${result.alternatives.map((a) => a.title).join("; ")}`)
  }
  lines.push("", "Tiers:", ...result.attempts.map(attemptLine))
  return lines.join("\n")
}
