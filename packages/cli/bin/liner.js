#!/usr/bin/env node
// Entry of the `liner` binary: the code is the built, bundled CLI (npm run build).
// `liner --version` answers before any of it loads: scripts ask it often, and loading is its whole cost.
if (process.argv.length === 3 && process.argv[2] === "--version") {
  const { readFileSync } = await import("node:fs")
  const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))
  process.stdout.write(`${version}\n`)
} else {
  await import("../dist/bundle/liner.mjs")
}
