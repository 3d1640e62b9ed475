/**
 * Words that describe a *version* of a DJ track (or a credit), never its title or its label:
 * "(Original Mix)", "[Extended Mix]", "(feat. X)", "- Radio Edit". Normalised spelling
 * (see `normalizeText`), so "ft." is the word "ft" and "Kft." the unrelated word "kft".
 */
export const VERSION_WORDS: ReadonlySet<string> = new Set([
  // The list every tool agrees on.
  "mix", "edit", "version", "remix", "original", "radio", "extended", "club", "dub", "instrumental",
  "acapella", "clean", "explicit", "feat", "ft", "vs", "mashup",
  // Their plurals and spellings.
  "mixes", "edits", "versions", "remixes", "remixed", "rmx", "featuring", "acappella", "cappella", "mashups",
  // Other version descriptors: precision first, a bracket with these is not a label.
  "bootleg", "rework", "vip", "reprise", "interlude", "intro", "outro", "live", "acoustic", "unplugged",
  "demo", "remaster", "remastered", "mono", "stereo", "prod", "part", "pt"
])

/** Words that, opening a bracket, make it a credit or a reference, not a label: "(with X)", "(From 'Film')". */
export const CREDIT_OPENERS: ReadonlySet<string> = new Set(["with", "from"])

export const isVersionWord = (normalizedWord: string): boolean => VERSION_WORDS.has(normalizedWord)
