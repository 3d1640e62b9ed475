#!/usr/bin/env node
// Entry of the `liner` binary: it runs the built, bundled CLI (npm run build), dist/bundle/liner.cjs.
//
// Start-up is most of what a cached lookup costs, so the bundle is compiled with V8's code cache:
// dist/bundle/liner.cjs.cache holds the code a typical run compiled (made by `npm run build`, for
// the Node that built it). V8 checks that the cache matches the source, its own version and flags,
// and otherwise compiles as usual; the cache is then written anew at exit (best effort: an install
// that cannot be written just stays slower to start). `NODE_DEBUG=liner` says which happened.
"use strict"
const { readFileSync, renameSync, rmSync, writeFileSync } = require("node:fs")
const { createRequire } = require("node:module")
const { join } = require("node:path")

// `liner --version` answers before any of the CLI loads: scripts ask it often.
if (process.argv.length === 3 && process.argv[2] === "--version") {
  process.stdout.write(`${JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")).version}\n`)
} else {
  runBundle(join(__dirname, "..", "dist", "bundle", "liner.cjs"))
}

function runBundle(file) {
  const vm = require("node:vm")
  const debug = require("node:util").debuglog("liner")
  const cacheFile = `${file}.cache`
  let source
  try {
    // The build leaves the file ASCII only, so Latin-1 reads it exactly and without decoding.
    source = readFileSync(file, "latin1")
  } catch {
    process.stderr.write(`liner: ${file} is missing: build the CLI first (npm run build)\n`)
    process.exit(70)
  }
  const cachedData = readIfThere(cacheFile)
  const script = new vm.Script(source, { filename: file, cachedData })
  const cache = cachedData === undefined ? "missing" : script.cachedDataRejected ? "rejected" : "used"
  debug("code cache %s: %s", cache, cacheFile)
  if (cache !== "used") process.once("exit", () => writeCodeCache(script, cacheFile, debug))
  const module = { exports: {} }
  // The bundle imports some packages on demand (the scrapers, the linkage engine) through this
  // import(): a script's own import() fails once its code comes from the cache.
  const importOnDemand = (specifier) => import(specifier)
  script.runInThisContext()(module.exports, createRequire(file), module, file, join(file, ".."), importOnDemand)
}

function readIfThere(path) {
  try {
    return readFileSync(path)
  } catch {
    return undefined
  }
}

// At exit the cache holds everything this run compiled, not only the top level. Written under a
// temporary name and renamed, so that concurrent runs never read half a file.
function writeCodeCache(script, cacheFile, debug) {
  const temporary = `${cacheFile}.${process.pid}.tmp`
  try {
    writeFileSync(temporary, script.createCachedData())
    renameSync(temporary, cacheFile)
    debug("code cache written: %s", cacheFile)
  } catch (error) {
    rmSync(temporary, { force: true })
    debug("code cache not written: %s", error.message)
  }
}
