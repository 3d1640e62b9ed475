/**
 * A guess's match weight feature by feature, from the pair's waterfall (splink's bars): each
 * comparison's level with its Bayes factor and weight, the term-frequency adjustment folded into
 * the comparison it belongs to. The prior and the features' weights add up to the match weight.
 */
import type { WaterfallRecord } from "@liner/linkage"
import type { FeatureExplanation } from "./identify-answer.js"

export const explanationOf = (bars: ReadonlyArray<WaterfallRecord>): Array<FeatureExplanation> => {
  const byFeature = new Map<string, { level: string; weight: number }>()
  for (const bar of bars) {
    if (bar.column_name === "Prior" || bar.column_name === "Final score") continue
    if (bar.term_frequency_adjustment === true) {
      const feature = byFeature.get(bar.column_name.replace(/^tf_/, ""))
      if (feature !== undefined) feature.weight += bar.log2_bayes_factor
      continue
    }
    byFeature.set(bar.column_name, { level: bar.label_for_charts, weight: bar.log2_bayes_factor })
  }
  return [...byFeature.entries()].map(([feature, { level, weight }]) => ({ feature, level, bayesFactor: Math.pow(2, weight), weight }))
}
