import { describe, expect, it } from "@effect/vitest"
import { chooseSoundtrackAlbum, type SpotifyAlbumSummary } from "../src/index.js"

let counter = 0
const album = (name: string, releaseDate: string, overrides: Partial<SpotifyAlbumSummary> = {}): SpotifyAlbumSummary => ({
  id: `album${++counter}`,
  name,
  album_type: "album",
  release_date: releaseDate,
  total_tracks: 8,
  artists: [{ name: "Some Composer" }],
  ...overrides
})

const chosenName = (choice: ReturnType<typeof chooseSoundtrackAlbum>) =>
  choice.decision._tag === "Accepted" ? `${choice.decision.candidate.name} ${choice.decision.candidate.release_date}` : choice.decision._tag

describe("choosing the soundtrack album among Spotify's search results", () => {
  const original = album("Don (Original Motion Picture Soundtrack)", "1978")
  const remake = album("Don (Original Motion Picture Soundtrack)", "2006-09-20", { artists: [{ name: "Shankar-Ehsaan-Loy" }] })
  const sequel = album("Don 2 (Original Motion Picture Soundtrack)", "2011-11-14")

  it("lets the film's year pick the remake or the original from the same results", () => {
    expect(chosenName(chooseSoundtrackAlbum({ title: "Don", year: 2006 }, [original, remake, sequel]))).toBe(
      "Don (Original Motion Picture Soundtrack) 2006-09-20"
    )
    expect(chosenName(chooseSoundtrackAlbum({ title: "Don", year: 1978 }, [remake, sequel, original]))).toBe(
      "Don (Original Motion Picture Soundtrack) 1978"
    )
  })

  it("answers ambiguous without a year, listing both", () => {
    const choice = chooseSoundtrackAlbum({ title: "Don" }, [original, remake, sequel])
    expect(choice.decision._tag).toBe("Ambiguous")
    if (choice.decision._tag !== "Ambiguous") return
    expect(choice.decision.candidates.map((c) => c.label).sort()).toEqual([
      "Don (Original Motion Picture Soundtrack) (1978)",
      "Don (Original Motion Picture Soundtrack) (2006)"
    ])
  })

  it("accepts a soundtrack out a year before or after the film", () => {
    expect(chosenName(chooseSoundtrackAlbum({ title: "Don", year: 2007 }, [original, remake]))).toBe(
      "Don (Original Motion Picture Soundtrack) 2006-09-20"
    )
  })

  it("prefers the songs album to the score, and reports the score as an alternative", () => {
    const songs = album("Jaane Tu... Ya Jaane Na (Original Motion Picture Soundtrack)", "2008-05-19")
    const score = album("Jaane Tu... Ya Jaane Na (Original Score)", "2008-07-04")
    const choice = chooseSoundtrackAlbum({ title: "Jaane Tu Ya Jaane Na", year: 2008 }, [score, songs])
    expect(choice.decision._tag === "Accepted" && choice.decision.candidate.id).toBe(songs.id)
    expect(choice.alternatives.map((a) => a.id)).toEqual([score.id])
  })

  it("treats the same album listed twice as one candidate, not a tie", () => {
    const listed = album("3 Idiots (Original Motion Picture Soundtrack)", "2009-11-27")
    const again = { ...listed, id: "another-market-copy" }
    const choice = chooseSoundtrackAlbum({ title: "3 Idiots", year: 2009 }, [listed, again])
    expect(choice.decision._tag === "Accepted" && choice.decision.candidate.id).toBe(listed.id)
  })

  it("does not take a single, another film sharing words, or a sequel for the film", () => {
    expect(chooseSoundtrackAlbum({ title: "3 Idiots", year: 2009 }, [album("3 Idiots", "2009", { album_type: "single" })]).decision._tag).toBe(
      "NoMatch"
    )
    expect(chooseSoundtrackAlbum({ title: "Don", year: 2011 }, [sequel]).decision._tag).toBe("NoMatch")
    expect(chooseSoundtrackAlbum({ title: "3 Idiots", year: 2009 }, [album("Idiots", "2009")]).decision._tag).toBe("NoMatch")
  })

  it("reads the album type in any case (Spotify sometimes sends upper case)", () => {
    const upper = album("3 Idiots", "2009", { album_type: "SINGLE" })
    expect(chooseSoundtrackAlbum({ title: "3 Idiots", year: 2009 }, [upper]).decision._tag).toBe("NoMatch")
  })

  it("has nothing to choose from an empty result", () => {
    expect(chooseSoundtrackAlbum({ title: "3 Idiots" }, []).decision).toEqual({ _tag: "NoMatch" })
  })
})
