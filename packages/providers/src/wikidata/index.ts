// The public surface of the Wikidata provider (re-exported by the package index).
export * from "./config.js"
export * from "./schemas.js"
export * from "./query.js"
export * from "./client.js"
export * from "./attempt-log.js"
export * from "./film-step.js"
export * from "./credit-fill.js"
