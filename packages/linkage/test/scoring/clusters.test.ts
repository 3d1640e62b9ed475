import { describe, expect, it } from "vitest"
import { connectedComponents } from "../../src/scoring/clusters.js"

describe("connectedComponents", () => {
  it("links pairs at or above the threshold and names each cluster by its smallest id", () => {
    const members = connectedComponents({
      pairs: { uniqueIdL: ["10", "9", "3", "5"], uniqueIdR: ["9", "3", "7", "6"] },
      matchProbability: Float64Array.of(0.95, 0.9, 0.2, 0.9),
      thresholdMatchProbability: 0.9,
      records: ["3", "5", "6", "7", "9", "10", "11"].map((uniqueId) => ({ uniqueId }))
    })
    const byId = Object.fromEntries(members.map((m) => [m.uniqueId, m.clusterId]))
    // Integer ids compare as numbers: 3 < 9 < 10.
    expect(byId).toEqual({ "3": "3", "9": "3", "10": "3", "5": "5", "6": "5", "7": "7", "11": "11" })
  })

  it("compares text ids as text and uses splink's composite ids when linking", () => {
    const members = connectedComponents({
      pairs: { uniqueIdL: ["b"], uniqueIdR: ["a"], sourceDatasetL: ["left"], sourceDatasetR: ["right"] },
      matchProbability: Float64Array.of(1),
      thresholdMatchProbability: 0.5
    })
    expect(members).toEqual([
      { uniqueId: "b", sourceDataset: "left", clusterId: "left-__-b" },
      { uniqueId: "a", sourceDataset: "right", clusterId: "left-__-b" }
    ])
  })
})
