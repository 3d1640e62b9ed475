// Bundles the built CLI into ES modules: loading hundreds of small module files (effect,
// @effect/cli, …) dominated start-up; a bundle starts several times faster. Code only some
// commands need (the transcription-job stage and its tokenizer, the scrapers) is imported
// dynamically and split into chunks of its own, loaded only when that command runs. Native and
// optional parts stay outside: better-sqlite3 (a native addon), the opt-in scrapers (Crawlee),
// the linkage engine (DuckDB, a native addon, and the chart renderer) and identification (on it).
import { build } from "esbuild"
import { readFileSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, sep } from "node:path"

// `liner serve`'s HTTP API and server (HttpApi*, OpenApi, HttpServer*, HttpRouter, …, and the
// JSONSchema of effect they use) are imported by path in dist/serve and split into its chunk. The
// packages' indexes re-export those modules too, and the indexes are imported everywhere: splitting
// would then put them in the chunk every command loads (about 150 kB at each start). Outside
// dist/serve the indexes are read without them (a command that needs one imports it by path, or
// the build says it is missing).
const require = createRequire(import.meta.url)
const serveOnly = {
  "@effect/platform": /^export \* as (HttpApi\w*|OpenApi\w*|HttpApp|HttpLayerRouter|HttpMethod|HttpMiddleware|HttpMultiplex|HttpPlatform|HttpRouter|HttpServer\w*|Multipart|Etag|Socket\w*) from/,
  effect: /^export \* as JSONSchema from/
}
const esmIndex = (name) => require.resolve(name).replace(`${sep}cjs${sep}`, `${sep}esm${sep}`)
const indexesWithoutServeModules = {
  name: "indexes-without-serve-modules",
  setup(build) {
    build.onResolve({ filter: /^(@effect\/platform|effect)$/ }, (args) =>
      args.importer.includes(`${sep}dist${sep}serve${sep}`) ? undefined : { path: esmIndex(args.path), namespace: "slim-index", pluginData: args.path }
    )
    build.onLoad({ filter: /.*/, namespace: "slim-index" }, (args) => ({
      contents: readFileSync(args.path, "utf8")
        .split("\n")
        .filter((line) => !serveOnly[args.pluginData].test(line))
        .join("\n"),
      resolveDir: dirname(args.path)
    }))
  }
}

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
  plugins: [indexesWithoutServeModules],
  logLevel: "warning"
})
