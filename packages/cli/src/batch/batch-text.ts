/**
 * A batch file's bytes as text, or why they are not text: a binary file (NUL bytes) or bytes that
 * are not UTF-8 would otherwise be looked up line by line as garbage titles.
 */
export const batchText = (bytes: Uint8Array): { readonly text: string } | { readonly refused: string } => {
  if (bytes.includes(0)) return { refused: "is not a text file (it holds NUL bytes)" }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) }
  } catch {
    return { refused: "is not UTF-8 text" }
  }
}
