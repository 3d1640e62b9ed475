// Bundles the built CLI into one ES module: loading hundreds of small module files (effect,
// @effect/cli, …) dominated start-up; one file starts several times faster. Native and optional
// parts stay outside: better-sqlite3 (a native addon) and the opt-in scrapers (Crawlee), which
// are imported only when scraping is turned on.
import { build } from "esbuild"

await build({
  entryPoints: ["dist/main.js"],
  outfile: "dist/liner.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: "linked",
  external: ["better-sqlite3", "@liner/scrapers", "@crawlee/*", "cheerio"],
  // Some dependencies are CommonJS and call require(); give the bundle one.
  banner: { js: "import { createRequire as __linerCreateRequire } from 'node:module'; const require = __linerCreateRequire(import.meta.url);" },
  logLevel: "warning"
})
