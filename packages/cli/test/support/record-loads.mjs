// `node --import ./record-loads.mjs …`: appends to the file named by LINER_RECORD_LOADS what the
// process loaded, so a test can see what a command loaded: the URL of every ES module as it loads,
// then at exit every CommonJS file `require` read and, as `global-value:ID`, every value Effect's
// modules registered (the marks of the modules of the bundle that were initialised).
import { appendFileSync } from "node:fs"
import { createRequire, register } from "node:module"
import { pathToFileURL } from "node:url"

register("./record-loads-hooks.mjs", import.meta.url)

const file = process.env["LINER_RECORD_LOADS"]
if (file !== undefined) {
  process.on("exit", () => {
    const required = Object.keys(createRequire(import.meta.url).cache).map((path) => pathToFileURL(path).href)
    const globalValues = [...(globalThis["effect/GlobalValue"]?.keys() ?? [])].map((id) => `global-value:${String(id)}`)
    appendFileSync(file, [...required, ...globalValues].map((line) => `${line}\n`).join(""))
  })
}
