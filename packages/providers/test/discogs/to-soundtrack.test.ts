import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { DiscogsRelease } from "../../src/discogs/client.js"
import { creditKinds, creditedName } from "../../src/discogs/credit-roles.js"
import { durationMs, toSoundtrack } from "../../src/discogs/to-soundtrack.js"

const release = (fields: Record<string, unknown>) => Schema.decodeUnknownSync(DiscogsRelease)({ id: 1, title: "Film", ...fields })
const credit = (name: string, role: string, tracks = "") => ({ name, anv: "", join: "", role, tracks, id: 1, resource_url: "" })

describe("Discogs durations", () => {
  it("reads m:ss and h:mm:ss, and an empty or odd duration as unknown", () => {
    expect(durationMs("3:45")).toBe(225_000)
    expect(durationMs("12:05")).toBe(725_000)
    expect(durationMs("1:02:03")).toBe(3_723_000)
    expect(durationMs("")).toBeNull()
    expect(durationMs("3.45")).toBeNull()
    expect(durationMs("0:00")).toBeNull()
  })
})

describe("Discogs credit roles", () => {
  it("reads several roles and ignores bracketed qualifiers", () => {
    expect([...creditKinds("Music By, Producer")]).toEqual(["composer"])
    expect([...creditKinds("Vocals [Playback Singer]")]).toEqual(["singer"])
    expect([...creditKinds("Lyrics By, Vocals")].sort()).toEqual(["lyricist", "singer"])
    expect([...creditKinds("Backing Vocals")]).toEqual([])
    expect([...creditKinds("Written-By")]).toEqual(["writer"])
  })

  it("uses the name as credited, else Discogs' name without its disambiguation", () => {
    expect(creditedName({ name: "Shaan (3)", anv: "" })).toBe("Shaan")
    expect(creditedName({ name: "Srinivas (2)", anv: "Srinivas" })).toBe("Srinivas")
    expect(creditedName({ name: "A. R. Rahman", anv: "A.R. Rahman" })).toBe("A.R. Rahman")
  })
})

describe("a Discogs release as a soundtrack", () => {
  it("leaves headings out, keeps an index track as one track, and maps per-track and ranged credits", () => {
    const soundtrack = toSoundtrack(
      release({
        released: "2001-05-00",
        labels: [{ name: "Sony Music (2)", catno: "X" }],
        extraartists: [
          credit("Composer One", "Music By"),
          credit("Poet", "Lyrics By", "A1 to A2"),
          credit("Singer A", "Vocals", "A1, B1"),
          credit("Writer", "Written-By", "B1"),
          credit("Choir", "Backing Vocals", "A1")
        ],
        tracklist: [
          { position: "", type_: "heading", title: "Side One", duration: "" },
          { position: "A1", type_: "track", title: "First", duration: "4:00" },
          { position: "A2", type_: "track", title: "Second", duration: "", extraartists: [credit("Singer B (2)", "Featuring")] },
          { position: "", type_: "heading", title: "Side Two", duration: "" },
          {
            position: "B1",
            type_: "index",
            title: "Medley",
            duration: "",
            sub_tracks: [
              { position: "B1.a", type_: "track", title: "Part A", duration: "1:00", extraartists: [credit("Singer C", "Vocals")] },
              { position: "B1.b", type_: "track", title: "Part B", duration: "0:30" }
            ]
          }
        ]
      }),
      []
    )
    expect(soundtrack.album).toEqual({ title: "Film", releaseDate: "2001-05", label: "Sony Music", musicbrainz: null, spotify: null })
    expect(soundtrack.tracks).toEqual([
      { position: 1, title: "First", artists: ["Singer A"], composers: ["Composer One"], lyricists: ["Poet"], durationMs: 240_000, musicbrainz: null, spotify: null },
      { position: 2, title: "Second", artists: ["Singer B"], composers: ["Composer One"], lyricists: ["Poet"], durationMs: null, musicbrainz: null, spotify: null },
      // The index track: its parts' durations summed, its parts' credits and the ranges naming it are its own;
      // "Written-By" fills only the lyricist no explicit credit names.
      { position: 3, title: "Medley", artists: ["Singer C", "Singer A"], composers: ["Composer One"], lyricists: ["Writer"], durationMs: 90_000, musicbrainz: null, spotify: null }
    ])
  })

  it("credits named by a range over parts of an index track belong to it", () => {
    const soundtrack = toSoundtrack(
      release({
        extraartists: [credit("Poet", "Lyrics By", "2.a")],
        tracklist: [
          { position: "1", title: "One", duration: "3:00" },
          { position: "2", type_: "index", title: "", duration: "5:00", sub_tracks: [{ position: "2.a", title: "Two A" }, { position: "2.b", title: "Two B" }] }
        ]
      }),
      []
    )
    expect(soundtrack.tracks.map((t) => [t.title, t.lyricists, t.durationMs])).toEqual([
      ["One", [], 180_000],
      ["Two A / Two B", ["Poet"], 300_000]
    ])
  })
})
