/**
 * How the fake search APIs (Spotify, Discogs) compare titles: like the real ones, ignoring case,
 * apostrophes and punctuation. Close enough for the fakes' small catalogues.
 */
export const searchText = (s: string): string =>
  s
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
