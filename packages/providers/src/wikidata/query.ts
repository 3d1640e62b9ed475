import type { SparqlBinding, SparqlResults, WikidataFilm } from "./schemas.js"

/**
 * The one SPARQL query Liner sends per film, and how its rows become a `WikidataFilm`.
 *
 * From the IMDb id (P345) to the film's item; its soundtrack albums (P406 "soundtrack release")
 * and their MusicBrainz release-group ids (P436); its composers (P86) and lyricists (P676).
 * Every OPTIONAL multiplies the rows (albums × composers × lyricists): the answer is a handful
 * of rows, folded here. Labels come from the label service in English first, then the
 * language-independent `mul` label, then other English variants and Hindi; an entity without
 * any label in them gets its Q-id as label, which is read as no label at all.
 */

/** An IMDb title id; anything else never reaches a query (no injection through the id). */
export const isImdbTitleId = (id: string): boolean => /^tt\d{7,10}$/.test(id)

export const labelLanguages = "en,mul,en-gb,en-in,en-us,hi"

export const filmQuery = (imdbId: string): string => {
  if (!isImdbTitleId(imdbId)) throw new Error(`not an IMDb title id: ${JSON.stringify(imdbId)}`)
  return `SELECT ?film ?filmLabel ?album ?albumLabel ?releaseGroup ?composer ?composerLabel ?lyricist ?lyricistLabel WHERE {
  ?film wdt:P345 "${imdbId}" .
  OPTIONAL { ?film wdt:P406 ?album . OPTIONAL { ?album wdt:P436 ?releaseGroup . } }
  OPTIONAL { ?film wdt:P86 ?composer . }
  OPTIONAL { ?film wdt:P676 ?lyricist . }
  SERVICE wikibase:label { bd:serviceParam wikibase:language "${labelLanguages}" . }
}`
}

const entityPrefix = /^https?:\/\/www\.wikidata\.org\/entity\//
const qid = (term: { readonly type: string; readonly value: string } | undefined): string | undefined =>
  term !== undefined && term.type === "uri" && entityPrefix.test(term.value) ? term.value.replace(entityPrefix, "") : undefined

/** A label, unless the label service fell back to the Q-id (no label in any language asked). */
const labelOf = (binding: SparqlBinding, name: string): string | undefined => {
  const value = binding[name]?.value.trim()
  return value === undefined || value === "" || /^Q\d+$/.test(value) ? undefined : value
}

const mbid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const pushOnce = (list: Array<string>, value: string | undefined) => {
  if (value !== undefined && !list.some((v) => v.toLowerCase() === value.toLowerCase())) list.push(value)
}

/**
 * The film in the rows, or undefined when no item has this IMDb id. Two items with the same id
 * (a duplicate not merged yet) are read as one film: the lowest Q-number names it.
 */
export const filmOf = (results: SparqlResults): WikidataFilm | undefined => {
  const films = new Map<string, string | undefined>()
  const albums = new Map<string, { label: string | undefined; releaseGroupIds: Array<string> }>()
  const composers: Array<string> = []
  const lyricists: Array<string> = []
  for (const binding of results.results.bindings) {
    const film = qid(binding["film"])
    if (film === undefined) continue
    if (!films.has(film) || films.get(film) === undefined) films.set(film, labelOf(binding, "filmLabel"))
    const album = qid(binding["album"])
    if (album !== undefined) {
      const entry = albums.get(album) ?? { label: labelOf(binding, "albumLabel"), releaseGroupIds: [] }
      albums.set(album, entry)
      const group = binding["releaseGroup"]?.value.trim().toLowerCase()
      if (group !== undefined && mbid.test(group) && !entry.releaseGroupIds.includes(group)) entry.releaseGroupIds.push(group)
    }
    if (qid(binding["composer"]) !== undefined) pushOnce(composers, labelOf(binding, "composerLabel"))
    if (qid(binding["lyricist"]) !== undefined) pushOnce(lyricists, labelOf(binding, "lyricistLabel"))
  }
  const byNumber = (a: string, b: string) => Number(a.slice(1)) - Number(b.slice(1))
  const item = [...films.keys()].sort(byNumber)[0]
  if (item === undefined) return undefined
  return {
    item,
    label: films.get(item) ?? null,
    albums: [...albums.entries()]
      .sort(([a], [b]) => byNumber(a, b))
      .map(([id, album]) => ({ item: id, label: album.label ?? null, releaseGroupIds: album.releaseGroupIds })),
    composers,
    lyricists
  }
}

/** Every release-group id the film's albums carry, each once, in album order. */
export const releaseGroupIdsOf = (film: WikidataFilm): ReadonlyArray<string> => [...new Set(film.albums.flatMap((a) => a.releaseGroupIds))]
