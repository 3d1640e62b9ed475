/** `liner contribute --status`: each contribution, pending or landed, as a table and as JSON. */
import type { Contribution } from "@liner/core"
import { renderTable } from "../render/table.js"

const filmName = (c: Contribution): string => `${c.film.title}${c.film.year === null ? "" : ` (${c.film.year})`}`

export const contributionsText = (contributions: ReadonlyArray<Contribution>): string =>
  contributions.length === 0
    ? "No contributions yet: liner contribute FILM writes a page that seeds MusicBrainz's release editor."
    : renderTable(
        ["Film", "Album", "From", "Written", "State", "Landed", "Release group"],
        contributions.map((c) => [filmName(c), c.albumTitle, c.origin, c.createdAt.slice(0, 10), c.state, c.landedAt?.slice(0, 10) ?? "", c.releaseGroupId ?? ""])
      )

export const contributionsJson = (contributions: ReadonlyArray<Contribution>): string =>
  JSON.stringify(
    {
      contributions: contributions.map((c) => ({
        film: { title: c.film.title, year: c.film.year, imdbId: c.film.imdbId },
        album: c.albumTitle,
        origin: c.origin,
        digest: c.digest,
        createdAt: c.createdAt,
        state: c.state,
        landedAt: c.landedAt,
        releaseGroupId: c.releaseGroupId
      }))
    },
    null,
    2
  )
