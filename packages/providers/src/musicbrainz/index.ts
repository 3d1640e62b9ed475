// The public surface of the MusicBrainz provider (re-exported by the package index).
export * from "./config.js"
export * from "./client.js"
export * from "./schemas.js"
export { escapeLucene, phrase as lucenePhrase } from "./lucene.js"
export { chooseRelease } from "./release-choice.js"
export { chooseLabel, type LabelChoice, type LabelDecision } from "./label-choice.js"
export * from "./soundtrack-tier.js"
export * from "./label-tier.js"
