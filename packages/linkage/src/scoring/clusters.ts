/**
 * Clusters as connected components of the pairs at or above a match probability, the cluster id
 * being the smallest record id in it (splink's connected_components.py takes the minimum
 * representative). Union-find instead of splink's iterated SQL; the components are the same.
 */
import type { PairIds } from "../engine/comparison-vectors.js"

export interface RecordId {
  readonly uniqueId: string
  /** When linking: the record's source dataset. */
  readonly sourceDataset?: string
}

export interface ClusterMember extends RecordId {
  /** The smallest id of the cluster (`source_dataset-__-unique_id` when linking, as splink writes it). */
  readonly clusterId: string
}

export interface ClusterInput {
  readonly pairs: PairIds
  readonly matchProbability: Float64Array
  /** Pairs with match_probability ≥ this are links. */
  readonly thresholdMatchProbability: number
  /** Every record, so that records without links form clusters of one; else only the paired ones. */
  readonly records?: ReadonlyArray<RecordId>
}

/** splink's composite node id when records come from several datasets. */
const nodeKey = (uniqueId: string, sourceDataset: string | undefined): string =>
  sourceDataset === undefined ? uniqueId : `${sourceDataset}-__-${uniqueId}`

const INTEGER = /^-?\d+$/

/** Integer ids order as numbers (DuckDB reads such a column as BIGINT), any other id as text. */
const idOrder = (keys: ReadonlyArray<string>): ((a: string, b: string) => number) =>
  keys.every((key) => INTEGER.test(key))
    ? (a, b) => {
        const x = BigInt(a)
        const y = BigInt(b)
        return x < y ? -1 : x > y ? 1 : 0
      }
    : (a, b) => (a < b ? -1 : a > b ? 1 : 0)

export const connectedComponents = (input: ClusterInput): Array<ClusterMember> => {
  const { pairs, matchProbability, thresholdMatchProbability } = input
  const index = new Map<string, number>()
  const members: Array<RecordId> = []
  const keys: Array<string> = []
  const add = (uniqueId: string, sourceDataset: string | undefined): number => {
    const key = nodeKey(uniqueId, sourceDataset)
    let i = index.get(key)
    if (i === undefined) {
      i = keys.length
      index.set(key, i)
      keys.push(key)
      members.push(sourceDataset === undefined ? { uniqueId } : { uniqueId, sourceDataset })
    }
    return i
  }
  for (const record of input.records ?? []) add(record.uniqueId, record.sourceDataset)

  const parent: Array<number> = []
  const find = (i: number): number => {
    let root = i
    while (parent[root]! !== root) root = parent[root]!
    while (parent[i]! !== root) {
      const next = parent[i]!
      parent[i] = root
      i = next
    }
    return root
  }
  const edges: Array<readonly [number, number]> = []
  for (let p = 0; p < matchProbability.length; p++) {
    const l = add(pairs.uniqueIdL[p]!, pairs.sourceDatasetL?.[p])
    const r = add(pairs.uniqueIdR[p]!, pairs.sourceDatasetR?.[p])
    if (matchProbability[p]! >= thresholdMatchProbability) edges.push([l, r])
  }
  for (let i = 0; i < keys.length; i++) parent[i] = i
  for (const [l, r] of edges) {
    const a = find(l)
    const b = find(r)
    if (a !== b) parent[a] = b
  }

  const compare = idOrder(keys)
  const smallest = new Map<number, string>()
  for (let i = 0; i < keys.length; i++) {
    const root = find(i)
    const current = smallest.get(root)
    if (current === undefined || compare(keys[i]!, current) < 0) smallest.set(root, keys[i]!)
  }
  return members.map((member, i) => ({ ...member, clusterId: smallest.get(find(i))! }))
}
