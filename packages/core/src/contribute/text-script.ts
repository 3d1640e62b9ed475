/**
 * The script the release's titles are written in, as ISO 15924 codes the release editor takes
 * (`script`): only when every letter of every title is of one script; otherwise none (unknown).
 */
const scripts: ReadonlyArray<readonly [code: string, letters: RegExp]> = [
  ["Latn", /\p{Script=Latin}/u],
  ["Deva", /\p{Script=Devanagari}/u],
  ["Beng", /\p{Script=Bengali}/u],
  ["Guru", /\p{Script=Gurmukhi}/u],
  ["Gujr", /\p{Script=Gujarati}/u],
  ["Orya", /\p{Script=Oriya}/u],
  ["Taml", /\p{Script=Tamil}/u],
  ["Telu", /\p{Script=Telugu}/u],
  ["Knda", /\p{Script=Kannada}/u],
  ["Mlym", /\p{Script=Malayalam}/u],
  ["Arab", /\p{Script=Arabic}/u],
  ["Cyrl", /\p{Script=Cyrillic}/u]
]

/** The one script of all these texts' letters, or null when there are none, several or another. */
export const scriptOfTexts = (texts: ReadonlyArray<string>): string | null => {
  let found: string | null = null
  for (const text of texts)
    for (const char of text.match(/\p{L}/gu) ?? []) {
      const code = scripts.find(([, letters]) => letters.test(char))?.[0]
      if (code === undefined || (found !== null && found !== code)) return null
      found = code
    }
  return found
}
