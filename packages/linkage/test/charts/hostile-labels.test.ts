import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { chartsPage } from "../../src/charts/charts-page.js"
import { matchWeightsChart } from "../../src/charts/match-weights-chart.js"
import { mUParametersChart } from "../../src/charts/m-u-parameters-chart.js"
import { renderSvg } from "../../src/charts/render-svg.js"
import { waterfallChart } from "../../src/charts/waterfall-chart.js"
import type { Settings } from "../../src/settings/settings.js"
import { elements, svgDrawingTags, texts } from "./svg-inspection.js"

// Labels come from settings files, values from data files: either may carry markup.
const script = "<script>alert(1)</script>"
const imageTag = "\"><img src=x onerror=alert(1)>"

const hostileModel: Settings = {
  link_type: "dedupe_only",
  probability_two_random_records_match: 0.001,
  comparisons: [{
    output_column_name: "name<svg onload=alert(1)>",
    comparison_levels: [
      { sql_condition: "name_l = name_r", label_for_charts: script, m_probability: 0.9, u_probability: 0.01 },
      { sql_condition: "ELSE", label_for_charts: imageTag, m_probability: 0.1, u_probability: 0.99 }
    ]
  }]
}

const expectOnlyDrawing = (svg: string) => {
  const tags = new Set(elements(svg).map((e) => e.tag))
  expect([...tags].filter((tag) => !svgDrawingTags.has(tag))).toEqual([])
  expect(elements(svg).flatMap((e) => Object.keys(e.attributes)).filter((name) => /^on/i.test(name))).toEqual([])
}

describe("hostile labels", () => {
  it.effect("come out as text in the SVG of every chart, never as markup", () =>
    Effect.gen(function*() {
      for (const spec of [matchWeightsChart(hostileModel), mUParametersChart(hostileModel)]) {
        const svg = yield* renderSvg(spec)
        expectOnlyDrawing(svg)
        expect(texts(svg)).toEqual(expect.arrayContaining([script, imageTag, "name<svg onload=alert(1)>"]))
        expect(svg).toContain("&lt;script&gt;alert(1)&lt;/script&gt;")
      }
      const waterfall = yield* renderSvg(waterfallChart([
        { column_name: "Prior", label_for_charts: "prior", value_l: "", value_r: "", comparison_vector_value: null, bayes_factor: 0.001, log2_bayes_factor: -9.96 },
        { column_name: "name", label_for_charts: script, value_l: script, value_r: imageTag, comparison_vector_value: 1, bayes_factor: 90, log2_bayes_factor: 6.49 },
        { column_name: "Final score", label_for_charts: "Final score", value_l: "", value_r: "", comparison_vector_value: null, bayes_factor: 0.09, log2_bayes_factor: -3.47 }
      ]))
      expectOnlyDrawing(waterfall)
      expect(texts(waterfall)).toEqual(expect.arrayContaining([script, imageTag]))
    }))

  it.effect("come out escaped in the page, around the charts", () =>
    Effect.gen(function*() {
      const svg = yield* renderSvg(matchWeightsChart(hostileModel))
      const page = chartsPage({
        title: `Model ${script}`,
        sections: [{
          heading: imageTag,
          text: script,
          svg,
          table: { columns: [script], rows: [[imageTag], [42], [null]] }
        }]
      })
      const tags = new Set(elements(page).map((e) => e.tag))
      expect(tags.has("script")).toBe(false)
      expect(tags.has("img")).toBe(false)
      expect(page).toContain("<title>Model &lt;script&gt;alert(1)&lt;/script&gt;</title>")
      expect(page).toContain("<h2>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</h2>")
      expect(page).toContain("<td>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</td>")
    }))
})
