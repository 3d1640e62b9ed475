/**
 * `liner linkage train|predict|evaluate|cluster|explain` (contracts/linkage.md): splink's
 * Fellegi–Sunter engine from the command line. The engine (DuckDB, the charts) loads only when one
 * of these commands runs: start-up time of every other command.
 */
import { Args, Command, Options } from "@effect/cli"
import type { LinkageEngine, LinkageError, PairKey, StepReport } from "@liner/linkage"
import { Effect, Option } from "effect"
import { writeFile } from "node:fs/promises"
import { basename } from "node:path"
import { usage } from "../errors.js"
import { printErr, printJson, printOut } from "../output.js"
import { renderTable } from "../render/table.js"
import { jsonOption } from "./soundtrack.js"

const linkage = Effect.promise(() => import("@liner/linkage"))

const file = (name: string, description: string) => Options.file(name).pipe(Options.withPseudoName("FILE"), Options.withDescription(description))
const settings = file("settings", "splink settings JSON (the comparisons, blocking rules and link type)")
const model = file("model", "a saved model: splink's settings JSON with m and u (from `liner linkage train` or splink's save_model_to_json)")
const data = file("data", "a CSV of records with a header row (repeat, or list several, for link_only / link_and_dedupe: one file per dataset)").pipe(Options.repeated)
const moreData = Args.file({ name: "FILE", exists: "yes" }).pipe(Args.withDescription("more data files, as after --data"), Args.repeated)
const out = (description: string) => file("out", description)
const duckdb = file("duckdb", "run DuckDB on this database file instead of in memory (inputs larger than memory)").pipe(Options.optional)
const html = file("html", "also write one self-contained HTML page with the charts (nothing is fetched when it is viewed)").pipe(Options.optional)

/** `--data a.csv b.csv` and `--data a.csv --data b.csv` both name two files. */
const dataFiles = (flags: ReadonlyArray<string>, more: ReadonlyArray<string>) =>
  flags.length + more.length === 0 ? Effect.fail(usage("give the records with --data FILE")) : Effect.succeed([...flags, ...more])

/** Runs a linkage effect on a fresh DuckDB (a file with --duckdb); bad input exits 2 with its one-line message. */
const withEngine = <A>(databasePath: Option.Option<string>, run: Effect.Effect<A, LinkageError, LinkageEngine>) =>
  Effect.flatMap(linkage, ({ LinkageEngine }) =>
    run.pipe(Effect.provide(LinkageEngine.layer(Option.isSome(databasePath) ? { databasePath: databasePath.value } : {})))
  )

const writeText = (path: string, text: string) =>
  Effect.tryPromise({ try: () => writeFile(path, text), catch: (error) => usage(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`) })

const number = (value: number | null | undefined, digits = 6): string => (value === null || value === undefined ? "" : Number.isInteger(value) ? String(value) : value.toPrecision(digits))

const trainCommand = Command.make(
  "train",
  { settings, data, moreData, plan: file("plan", 'the training plan: {"steps": [ … ]}, splink\'s linker.training calls in order'), out: out("where to write the trained model"), json: jsonOption, duckdb },
  (flags) =>
    Effect.gen(function* () {
      const { trainRun } = yield* linkage
      const files = yield* dataFiles(flags.data, flags.moreData)
      const { model, report } = yield* withEngine(flags.duckdb, trainRun({ settings: flags.settings, data: files, plan: flags.plan, out: flags.out }))
      if (flags.json) return yield* printJson(JSON.stringify({ model, sessions: report.sessions, steps: report.steps }, null, 2))
      const rows = report.steps.map((step, i) => [String(i + 1), step.estimate, stepSummary(step)])
      yield* printOut(renderTable(["Step", "Estimate", "Result"], rows, 80))
      yield* printErr(`model written to ${flags.out}`)
    })
).pipe(Command.withDescription("Train a model by a plan (λ from deterministic rules, u by sampling, EM sessions, m from labels) and save it."))

const stepSummary = (step: StepReport): string => {
  switch (step.estimate) {
    case "probability_two_random_records_match":
      return `λ = ${number(step.probability_two_random_records_match)} from ${step.pairs_found} pairs (recall ${step.recall})`
    case "u_using_random_sampling":
      return `u from ${step.pairs} pairs of ${step.sampled_records} sampled records (seed ${step.seed})`
    case "parameters_using_expectation_maximisation":
      return `${step.blocking_rule}: ${step.iterations} iterations, ${step.converged ? "converged" : "did not converge"}`
    case "m_from_label_column":
      return `m from ${step.pairs} pairs sharing ${step.label_column}`
    case "m_from_pairwise_labels":
      return `m from ${step.matches} matching of ${step.pairs} labelled pairs`
  }
}

const predictCommand = Command.make(
  "predict",
  {
    model,
    data,
    moreData,
    thresholdWeight: Options.float("threshold-match-weight").pipe(Options.withPseudoName("W"), Options.withDescription("keep pairs with a match weight ≥ W"), Options.optional),
    thresholdProbability: Options.float("threshold-match-probability").pipe(Options.withPseudoName("P"), Options.withDescription("keep pairs with a match probability ≥ P"), Options.optional),
    format: Options.choice("format", ["csv", "jsonl"]).pipe(Options.withDefault("csv" as const), Options.withDescription("csv (default) or jsonl, one JSON object per pair")),
    out: out("where to write the pairs (default: standard output)").pipe(Options.optional),
    explain: Options.boolean("explain").pipe(Options.withDescription("add bf_<comparison> and bf_tf_adj_<comparison>: each pair's weight is the prior plus its parts")),
    duckdb
  },
  (flags) =>
    Effect.gen(function* () {
      const { predictRun, writeTable } = yield* linkage
      const files = yield* dataFiles(flags.data, flags.moreData)
      const threshold = { ...Option.match(flags.thresholdWeight, { onNone: () => ({}), onSome: (matchWeight) => ({ matchWeight }) }), ...Option.match(flags.thresholdProbability, { onNone: () => ({}), onSome: (matchProbability) => ({ matchProbability }) }) }
      const table = yield* withEngine(flags.duckdb, predictRun({ model: flags.model, data: files, threshold, explain: flags.explain }))
      yield* writeTable(table, flags.format, Option.getOrUndefined(flags.out))
      if (Option.isSome(flags.out)) yield* printErr(`${table.rowCount} pair${table.rowCount === 1 ? "" : "s"} written to ${flags.out.value}`)
    })
).pipe(Command.withDescription("Score every pair the model's blocking rules generate: match weight, probability, γ per comparison."))

const evaluateCommand = Command.make(
  "evaluate",
  {
    model,
    data,
    moreData,
    labels: file("labels", "clerical labels: CSV unique_id_l,unique_id_r,clerical_match_score (≥ 0.5 is a match)"),
    blockingRules: Options.text("blocking-rule").pipe(Options.withPseudoName("SQL"), Options.withDescription("replace the model's blocking rules (repeat); labelled pairs none generates score −999"), Options.repeated),
    json: jsonOption,
    html,
    duckdb
  },
  (flags) =>
    Effect.gen(function* () {
      const { evaluatePage, evaluateRun } = yield* linkage
      const files = yield* dataFiles(flags.data, flags.moreData)
      const result = yield* withEngine(flags.duckdb, evaluateRun({ model: flags.model, data: files, labels: flags.labels, blockingRules: flags.blockingRules }))
      if (Option.isSome(flags.html)) yield* writeText(flags.html.value, yield* evaluatePage(result, `Accuracy of ${basename(flags.model)} against ${basename(flags.labels)}`))
      if (result.unmatchedLabels > 0) yield* printErr(`liner: ${result.unmatchedLabels} label${result.unmatchedLabels === 1 ? " names" : "s name"} a record that is not in the data (left out)`)
      if (flags.json) return yield* printJson(JSON.stringify(result.truthTable, null, 2))
      const rows = result.truthTable.map((r) => [number(r.truth_threshold, 3), number(r.match_probability, 4), String(r.tp), String(r.tn), String(r.fp), String(r.fn), number(r.precision, 4), number(r.recall, 4), number(r.f1, 4)])
      yield* printOut(renderTable(["Threshold", "Probability", "TP", "TN", "FP", "FN", "Precision", "Recall", "F1"], rows))
    })
).pipe(Command.withDescription("Compare the model's scores with clerical labels: splink's truth table, one row per threshold."))

const clusterCommand = Command.make(
  "cluster",
  {
    model,
    data,
    moreData,
    thresholdProbability: Options.float("threshold-match-probability").pipe(Options.withPseudoName("P"), Options.withDescription("link pairs with a match probability ≥ P")),
    out: out("where to write cluster_id,unique_id (default: standard output)").pipe(Options.optional),
    duckdb
  },
  (flags) =>
    Effect.gen(function* () {
      const { clusterRun, clusterTable, writeTable } = yield* linkage
      const files = yield* dataFiles(flags.data, flags.moreData)
      const members = yield* withEngine(flags.duckdb, clusterRun({ model: flags.model, data: files, thresholdMatchProbability: flags.thresholdProbability }))
      yield* writeTable(clusterTable(members), "csv", Option.getOrUndefined(flags.out))
      if (Option.isSome(flags.out)) yield* printErr(`${new Set(members.map((m) => m.clusterId)).size} clusters of ${members.length} records written to ${flags.out.value}`)
    })
).pipe(Command.withDescription("Cluster the records: connected components of the pairs at or above the threshold (cluster id = smallest id in it)."))

/** `ID_L,ID_R`, or `DATASET:ID,DATASET:ID` when linking. */
const parsePair = (text: string): PairKey | undefined => {
  const [left, right, ...rest] = text.split(",").map((part) => part.trim())
  if (left === undefined || right === undefined || left === "" || right === "" || rest.length > 0) return undefined
  const side = (part: string) => {
    const colon = part.indexOf(":")
    return colon < 0 ? { id: part } : { dataset: part.slice(0, colon), id: part.slice(colon + 1) }
  }
  const l = side(left)
  const r = side(right)
  return { uniqueIdL: l.id, uniqueIdR: r.id, ...(l.dataset === undefined ? {} : { sourceDatasetL: l.dataset }), ...(r.dataset === undefined ? {} : { sourceDatasetR: r.dataset }) }
}

const explainCommand = Command.make(
  "explain",
  {
    model,
    data: data.pipe(Options.withDescription("with --pair: the CSV the pair's records are in")),
    moreData,
    pairs: Options.text("pair").pipe(Options.withPseudoName("ID_L,ID_R"), Options.withDescription("also explain this pair as a waterfall (repeat; DATASET:ID when linking)"), Options.repeated),
    json: jsonOption,
    html,
    duckdb
  },
  (flags) =>
    Effect.gen(function* () {
      const { explainPage, explainRun } = yield* linkage
      const pairs: Array<PairKey> = []
      for (const text of flags.pairs) {
        const pair = parsePair(text)
        if (pair === undefined) return yield* usage(`--pair takes ID_L,ID_R (DATASET:ID,DATASET:ID when linking), got "${text}"`)
        pairs.push(pair)
      }
      const result = yield* withEngine(flags.duckdb, explainRun({ model: flags.model, data: [...flags.data, ...flags.moreData], pairs }))
      if (Option.isSome(flags.html)) yield* writeText(flags.html.value, yield* explainPage(result, `Model ${basename(flags.model)}`))
      if (flags.json) return yield* printJson(JSON.stringify({ parameters: result.parameters, waterfalls: result.waterfalls }, null, 2))
      const rows = result.parameters.map((p) => [p.comparison_name, p.label_for_charts, number(p.m_probability, 4), number(p.u_probability, 4), number(p.bayes_factor, 4), number(p.log2_bayes_factor, 3)])
      yield* printOut(renderTable(["Comparison", "Level", "m", "u", "Bayes factor", "Match weight"], rows, 60))
      for (const { pair, rows: bars } of result.waterfalls) {
        yield* printOut(`\n${pair.uniqueIdL} vs ${pair.uniqueIdR}`)
        yield* printOut(renderTable(["Column", "Level", "Values", "Bayes factor", "Match weight"], bars.map((b) => [b.column_name, b.label_for_charts, `${b.value_l} | ${b.value_r}`, number(b.bayes_factor, 4), number(b.log2_bayes_factor, 3)]), 50))
      }
    })
).pipe(Command.withDescription("Show a model's m, u, Bayes factor and match weight per level; with --data and --pair, a pair's waterfall."))

export const linkageCommand = Command.make("linkage").pipe(
  Command.withDescription("Record linkage with splink's Fellegi–Sunter models: train, predict, evaluate, cluster, explain."),
  Command.withSubcommands([trainCommand, predictCommand, evaluateCommand, clusterCommand, explainCommand])
)
