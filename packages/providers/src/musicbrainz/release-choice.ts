import type { MbRelease } from "./schemas.js"

/**
 * Which release of a release group stands for the album. In order:
 * 1. status: Official, then unknown status, then Promotion, then Pseudo-Release, then Bootleg
 *    (a bootleg's track list and credits are the least trustworthy);
 * 2. the most tracks (the most complete edition: a 2-song promo loses to the full album);
 * 3. the earliest date (the original release; an undated release comes last);
 * 4. country India, then Worldwide, then any other (Liner's films are mostly Indian);
 * 5. the MBID, so the choice never depends on the server's order.
 */

const STATUS_RANK: Readonly<Record<string, number>> = { official: 0, promotion: 2, "pseudo-release": 3, bootleg: 4 }
const statusRank = (status: string | null): number => (status === null ? 1 : (STATUS_RANK[status.toLowerCase()] ?? 1))

const COUNTRY_RANK: Readonly<Record<string, number>> = { IN: 0, XW: 1 }
const countryRank = (country: string | null): number => (country === null ? 2 : (COUNTRY_RANK[country] ?? 2))

/** Tracks on the release: `track-count` of each medium (browse with `inc=media`), else listed tracks. */
export const trackCountOf = (release: MbRelease): number =>
  release.media.reduce((n, m) => n + (m["track-count"] ?? m.tracks.length), 0) || (release["track-count"] ?? 0)

const compareReleases = (a: MbRelease, b: MbRelease): number =>
  statusRank(a.status) - statusRank(b.status) ||
  trackCountOf(b) - trackCountOf(a) ||
  (a.date === "" ? 1 : 0) - (b.date === "" ? 1 : 0) ||
  a.date.localeCompare(b.date) ||
  countryRank(a.country) - countryRank(b.country) ||
  a.id.localeCompare(b.id)

export const chooseRelease = (releases: ReadonlyArray<MbRelease>): MbRelease | undefined => [...releases].sort(compareReleases)[0]
