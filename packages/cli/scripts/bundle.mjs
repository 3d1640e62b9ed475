// Bundles the built CLI into ES modules: loading hundreds of small module files (effect,
// @effect/cli, …) dominated start-up; a bundle starts several times faster. Code only some
// commands need (the transcription-job stage and its tokenizer, the scrapers) is imported
// dynamically and split into chunks of its own, loaded only when that command runs. Native and
// optional parts stay outside: better-sqlite3 (a native addon), the opt-in scrapers (Crawlee),
// the linkage engine (DuckDB, a native addon, and the chart renderer) and identification (on it).
import { build } from "esbuild"
import { rmSync } from "node:fs"

rmSync("dist/bundle", { recursive: true, force: true })
await build({
  entryPoints: { liner: "dist/main.js" },
  outdir: "dist/bundle",
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Minified code parses faster at every start (about 8 % of a cached lookup); the linked source
  // map and kept names make a bug report's stack trace readable (node --enable-source-maps).
  minify: true,
  keepNames: true,
  sourcemap: "linked",
  external: ["better-sqlite3", "@liner/scrapers", "@crawlee/*", "cheerio", "@liner/linkage", "@liner/identify"],
  // Parsed at every start, used by nothing Liner does: TOML config files (@effect/cli's
  // Options.fileParse) and property-based test data (effect's Schema.arbitrary).
  alias: { toml: "./scripts/unused-module.mjs", "fast-check": "./scripts/unused-module.mjs" },
  // Some dependencies are CommonJS and call require(); give the bundle one.
  banner: { js: "import { createRequire as __linerCreateRequire } from 'node:module'; const require = __linerCreateRequire(import.meta.url);" },
  logLevel: "warning"
})
