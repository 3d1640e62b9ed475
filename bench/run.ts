/**
 * `npm run bench`: every benchmark, one after the other, printing figures. Nothing is asserted;
 * the figures are for people (and resolution notes) to read.
 */
import { benchCachedProcess } from "./cached-process.js"
import { benchFuzzyLocal } from "./fuzzy-local.js"
import { benchLabelTiers } from "./label-tiers.js"
import { benchLinkage } from "./linkage.js"
import { benchMusicBrainz } from "./musicbrainz.js"
import { benchQueue } from "./queue.js"
import { benchServe } from "./serve.js"
import { benchSetsImport } from "./sets-import.js"
import { benchStages } from "./stages.js"
import { benchIdentify } from "./identify.js"
import { benchWorkers } from "./workers.js"
import { benchCoverage } from "./coverage.js"

const benches: Array<[string, () => Promise<void>]> = [
  ["musicbrainz", benchMusicBrainz],
  ["fuzzy-local", benchFuzzyLocal],
  ["cached-process", benchCachedProcess],
  ["stages", benchStages],
  ["label-tiers", benchLabelTiers],
  ["linkage", benchLinkage],
  ["queue", benchQueue],
  ["serve", benchServe],
  ["sets-import", benchSetsImport],
  ["identify", benchIdentify],
  ["workers", benchWorkers],
  ["coverage", benchCoverage]
]

const only = process.argv.slice(2)
process.stdout.write(`Liner benchmarks — node ${process.version}, ${new Date().toISOString()}\n`)
for (const [name, bench] of benches) {
  if (only.length > 0 && !only.includes(name)) continue
  await bench()
}
