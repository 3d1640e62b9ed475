/**
 * The two strings handed to WhisperX / faster-whisper. Whisper keeps the FIRST tokens of
 * `hotwords` and the LAST tokens of `initial_prompt`, so the most important terms go first in
 * the one and last in the other. Terms are taken heaviest first while the string still fits in
 * the token limit; a term too long to fit is skipped and lighter ones are still tried.
 *
 * Counting a whole string per candidate would be quadratic (and BPE is slow on long non-Latin
 * text), so each term's cost is its own token count with its separator, which is what it adds
 * but for merges at the joins. The assembled string is then counted exactly, and the lightest
 * terms are dropped until it fits: the limit is never exceeded.
 */
import { countTokens } from "./token-count.js"
import type { TermKind, VocabularyTerm } from "./terms.js"

/** Tokens a term adds: the term with what joins it to the string, counted alone. */
const costOf = (joined: string) => countTokens(joined)

const fitTerms = (
  terms: ReadonlyArray<VocabularyTerm>,
  limit: number,
  addCost: (kept: ReadonlyArray<VocabularyTerm>, term: VocabularyTerm) => number,
  renderSet: (kept: ReadonlyArray<VocabularyTerm>) => string
): string => {
  const kept: Array<VocabularyTerm> = []
  let estimate = 0
  for (const term of terms) {
    if (estimate >= limit) break
    const cost = addCost(kept, term)
    if (estimate + cost <= limit) {
      kept.push(term)
      estimate += cost
    }
  }
  // Exact check; `kept` is heaviest first, so the lightest go first.
  while (kept.length > 0 && countTokens(renderSet(kept)) > limit) kept.pop()
  return renderSet(kept)
}

/** Comma-separated, most important first. */
export const renderHotwords = (terms: ReadonlyArray<VocabularyTerm>, limit: number): string =>
  fitTerms(
    terms,
    limit,
    (kept, term) => costOf(kept.length === 0 ? term.text : `x, ${term.text}`) - (kept.length === 0 ? 0 : 1),
    (kept) => kept.map((t) => t.text).join(", ")
  )

/** Prompt sections, least important first so that the most important end the prompt. */
const SECTIONS: ReadonlyArray<{ readonly kind: TermKind; readonly label: string }> = [
  { kind: "lyricist", label: "Lyrics" },
  { kind: "singer", label: "Singers" },
  { kind: "composer", label: "Music" },
  { kind: "song", label: "Songs" },
  { kind: "film", label: "Film" }
]
const labelOf = (kind: TermKind) => SECTIONS.find((s) => s.kind === kind)?.label ?? kind

/**
 * A sentence-like prompt, e.g. `Lyrics: Abbas Tyrewala. Singers: Rashid Ali, Benny Dayal.
 * Music: A. R. Rahman. Songs: Kahin To Hogi Woh, Kabhi Kabhi Aditi. Film: Jaane Tu... Ya Jaane Na.`
 * Within a section, too, the heaviest term comes last.
 */
export const renderInitialPrompt = (terms: ReadonlyArray<VocabularyTerm>, limit: number): string =>
  fitTerms(
    terms,
    limit,
    (kept, term) =>
      kept.some((t) => t.kind === term.kind)
        ? costOf(`x, ${term.text}`) - 1
        : costOf(`${labelOf(term.kind)}: ${term.text}.`) + 1,
    (kept) =>
      SECTIONS.flatMap(({ kind, label }) => {
        // `kept` is heaviest first; reversed, the heaviest is last.
        const names = kept.filter((t) => t.kind === kind).map((t) => t.text).reverse()
        const last = names.at(-1)
        return last === undefined ? [] : [`${label}: ${names.join(", ")}${/[.!?]$/.test(last) ? "" : "."}`]
      }).join(" ")
  )
