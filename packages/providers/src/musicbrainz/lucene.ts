/**
 * Building MusicBrainz search queries (Lucene syntax) from user text. Every Lucene special
 * (`+ - && || ! ( ) { } [ ] ^ " ~ * ? : \ /`) in the text is escaped, so a title such as
 * `Jaane Tu... Ya Jaane Na!` or `AC/DC: Live` is searched as words, never as syntax.
 */

const SPECIALS = /(&&|\|\||[+\-!(){}[\]^"~*?:\\/])/g

export const escapeLucene = (text: string): string => text.replace(SPECIALS, (m) => m.split("").map((c) => `\\${c}`).join(""))

/** `field:"escaped text"` (whitespace collapsed). */
export const phrase = (field: string, text: string): string => `${field}:"${escapeLucene(text.replace(/\s+/g, " ").trim())}"`
