/** The truth table of a splink model on labelled pairs of fake_1000, checked threshold by threshold. */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { LinkageEngine } from "../../src/engine/linkage-engine.js"
import { evaluateLabelledPairs } from "../../src/scoring/evaluate.js"
import { compileModel } from "../../src/scoring/model.js"
import { roundedTruthThreshold } from "../../src/scoring/truth-table.js"
import { decodeSettings } from "../../src/settings/settings.js"
import { dataPath, readSimpleCsv, withEngine } from "../training/fixtures.js"

describe("evaluateLabelledPairs", () => {
  it.effect("counts, at every threshold, the labelled pairs scored at or above it; unblocked ones score −999", () =>
    withEngine(
      Effect.gen(function* () {
        const engine = yield* LinkageEngine
        const settings = yield* decodeSettings(JSON.parse(readFileSync(dataPath("saved_model_from_demo.json"), "utf8")))
        const input = yield* engine.loadInput({ files: [dataPath("fake_1000.csv")], settings })
        const records = readSimpleCsv("fake_1000.csv").slice(0, 80)
        const lines = records.flatMap((l, i) =>
          records.slice(i + 1).map((r) => `${l.unique_id},${r.unique_id},${l.cluster === r.cluster ? 1 : 0}`)
        )
        const folder = mkdtempSync(join(tmpdir(), "linkage-evaluate-"))
        const labels = join(folder, "labels.csv")
        writeFileSync(labels, ["unique_id_l,unique_id_r,clerical_match_score", ...lines].join("\n"))
        const labelled = yield* engine.labelledPairVectors(input, settings, { labels })
        const model = yield* compileModel(settings)
        const { predictions, roc, truthTable } = yield* evaluateLabelledPairs(model, labelled)

        const positives = lines.filter((line) => line.endsWith(",1")).length
        const unblockedPositives = [...labelled.foundByBlockingRules].filter(
          (found, i) => !found && labelled.clericalMatchScore[i]! >= 0.5
        ).length
        expect(unblockedPositives).toBeGreaterThan(0)
        expect(truthTable.length).toBeGreaterThan(10)
        expect(roc).toHaveLength(truthTable.length)
        for (const row of truthTable) {
          let tp = 0
          let fp = 0
          for (let i = 0; i < labelled.vectors.pairCount; i++) {
            const found = labelled.foundByBlockingRules[i] === 1
            if (found && roundedTruthThreshold(predictions.matchWeight[i]!, 0.1) >= row.truth_threshold) {
              if (labelled.clericalMatchScore[i]! >= 0.5) tp++
              else fp++
            }
          }
          expect(row).toMatchObject({ p: positives, n: lines.length - positives, tp, fp, fn: positives - tp })
          expect(row.tn).toBe(lines.length - positives - fp)
        }
        // Even the lowest threshold misses the matches no blocking rule finds.
        expect(truthTable[0]!.fn).toBe(unblockedPositives)
      })
    )
  )
})
