import { type CachedAnswer, makeRequestCache, type RequestParams } from "./request-cache.js"

/**
 * Discogs answers kept in the store. Discogs allows 60 requests a minute, so an answer is asked
 * once and read from here while it is fresh; never the personal access token (it travels as a header).
 */
const discogsCache = makeRequestCache({ table: "discogs_cache", source: "Discogs", secretParams: ["token", "key", "secret"] })

export type DiscogsParams = RequestParams
export type DiscogsCachedAnswer = CachedAnswer

export const discogsRequestKey = discogsCache.requestKey
export const readDiscogsAnswer = discogsCache.read
export const saveDiscogsAnswer = discogsCache.save
