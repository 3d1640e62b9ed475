/** `liner linkage cluster`: connected components of the pairs at or above a match probability. */
import { Effect } from "effect"
import { LinkageInternalError } from "../errors.js"
import { LinkageEngine, type LinkageError } from "../engine/linkage-engine.js"
import { readSettingsFile } from "../files/settings-file.js"
import { type ClusterMember, connectedComponents } from "../scoring/clusters.js"
import { compileModel } from "../scoring/model.js"
import { predict } from "../scoring/predict.js"
import { thresholdAsMatchWeight } from "../scoring/threshold.js"
import type { Table } from "./table-writer.js"

export interface ClusterRun {
  readonly model: string
  readonly data: ReadonlyArray<string>
  readonly thresholdMatchProbability: number
}

/** Every record with its cluster: a record linked to nothing is a cluster of its own. */
export const clusterRun = (run: ClusterRun): Effect.Effect<ReadonlyArray<ClusterMember>, LinkageError, LinkageEngine> =>
  Effect.gen(function* () {
    yield* thresholdAsMatchWeight({ matchProbability: run.thresholdMatchProbability })
    const settings = yield* readSettingsFile(run.model, "model")
    const model = yield* compileModel(settings)
    const engine = yield* LinkageEngine
    const input = yield* engine.loadInput({ files: run.data, settings })
    const vectors = yield* engine.comparisonVectors(input, settings, { withIds: true })
    const predictions = yield* predict(model, vectors)
    if (vectors.pairs === undefined) return yield* new LinkageInternalError({ message: "the engine returned pairs without their ids" })
    return connectedComponents({
      pairs: vectors.pairs,
      matchProbability: predictions.matchProbability,
      thresholdMatchProbability: run.thresholdMatchProbability,
      records: yield* engine.recordIds(input)
    })
  })

/** `cluster_id,unique_id` (and `source_dataset` when linking), as the contract names them. */
export const clusterTable = (members: ReadonlyArray<ClusterMember>): Table => {
  const linking = members.some((member) => member.sourceDataset !== undefined)
  return {
    columns: linking ? ["cluster_id", "source_dataset", "unique_id"] : ["cluster_id", "unique_id"],
    rows: () => members.map((m) => (linking ? [m.clusterId, m.sourceDataset ?? "", m.uniqueId] : [m.clusterId, m.uniqueId]))
  }
}
