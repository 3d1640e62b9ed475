// The public surface of the Songstats provider (re-exported by the package index).
export * from "./config.js"
export * from "./client.js"
export * from "./songstats.js"
export { SongstatsKeyRefused, SongstatsNotFound, songstatsTierName } from "./http.js"
