/**
 * Songstats as evidence about a candidate (contracts/songstats.md), never a lookup of the
 * unknown track itself: the DJs Songstats lists as the candidate's top supporters
 * (1001Tracklists curators), compared with the DJs who played the track. Every call is billable:
 * the client caches answers in the store, and only candidates played near the track are asked.
 */
import { artistKeys, prepareName, type TierFailure } from "@liner/core"
import type { SongstatsClientService } from "@liner/providers"
import { Effect } from "effect"

/**
 * How many of the DJs (by key) Songstats lists among the artist's top supporters; null when
 * Songstats does not know the artist (searched by name, matched by the normalised name).
 */
export const songstatsSupport = (
  client: SongstatsClientService,
  artist: { readonly key: string; readonly name: string },
  djKeys: ReadonlyArray<string>
): Effect.Effect<number | null, TierFailure> =>
  Effect.gen(function* () {
    const found = yield* client.searchArtist(artist.name)
    const match = found.find((ref) => artistKeys(ref.name).some((k) => k.key === artist.key))
    if (match === undefined) return null
    const curators = yield* client.artistTopCurators(match.id)
    const supporters = new Set(curators.map((curator) => prepareName(curator.name).key))
    return djKeys.filter((key) => supporters.has(key)).length
  })
