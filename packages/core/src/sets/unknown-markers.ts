/**
 * The words a tracklist uses for "nobody knows yet" (contracts/identify.md): an artist `ID`,
 * `Unknown`, `Unknown Artist` or empty; a title `ID` or empty. Compared after normalisation, so
 * "id", "UNKNOWN ARTIST" and "Unknown-Artist" are markers too.
 */
import { normalizeText } from "../match/normalize.js"
import { prepareArtistList } from "../match/track-title.js"
import { trackKey } from "../store/label-knowledge.js"

const UNKNOWN_ARTIST_WORDS: ReadonlySet<string> = new Set(["", "id", "unknown", "unknown artist"])
const UNKNOWN_TITLE_WORDS: ReadonlySet<string> = new Set(["", "id"])
// Not in the contract for labels, but tracklists write promos' labels the same way.
const UNKNOWN_LABEL_WORDS: ReadonlySet<string> = new Set(["", "id", "unknown"])

/**
 * Whether a credit names nobody known: it is empty or a marker, or every artist it lists is
 * ("ID & ID", "ID feat. ID"). "A & ID" names A: known, with an unknown collaborator.
 */
export const isUnknownArtist = (credit: string): boolean => {
  if (UNKNOWN_ARTIST_WORDS.has(normalizeText(credit))) return true
  return prepareArtistList(credit).names.every((name) => UNKNOWN_ARTIST_WORDS.has(normalizeText(name.original)))
}

/** Whether a title is unknown: `ID` or empty, also with a version ("ID (Extended Mix)"). */
export const isUnknownTitle = (title: string): boolean => UNKNOWN_TITLE_WORDS.has(trackKey(title))

/** Whether a label cell says nothing: empty, `ID` or `Unknown`. */
export const isUnknownLabel = (label: string): boolean => UNKNOWN_LABEL_WORDS.has(normalizeText(label))
