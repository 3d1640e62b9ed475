/**
 * Token counting for Whisper's prompt limits. Whisper keeps at most 223 tokens of a prompt
 * (`max_length // 2 - 1` in faster-whisper): the first 223 of `hotwords`, the last 223 of
 * `initial_prompt`. Its English tokenizer is GPT-2's byte-level BPE, so we count with
 * js-tiktoken's `gpt2` encoding, on the text as faster-whisper encodes it (`" " + text.strip()`).
 *
 * Multilingual models use a different (larger) vocabulary, on which a Latin or Indic string may
 * split differently. We therefore fill only 90 % of the budget (`SAFETY_MARGIN`): a 223-token
 * budget admits 200 GPT-2 tokens, room for a tenth more tokens under another vocabulary.
 */
// The lite entry and one rank file: the full package carries every OpenAI encoding (5 MB).
import { Tiktoken } from "js-tiktoken/lite"
import gpt2 from "js-tiktoken/ranks/gpt2"

export const TOKENIZER_NAME = "gpt2"
export const DEFAULT_TOKEN_BUDGET = 223
export const SAFETY_MARGIN = 0.9

let encoding: Tiktoken | undefined

/** GPT-2 tokens of `text` as Whisper would be given it (leading space, outer blanks trimmed). */
export const countTokens = (text: string): number => {
  const trimmed = text.trim()
  if (trimmed === "") return 0
  encoding ??= new Tiktoken(gpt2)
  return encoding.encode(` ${trimmed}`).length
}

/** How many GPT-2 tokens a string may use under `budget`, after the safety margin. */
export const usableTokens = (budget: number): number => Math.floor(budget * SAFETY_MARGIN)
