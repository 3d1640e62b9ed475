/**
 * Render a Vega-Lite spec to a self-contained SVG string in Node: compile with vega-lite, run a
 * headless Vega view (no renderer, no DOM) and serialise its scenegraph. Data must be inline
 * (`data: {values}`); the view's loader refuses every URL, and a refused URL fails the render.
 * The SVG's ids are scoped to it, so that several charts can share one page.
 */
import { Effect } from "effect"
import * as vega from "vega"
import { compile, type TopLevelSpec } from "vega-lite"
import { LinkageInternalError } from "../errors.js"
import { offlineLoader } from "./offline-loader.js"
import { RenderedSvg } from "./rendered-svg.js"
import { scopeSvgIds } from "./scope-svg-ids.js"

export type VegaLiteSpec = TopLevelSpec

/** Vega and Vega-Lite report through a logger; keep their messages instead of printing them, so
 * that a command's standard output stays clean and errors can be turned into our own. */
const collectingLogger = () => {
  const messages: Array<{ readonly level: "error" | "warn"; readonly text: string }> = []
  const logger = vega.logger(vega.Warn, undefined, (method, _level, args) => {
    messages.push({ level: method === "error" ? "error" : "warn", text: args.map(describe).join(" ") })
  })
  return { logger, messages }
}

/** One line, and short: Vega-Lite quotes the whole spec (data included) in some of its messages. */
const describe = (value: unknown): string => {
  const text = value instanceof Error ? value.message : typeof value === "string" ? value : JSON.stringify(value)
  const line = text.replace(/\s+/g, " ").trim()
  return line.length > 300 ? `${line.slice(0, 299)}…` : line
}

const failure = (what: string) => (cause: unknown) =>
  new LinkageInternalError({ message: `chart ${what}: ${describe(cause)}`, cause })

export const renderSvg = (spec: VegaLiteSpec): Effect.Effect<RenderedSvg, LinkageInternalError> =>
  Effect.gen(function*() {
    const log = collectingLogger()
    const vegaSpec = yield* Effect.try({
      try: () => compile(spec, { logger: log.logger }).spec,
      catch: failure("spec does not compile")
    })
    const offline = offlineLoader()
    const svg = yield* Effect.acquireUseRelease(
      Effect.try({
        try: () => new vega.View(vega.parse(vegaSpec), { renderer: "none", loader: offline.loader, logger: log.logger }),
        catch: failure("spec is not valid Vega")
      }),
      (view) =>
        Effect.tryPromise({
          try: () => {
            // Vega numbers clip paths and gradients with counters global to the process; start
            // them afresh so that a chart's SVG does not depend on what was rendered before it.
            vega.resetSVGDefIds()
            return view.toSVG()
          },
          catch: failure("failed to render")
        }),
      (view) => Effect.sync(() => view.finalize())
    )
    if (offline.refused.length > 0) {
      return yield* new LinkageInternalError({
        message: `chart data must be inline values; refused to load ${offline.refused.join(", ")} (charts never use the network)`
      })
    }
    const errors = log.messages.filter((m) => m.level === "error")
    if (errors.length > 0) {
      return yield* new LinkageInternalError({ message: `chart failed to render: ${errors.map((e) => e.text).join("; ")}` })
    }
    yield* Effect.forEach(log.messages, (m) => Effect.logDebug(`vega: ${m.text}`), { discard: true })
    return RenderedSvg(scopeSvgIds(svg))
  })
