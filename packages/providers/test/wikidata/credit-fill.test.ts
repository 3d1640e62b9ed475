import type { Soundtrack } from "@liner/core"
import type { SparqlBinding } from "../../src/index.js"
import { describe, expect, it } from "vitest"
import { fillCreditsFromWikidata, filmOf, withoutFilledCredits, type WikidataFilm } from "../../src/index.js"

const soundtrack: Soundtrack = {
  album: { title: "A", releaseDate: null, label: null, musicbrainz: null, spotify: null },
  tracks: [
    { position: 1, title: "One", artists: ["S"], composers: [], lyricists: [], durationMs: null },
    { position: 2, title: "Two", artists: ["S"], composers: ["Own Composer"], lyricists: ["Own Lyricist"], durationMs: null }
  ],
  alternatives: []
}
const film = (composers: Array<string>, lyricists: Array<string>): WikidataFilm => ({ item: "Q1", label: "A", albums: [], composers, lyricists })

describe("credits filled from Wikidata", () => {
  it("fills only what MusicBrainz lacks, from one composer and one lyricist, and marks it", () => {
    const filled = fillCreditsFromWikidata(soundtrack, film(["Music Director"], ["Lyric Writer"]))
    expect(filled.tracks[0]).toMatchObject({ composers: ["Music Director"], lyricists: ["Lyric Writer"], creditSources: { composers: "wikidata", lyricists: "wikidata" } })
    expect(filled.tracks[1]).toEqual(soundtrack.tracks[1])
  })

  it("never guesses which of several composers or lyricists wrote a song", () => {
    const filled = fillCreditsFromWikidata(soundtrack, film(["Composer A", "Composer B"], ["Lyricist A", "Lyricist B"]))
    expect(filled.tracks[0]).toEqual(soundtrack.tracks[0])
  })

  it("takes the filled credits out again for the store", () => {
    const filled = fillCreditsFromWikidata(soundtrack, film(["Music Director"], []))
    expect(withoutFilledCredits(filled)).toEqual(soundtrack)
  })
})

describe("the SPARQL rows read as a film", () => {
  const uri = (q: string) => ({ type: "uri", value: `http://www.wikidata.org/entity/${q}` })
  const label = (value: string) => ({ "xml:lang": "en", type: "literal", value })
  it("folds the rows of every OPTIONAL combination, drops Q-id labels, and names a duplicate item by its lowest Q-number", () => {
    const rows: Array<SparqlBinding> = [
      { film: uri("Q20"), filmLabel: label("Film"), album: uri("Q5"), albumLabel: label("Album"), releaseGroup: { type: "literal", value: "0F1E2D3C-0000-4000-A000-000000000001" }, composer: uri("Q7"), composerLabel: label("Com Poser") },
      { film: uri("Q20"), filmLabel: label("Film"), album: uri("Q5"), albumLabel: label("Album"), releaseGroup: { type: "literal", value: "not-an-mbid" }, composer: uri("Q8"), composerLabel: { type: "literal", value: "Q8" } },
      { film: uri("Q3"), filmLabel: label("Film (duplicate)"), lyricist: uri("Q9"), lyricistLabel: label("Lyri Cist") },
      { film: { type: "literal", value: "garbage" } }
    ]
    expect(filmOf({ head: { vars: [] }, results: { bindings: rows } })).toEqual({
      item: "Q3",
      label: "Film (duplicate)",
      albums: [{ item: "Q5", label: "Album", releaseGroupIds: ["0f1e2d3c-0000-4000-a000-000000000001"] }],
      composers: ["Com Poser"],
      lyricists: ["Lyri Cist"]
    })
    expect(filmOf({ head: { vars: [] }, results: { bindings: [] } })).toBeUndefined()
  })
})
