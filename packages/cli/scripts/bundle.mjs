// Bundles the built CLI into one CommonJS file, dist/bundle/liner.cjs, that bin/liner.cjs runs with
// V8's code cache (scripts/compile-cache.mjs). Start-up is the cost that matters for a CLI that
// scripts call once per film: loading hundreds of small module files (effect, @effect/cli, …) was
// most of it, then parsing and compiling the code at every start. One file, compiled once per
// machine and read back from the cache, removes both. Code only some commands need (the serve
// API, the stage, the PostgreSQL store) stays in the file but is initialised only when its command
// runs (it is imported dynamically). Native and optional parts stay outside, loaded from
// node_modules when needed: better-sqlite3 (a native addon), the opt-in scrapers (Crawlee), the
// linkage engine (DuckDB, a native addon, and the chart renderer), identification (on it) and the
// stage's tokenizer with its ranks (js-tiktoken, half a megabyte that every start would read).
import { build } from "esbuild"
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, sep } from "node:path"

// `liner serve`'s HTTP API and server (HttpApi*, OpenApi, HttpServer*, HttpRouter, …, and the
// JSONSchema of effect they use) are imported by path in dist/serve. The packages' indexes
// re-export those modules too, and the indexes are imported everywhere: every command would then
// initialise them (about 150 kB of code at each start). So would it the workers, the command
// executor and MsgPack, which Liner never uses. Outside dist/serve the indexes are read without
// them (a command that needs one imports it by path, or the build says it is missing).
const require = createRequire(import.meta.url)
const serveOnly = {
  "@effect/platform": /^export \* as (HttpApi\w*|OpenApi\w*|HttpApp|HttpLayerRouter|HttpMethod|HttpMiddleware|HttpMultiplex|HttpPlatform|HttpRouter|HttpServer\w*|Multipart|Etag|Socket\w*|Worker\w*|Command\w*|MsgPack|Transferable|ChannelSchema) from/,
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

const external = ["better-sqlite3", "js-tiktoken", "@liner/scrapers", "@crawlee/*", "cheerio", "@liner/linkage", "@liner/identify"]
const isExternal = (specifier) => specifier.startsWith("node:") || external.some((name) => (name.endsWith("/*") ? specifier.startsWith(name.slice(0, -1)) : specifier === name || specifier.startsWith(`${name}/`)))

// The bundle runs as a vm script, and Node 20 cannot resolve an `import()` made by a script whose
// code came from the code cache ("A dynamic import callback was not specified"). So what Liner
// imports on demand from outside the bundle (the scrapers, the linkage engine, identification,
// Node's child_process) is imported through `__linerImport`, an `import()` that bin/liner.cjs
// hands the bundle.
const onDemandImports = {
  name: "on-demand-imports",
  setup(build) {
    build.onLoad({ filter: /[\\/]packages[\\/][^\\/]+[\\/]dist[\\/].*\.js$/ }, (args) => ({
      contents: readFileSync(args.path, "utf8").replace(/\bimport\((["'])([^"']+)\1\)/g, (call, quote, specifier) =>
        isExternal(specifier) ? `__linerImport(${quote}${specifier}${quote})` : call
      ),
      loader: "js",
      resolveDir: dirname(args.path)
    }))
  }
}

// esbuild leaves a few non-ASCII characters in regular-expression literals; one of them would make
// V8 hold the whole 1.5 MB source as a two-byte string. As \u escapes they mean the same, and
// bin/liner.cjs can read the file as Latin-1 (no UTF-8 decoding). Only those lines' source-map
// columns shift.
const asciiOnly = (code) => code.replace(/[^ -~\t\n\r]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`)

rmSync("dist/bundle", { recursive: true, force: true })
mkdirSync("dist/bundle", { recursive: true })
const { outputFiles } = await build({
  entryPoints: { liner: "dist/main.js" },
  outfile: "dist/bundle/liner.cjs",
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // Minified code is smaller to read and to compile; the linked source map and kept names make a
  // bug report's stack trace readable (node --enable-source-maps).
  minify: true,
  keepNames: true,
  sourcemap: "linked",
  charset: "ascii",
  write: false,
  external,
  // Parsed at every start, used by nothing Liner does: TOML config files (@effect/cli's
  // Options.fileParse) and property-based test data (effect's Schema.arbitrary).
  alias: { toml: "./scripts/unused-module.mjs", "fast-check": "./scripts/unused-module.mjs" },
  // The file is one function expression, the same wrapper Node gives a CommonJS module: the
  // loader compiles it as a script (with the code cache) and calls it.
  banner: { js: "(function (exports, require, module, __filename, __dirname, __linerImport) {" },
  footer: { js: "})" },
  plugins: [indexesWithoutServeModules, onDemandImports],
  logLevel: "warning"
})
for (const file of outputFiles) {
  if (file.path.endsWith(".cjs") && /\bimport\(/.test(file.text)) throw new Error(`${file.path} calls import(), which fails in a cached vm script: import on demand with __linerImport`)
  writeFileSync(file.path, file.path.endsWith(".cjs") ? asciiOnly(file.text) : file.contents)
}
