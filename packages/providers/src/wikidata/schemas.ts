import { Schema } from "effect"
import { listField, optionalField } from "../songstats/tolerant.js"

/**
 * The SPARQL 1.1 Query Results JSON Format as the Wikidata Query Service sends it
 * (`application/sparql-results+json`): `{head: {vars}, results: {bindings: [{var: term}]}}`,
 * where a term is `{type: "uri"|"literal"|"bnode", value, "xml:lang"?, datatype?}` and a variable
 * left unbound by an OPTIONAL is simply absent from its binding. Read tolerantly: a binding or a
 * term that cannot be read is left out, never the whole answer.
 */

export const SparqlTerm = Schema.Struct({
  type: Schema.String,
  value: Schema.String,
  "xml:lang": optionalField(Schema.String),
  datatype: optionalField(Schema.String)
})
export type SparqlTerm = typeof SparqlTerm.Type

export const SparqlBinding = Schema.Record({ key: Schema.String, value: SparqlTerm })
export type SparqlBinding = typeof SparqlBinding.Type

export const SparqlResults = Schema.Struct({
  head: Schema.Struct({ vars: listField(Schema.String) }),
  results: Schema.Struct({ bindings: listField(SparqlBinding) })
})
export type SparqlResults = typeof SparqlResults.Type

/** A soundtrack album of the film (P406) with the MusicBrainz release-group ids it carries (P436). */
export const WikidataAlbum = Schema.Struct({
  item: Schema.String,
  label: Schema.NullOr(Schema.String),
  releaseGroupIds: Schema.Array(Schema.String)
})
export type WikidataAlbum = typeof WikidataAlbum.Type

/**
 * What Liner keeps of a film's Wikidata item: the answer the store caches (wikidata-cache.ts).
 * `composers` (P86) and `lyricists` (P676) are English labels (see `query.ts` for the fallbacks).
 */
export const WikidataFilm = Schema.Struct({
  item: Schema.String,
  label: Schema.NullOr(Schema.String),
  albums: Schema.Array(WikidataAlbum),
  composers: Schema.Array(Schema.String),
  lyricists: Schema.Array(Schema.String)
})
export type WikidataFilm = typeof WikidataFilm.Type
