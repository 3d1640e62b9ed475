import { type CachedAnswer, makeRequestCache, type RequestParams } from "./request-cache.js"

/**
 * Songstats answers kept in the store. Every Songstats call is billable, so an answer is asked
 * once and read from here while it is fresh; never the API key (it travels as a header).
 */
const songstatsCache = makeRequestCache({ table: "songstats_cache", source: "Songstats", secretParams: ["apikey", "api_key"] })

export type SongstatsParams = RequestParams
/** `answer` is `null` when Songstats had no such entity. */
export type SongstatsCachedAnswer = CachedAnswer

export const songstatsRequestKey = songstatsCache.requestKey
export const readSongstatsAnswer = songstatsCache.read
export const saveSongstatsAnswer = songstatsCache.save
