export * from "./temp-dir.js"
