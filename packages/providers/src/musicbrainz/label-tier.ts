import {
  Answer,
  artistListSimilarity,
  bracketGroups,
  decide,
  defaultMatchRule,
  isVersionWord,
  type LabelFinding,
  type LabelQuery,
  type MatchRule,
  normalizeText,
  prepareArtistList,
  prepareTrackTitle,
  type ScoredCandidate,
  type Tier,
  tokensOf,
  trackTitleSimilarity,
  withoutGroups
} from "@liner/core"
import { Effect } from "effect"
import { MusicBrainzClient, musicBrainzTierName } from "./client.js"
import { chooseLabel } from "./label-choice.js"
import { phrase } from "./lucene.js"
import { type MbRecording, MbRecordingSearch, MbReleaseBrowse } from "./schemas.js"

/**
 * The MusicBrainz label tier (DJ track → label), two requests:
 * 1. recording search `recording:"<title without brackets/version>" AND artist:"<artist>"`;
 *    each hit scored `trackTitleSimilarity × artistListSimilarity` (version words and bracketed
 *    labels weigh little; artist order and separators do not matter) and decided by core's
 *    `decide`. Recordings that are the same song (same credited artists, same title words: e.g.
 *    the radio edit and the extended mix) are merged first, keeping the best-scored one.
 * 2. ONE browse `release?recording=<id>&inc=labels&limit=100` (browse rejects
 *    `work-level-rels` with 400, so nothing else is asked), then `label-choice.ts`.
 * No artist: skipped (a title alone finds too many recordings to be precise).
 * Confidence: the match score × (0.8 + 0.2 × the share of releases agreeing on the label).
 */

export interface MusicBrainzLabelTierOptions {
  readonly rule?: MatchRule
}

const FEAT = /\s(?:feat\.?|ft\.?|featuring)\s.*$/i
const DASH = /\s+[-–—]\s+/

/** The title words worth searching: no brackets, no "feat.", no trailing "- Extended Mix". */
export const searchableTitle = (title: string): string => {
  const segments = withoutGroups(title, bracketGroups(title)).replace(FEAT, "").split(DASH)
  const last = segments.length > 1 ? tokensOf(normalizeText(segments.at(-1) ?? "")) : []
  if (last.some(isVersionWord)) segments.pop()
  const text = segments.join(" - ").trim()
  return text === "" ? title.trim() : text
}

const creditText = (r: MbRecording): string => r["artist-credit"].map((c) => c.name + c.joinphrase).join("")

/** Same credited artists and the same title words: one song, whatever its version. */
const songKey = (r: MbRecording): string =>
  `${[...new Set(r["artist-credit"].map((c) => c.artist.id))].sort().join(",")}|${prepareTrackTitle(r.title).core.key}`

const mergeSameSong = (scored: ReadonlyArray<ScoredCandidate<MbRecording>>): ReadonlyArray<ScoredCandidate<MbRecording>> => {
  const best = new Map<string, ScoredCandidate<MbRecording>>()
  for (const s of scored) {
    const key = songKey(s.candidate)
    const kept = best.get(key)
    if (kept === undefined || s.score > kept.score || (s.score === kept.score && s.candidate.releases.length > kept.candidate.releases.length)) {
      best.set(key, s)
    }
  }
  return [...best.values()]
}

export const makeMusicBrainzLabelTier = (options: MusicBrainzLabelTierOptions = {}): Tier<LabelQuery, LabelFinding, MusicBrainzClient> => {
  const rule = options.rule ?? defaultMatchRule
  return {
    name: musicBrainzTierName,
    risk: "api",
    lookup: (query) =>
      Effect.gen(function* () {
        const client = yield* MusicBrainzClient
        if (!client.settings.enabled) return Answer.skipped("turned off (USE_MUSICBRAINZ=false)")
        const artist = query.artist?.trim() ?? ""
        if (artist === "") return Answer.skipped("no artist to search musicbrainz with")
        const search = yield* client.get(
          "recording",
          { query: `${phrase("recording", searchableTitle(query.title))} AND ${phrase("artist", artist)}`, limit: "25" },
          MbRecordingSearch
        )
        const askedTitle = prepareTrackTitle(query.title)
        const askedArtists = prepareArtistList(artist)
        const scored = search.recordings.map((r) => ({
          candidate: r,
          score: trackTitleSimilarity(askedTitle, r.title) * artistListSimilarity(askedArtists, creditText(r)),
          label: `${creditText(r)} – ${r.title} [${r.id}]`
        }))
        const decision = decide(mergeSameSong(scored), rule)
        if (decision._tag === "NoMatch") {
          return Answer.notFound(
            decision.best === undefined
              ? `no recording "${query.title}" by ${artist}`
              : `no recording close enough (best: ${decision.best.label}, ${decision.best.score.toFixed(2)})`
          )
        }
        if (decision._tag === "Ambiguous") return Answer.ambiguous(decision.candidates)
        const recording = decision.candidate
        const browse = yield* client.get("release", { recording: recording.id, inc: "labels", limit: "100" }, MbReleaseBrowse)
        const labels = chooseLabel(browse.releases)
        if (labels._tag === "None") return Answer.notFound(`no label on the releases of recording ${recording.id}`)
        if (labels._tag === "Ambiguous") {
          return Answer.ambiguous(
            labels.labels.map((label) => ({ label, score: decision.score })),
            `first released the same day on different labels: ${labels.labels.join(", ")}`
          )
        }
        const finding: LabelFinding = {
          label: labels.choice.label,
          catalogNumber: labels.choice.catalogNumber,
          evidence: {
            url: `${client.settings.baseUrl}/recording/${recording.id}`,
            matchedTitle: recording.title,
            matchedArtists: recording["artist-credit"].map((c) => c.name),
            score: Math.round(decision.score * 1000) / 1000
          }
        }
        const confidence = decision.score * (0.8 + 0.2 * labels.choice.agreement)
        return Answer.found(finding, "search", Math.round(confidence * 1000) / 1000)
      }).pipe(Effect.catchTag("MusicBrainzNotFound", (missing) => Effect.succeed(Answer.notFound(`musicbrainz has no ${missing.path}`))))
  }
}

/** The tier with core's default match rule. */
export const musicBrainzLabelTier: Tier<LabelQuery, LabelFinding, MusicBrainzClient> = makeMusicBrainzLabelTier()
