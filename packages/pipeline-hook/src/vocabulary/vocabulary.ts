/**
 * `vocabulary.json` (contracts/pipeline-job.md): the soundtrack's terms and the strings to pass
 * to WhisperX / faster-whisper as `--hotwords` and `--initial_prompt`, each within the budget.
 */
import type { Track } from "@liner/core"
import { Schema } from "effect"
import { renderHotwords, renderInitialPrompt } from "./render.js"
import { collectTerms } from "./terms.js"
import { countTokens, TOKENIZER_NAME, usableTokens } from "./token-count.js"

export const VocabularyTermSchema = Schema.Struct({
  text: Schema.String,
  kind: Schema.Literal("song", "singer", "composer", "lyricist", "film"),
  weight: Schema.Number
})

export const Vocabulary = Schema.Struct({
  terms: Schema.Array(VocabularyTermSchema),
  hotwords: Schema.String,
  initialPrompt: Schema.String,
  tokenBudget: Schema.Number,
  tokens: Schema.Struct({ hotwords: Schema.Number, initialPrompt: Schema.Number }),
  tokenizer: Schema.String
})
export type Vocabulary = typeof Vocabulary.Type

/** The vocabulary of a film's soundtrack, fitted to `tokenBudget` Whisper tokens. */
export const buildVocabulary = (filmTitle: string | null, tracks: ReadonlyArray<Track>, tokenBudget: number): Vocabulary => {
  const terms = collectTerms(filmTitle, tracks)
  const limit = usableTokens(tokenBudget)
  const hotwords = renderHotwords(terms, limit)
  const initialPrompt = renderInitialPrompt(terms, limit)
  return {
    terms,
    hotwords,
    initialPrompt,
    tokenBudget,
    tokens: { hotwords: countTokens(hotwords), initialPrompt: countTokens(initialPrompt) },
    tokenizer: TOKENIZER_NAME
  }
}

/** A valid vocabulary with nothing in it (no soundtrack, or the sources were unavailable). */
export const emptyVocabulary = (tokenBudget: number): Vocabulary => ({
  terms: [],
  hotwords: "",
  initialPrompt: "",
  tokenBudget,
  tokens: { hotwords: 0, initialPrompt: 0 },
  tokenizer: TOKENIZER_NAME
})
