import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { renderSvg, type VegaLiteSpec } from "../../src/charts/render-svg.js"
import { elements, markLabels } from "./svg-inspection.js"

/** A local server that would serve chart data, counting the requests it gets. */
const countingServer = Effect.acquireRelease(
  Effect.async<{ readonly url: string; readonly requests: () => number; readonly close: () => void }>((resume) => {
    let requests = 0
    const server = createServer((_req, res) => {
      requests++
      res.setHeader("content-type", "application/json")
      res.end(JSON.stringify([{ a: 1 }]))
    })
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      // Close open keep-alive connections too, or a request that did happen would hold the run open.
      const close = () => {
        server.closeAllConnections()
        server.close()
      }
      resume(Effect.succeed({ url: `http://127.0.0.1:${port}/data.json`, requests: () => requests, close }))
    })
  }),
  (server) => Effect.sync(server.close)
)

const pointsOf = (data: VegaLiteSpec["data"]): VegaLiteSpec => ({
  data,
  mark: "point",
  encoding: { x: { field: "a", type: "quantitative" } }
}) as VegaLiteSpec

describe("renderSvg", () => {
  it.effect("renders inline values to a standalone SVG document", () =>
    Effect.gen(function*() {
      const svg = yield* renderSvg(pointsOf({ values: [{ a: 1 }, { a: 2 }, { a: 3 }] }))
      expect(svg.startsWith("<svg")).toBe(true)
      expect(svg).toContain("xmlns=\"http://www.w3.org/2000/svg\"")
      expect(markLabels(svg, "point")).toHaveLength(3)
    }))

  it.effect("scopes the ids of each chart, so that two charts on one page do not clip each other", () =>
    Effect.gen(function*() {
      const clipped = (values: ReadonlyArray<{ a: number }>): VegaLiteSpec => ({
        data: { values: [...values] },
        mark: { type: "bar", clip: true },
        encoding: { x: { field: "a", type: "quantitative", scale: { domain: [0, 2] } }, color: { field: "a", type: "quantitative" } }
      })
      const first = yield* renderSvg(clipped([{ a: 1 }, { a: 3 }]))
      const second = yield* renderSvg(clipped([{ a: 2 }, { a: 5 }]))
      const idsOf = (svg: string) => elements(svg).flatMap((e) => (e.attributes["id"] === undefined ? [] : [e.attributes["id"]]))
      const referencesOf = (svg: string) => [...svg.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1] ?? "")
      for (const svg of [first, second]) {
        expect(idsOf(svg).length).toBeGreaterThan(0)
        // Every reference points at a definition in the same SVG.
        expect(referencesOf(svg).every((id) => idsOf(svg).includes(id))).toBe(true)
      }
      expect(idsOf(first).filter((id) => idsOf(second).includes(id))).toEqual([])
    }))

  it.effect("gives the same chart the same SVG, whatever was rendered before it", () =>
    Effect.gen(function*() {
      const spec = pointsOf({ values: [{ a: 1 }, { a: 2 }] })
      const before = yield* renderSvg(spec)
      yield* renderSvg(pointsOf({ values: [{ a: 7 }] }))
      expect(yield* renderSvg(spec)).toBe(before)
    }))

  it.scoped("refuses data from a URL: a clear error, and no request is made", () =>
    Effect.gen(function*() {
      const server = yield* countingServer
      const error = yield* Effect.flip(renderSvg(pointsOf({ url: server.url })))
      expect(error._tag).toBe("LinkageInternalError")
      expect(error.message).toBe(
        `chart data must be inline values; refused to load ${server.url} (charts never use the network)`
      )
      expect(server.requests()).toBe(0)
    }))

  it.effect("refuses a file path as well", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(renderSvg(pointsOf({ url: "package.json" })))
      expect(error.message).toContain("refused to load package.json")
    }))

  it.effect("fails with a one-line message on a spec that does not compile or run", () =>
    Effect.gen(function*() {
      const values = Array.from({ length: 500 }, (_, a) => ({ a }))
      const noMark = yield* Effect.flip(renderSvg({ data: { values } } as unknown as VegaLiteSpec))
      expect(noMark._tag).toBe("LinkageInternalError")
      expect(noMark.message).toMatch(/^chart spec does not compile: Invalid specification/)
      expect(noMark.message.length).toBeLessThanOrEqual(340)

      const unknownFunction = yield* Effect.flip(renderSvg({
        data: { values },
        mark: "point",
        transform: [{ calculate: "nosuchfunction(datum.a)", as: "b" }],
        encoding: { x: { field: "b", type: "quantitative" } }
      }))
      expect(unknownFunction.message).toBe("chart spec is not valid Vega: Unrecognized function: nosuchfunction")
    }))
})
