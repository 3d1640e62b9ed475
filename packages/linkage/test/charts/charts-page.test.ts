import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { chartsPage } from "../../src/charts/charts-page.js"
import { matchWeightsChart } from "../../src/charts/match-weights-chart.js"
import { renderSvg } from "../../src/charts/render-svg.js"
import { loadModel } from "./model-fixtures.js"
import { elements } from "./svg-inspection.js"

describe("chartsPage", () => {
  it.effect("is one self-contained UTF-8 page: inline SVG, tables, a style, no script, nothing to fetch", () =>
    Effect.gen(function*() {
      const model = yield* loadModel("saved_model_from_demo.json")
      const svg = yield* renderSvg(matchWeightsChart(model))
      const page = chartsPage({
        title: "Model – fake_1000 (λ ≈ 0.003)",
        sections: [
          { heading: "Match weights", svg },
          { heading: "Levels", text: "m and u per level.", table: { columns: ["level", "m", "u"], rows: [["Exact match", 0.49, 0.0062], ["Else", 0.2, null]] } }
        ]
      })

      expect(page.startsWith("<!DOCTYPE html>")).toBe(true)
      const meta = elements(page).filter((e) => e.tag === "meta")
      expect(meta.map((m) => m.attributes["charset"])).toContain("utf-8")
      expect(meta.find((m) => m.attributes["http-equiv"] === "Content-Security-Policy")?.attributes["content"])
        .toMatch(/^default-src 'none'/)
      expect(page).toContain("<title>Model – fake_1000 (λ ≈ 0.003)</title>")
      expect(page).toContain(svg)
      expect(page).toMatch(/<style>[^<]+<\/style>/)
      expect(page).toContain("<h2>Levels</h2>\n<p>m and u per level.</p>")
      expect(page).toContain("<th>level</th><th>m</th><th>u</th>")
      expect(page).toContain("<tr><td>Exact match</td><td class=\"number\">0.49</td><td class=\"number\">0.0062</td></tr>")
      expect(page).toContain("<tr><td>Else</td><td class=\"number\">0.2</td><td></td></tr>")

      const tags = new Set(elements(page).map((e) => e.tag))
      for (const loading of ["script", "link", "img", "iframe", "object", "embed", "image", "use", "foreignobject"]) {
        expect(tags.has(loading)).toBe(false)
      }
      const attributes = elements(page).flatMap((e) => Object.keys(e.attributes))
      expect(attributes.filter((name) => /^(src|href|xlink:href)$/i.test(name))).toEqual([])
      // Only references to the page's own definitions (clip paths, gradients).
      expect(page).not.toMatch(/url\((?!#)|@import/)
    }))
})
