// The one request discipline every HTTP source stands on (re-exported by the package index).
export * from "./json-source.js"
export * from "./send-json.js"
export * from "./retried.js"
export * from "./host-health.js"
export { transportFailure } from "./transport.js"
