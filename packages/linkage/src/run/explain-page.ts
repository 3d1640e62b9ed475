/** The page `liner linkage explain --html` writes: the model's charts, its parameters, each pair's waterfall. */
import { Effect } from "effect"
import { chartsPage, type ChartsPageSection } from "../charts/charts-page.js"
import { matchWeightsChart } from "../charts/match-weights-chart.js"
import { mUParametersChart } from "../charts/m-u-parameters-chart.js"
import { renderSvg } from "../charts/render-svg.js"
import { waterfallChart } from "../charts/waterfall-chart.js"
import type { LinkageInternalError } from "../errors.js"
import type { ExplainRunResult } from "./explain-run.js"

const pairName = ({ pair }: ExplainRunResult["waterfalls"][number]): string =>
  [pair.sourceDatasetL, pair.uniqueIdL].filter((part) => part !== undefined).join(" ") +
  " vs " +
  [pair.sourceDatasetR, pair.uniqueIdR].filter((part) => part !== undefined).join(" ")

export const explainPage = (explained: ExplainRunResult, title: string): Effect.Effect<string, LinkageInternalError> =>
  Effect.gen(function* () {
    const parameters: ChartsPageSection = {
      heading: "Parameters",
      table: {
        columns: ["comparison", "level", "m", "u", "Bayes factor", "match weight"],
        rows: explained.parameters.map((p) => [p.comparison_name, p.label_for_charts, p.m_probability, p.u_probability, p.bayes_factor, p.log2_bayes_factor])
      }
    }
    const sections: Array<ChartsPageSection> = [
      { heading: "Match weights", text: "Each level's partial match weight log2(m/u), and the prior.", svg: yield* renderSvg(matchWeightsChart(explained.model)) },
      { heading: "m and u probabilities", svg: yield* renderSvg(mUParametersChart(explained.model)) },
      parameters
    ]
    for (const pair of explained.waterfalls) {
      sections.push({ heading: `Waterfall: ${pairName(pair)}`, svg: yield* renderSvg(waterfallChart(pair.rows)) })
    }
    return chartsPage({ title, sections })
  })
