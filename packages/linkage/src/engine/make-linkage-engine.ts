/** The LinkageEngine service over one DuckDB database, opened and closed with its scope. */
import { DuckDBInstance } from "@duckdb/node-api"
import { Effect, type Scope } from "effect"
import { LinkageInputError, LinkageInternalError } from "../errors.js"
import type { BlockingRule, Settings } from "../settings/settings.js"
import { blockedPairsSql, blockingSides, createPairsTable, diagnoseBlockingRules, ruleSqls } from "./blocking.js"
import { blockingCounts, countPairsOfRules } from "./blocking-counts.js"
import { termFrequencyColumnName, termFrequencyColumnsOf } from "./comparison-sql.js"
import { DuckDbSession, firstLineOf, quoteIdentifier } from "./duckdb-session.js"
import type { Input } from "./input.js"
import { createLabelledPairsTable, readLabelExtras } from "./labelled-pairs.js"
import type { LinkageEngineOptions, LinkageEngineService, LinkageError } from "./linkage-engine.js"
import { loadInput, ROW } from "./load-input.js"
import { pairValues } from "./pair-values.js"
import { choosePositions, sampleSizes, seededRandom } from "./random-sample.js"
import { checkBlockingRuleColumns, checkComparisonColumns, type ColumnSource } from "./settings-columns.js"
import { addTermFrequencyColumns, termFrequencyTableSql } from "./term-frequencies.js"
import { readComparisonVectors } from "./vector-query.js"

/** How errors name the data an input came from. */
const dataSource = (input: Input, extraColumns: ReadonlyArray<string> = []): ColumnSource => ({
  name: input.files.length === 1 ? `data file ${input.files[0]}` : `the data (${input.files.join(", ")})`,
  columns: [...input.columns.map((column) => column.name), ...extraColumns]
})

const openDatabase = (options: LinkageEngineOptions): Effect.Effect<DuckDbSession & { readonly close: () => void }, LinkageError, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: async () => {
        const instance = await DuckDBInstance.create(
          options.databasePath ?? ":memory:",
          options.threads === undefined ? {} : { threads: String(options.threads) }
        )
        const session = Object.assign(new DuckDbSession(await instance.connect()), {
          close: () => {
            session.connection.closeSync()
            instance.closeSync()
          }
        })
        await dropOwnTables(session)
        return session
      },
      catch: (cause) =>
        options.databasePath === undefined
          ? new LinkageInternalError({ message: `cannot start DuckDB: ${firstLineOf(cause)}`, cause })
          : new LinkageInputError({ message: `cannot open the DuckDB database ${options.databasePath}: ${firstLineOf(cause)}` })
    }),
    (session) =>
      Effect.promise(async () => {
        // A database file keeps tables: leave it as we found it.
        if (options.databasePath !== undefined) await dropOwnTables(session).catch(() => undefined)
        session.close()
      })
  )

/** Our tables left in a database file by an earlier run would clash with this run's names. */
const dropOwnTables = async (session: DuckDbSession): Promise<void> => {
  const rows = await session.rows(`SELECT table_name FROM duckdb_tables() WHERE starts_with(table_name, '__linkage_')`)
  for (const row of rows) await session.dropTable(String(row["table_name"]))
}

export const makeLinkageEngine = (options: LinkageEngineOptions): Effect.Effect<LinkageEngineService, LinkageError, Scope.Scope> =>
  Effect.gen(function* () {
    const session = yield* openDatabase(options)
    // One connection runs one statement at a time.
    const lock = yield* Effect.makeSemaphore(1)

    const operation = <A>(what: string, body: () => Promise<A>): Effect.Effect<A, LinkageError> =>
      lock.withPermits(1)(
        Effect.tryPromise({
          try: body,
          catch: (cause) =>
            cause instanceof LinkageInputError || cause instanceof LinkageInternalError
              ? cause
              : new LinkageInternalError({ message: `${what}: ${firstLineOf(cause)}`, cause })
        })
      )

    /** Scratch tables live for one operation. */
    const withTables = async <A>(body: (created: Array<string>) => Promise<A>): Promise<A> => {
      const created: Array<string> = []
      try {
        return await body(created)
      } finally {
        for (const table of created) await session.dropTable(table)
      }
    }

    /** The records table's columns now, after adding any TF columns the settings need. */
    const prepareTermFrequencies = async (input: Input, settings: Settings): Promise<ReadonlyArray<string>> => {
      const current = async () => (await session.rows(`DESCRIBE ${quoteIdentifier(input.table)}`)).map((row) => String(row["column_name"]))
      const wanted = [...new Set(settings.comparisons.flatMap(termFrequencyColumnsOf))].map(
        (column) => input.columns.find((candidate) => candidate.name.toLowerCase() === column.toLowerCase())?.name ?? column
      )
      await addTermFrequencyColumns(session, input.table, await current(), wanted)
      return current()
    }

    const checkComparisons = (input: Input, settings: Settings) =>
      checkComparisonColumns(session, settings.comparisons, [
        dataSource(input, settings.comparisons.flatMap(termFrequencyColumnsOf).map(termFrequencyColumnName))
      ])

    const checkRules = (input: Input, rules: ReadonlyArray<BlockingRule>) => checkBlockingRuleColumns(session, rules, [dataSource(input)])

    const pairsOf = async (created: Array<string>, input: Input, sides: ReturnType<typeof blockingSides>, rules: ReadonlyArray<string>) => {
      try {
        const pairs = await createPairsTable(session, blockedPairsSql(sides, rules))
        created.push(pairs.table)
        return pairs
      } catch (error) {
        await diagnoseBlockingRules(session, sides, rules)
        throw error
      }
    }

    const service: LinkageEngineService = {
      loadInput: ({ files, settings }) => operation("cannot load the data", () => loadInput(session, settings, files)),

      comparisonVectors: (input, settings, vectorOptions = {}) =>
        operation("cannot compute the comparison vectors", () =>
          withTables(async (created) => {
            const rules = vectorOptions.blockingRules ?? settings.blocking_rules_to_generate_predictions ?? []
            await checkComparisons(input, settings)
            await checkRules(input, rules)
            const tableColumns = await prepareTermFrequencies(input, settings)
            const pairs = await pairsOf(created, input, blockingSides(input), ruleSqls(rules))
            return readComparisonVectors(session, input, settings, tableColumns, pairs, vectorOptions.withIds === true)
          })
        ),

      blockingCounts: (input, rules, countOptions = {}) =>
        operation("cannot count the blocked pairs", async () => {
          await checkRules(input, rules)
          return blockingCounts(session, input, rules, countOptions.largestBlocks ?? 0)
        }),

      countPairsOfRules: (input, rules) =>
        operation("cannot count the pairs of the rules", async () => {
          await checkRules(input, rules)
          return countPairsOfRules(session, input, rules)
        }),

      sampleComparisonVectors: (input, settings, { maxPairs, seed, withIds }) =>
        operation("cannot sample record pairs", () =>
          withTables(async (created) => {
            if (!(maxPairs > 0)) throw new LinkageInputError({ message: `max_pairs must be a positive number, got ${maxPairs}` })
            if (!Number.isFinite(seed)) throw new LinkageInputError({ message: `the seed must be a number, got ${seed}` })
            await checkComparisons(input, settings)
            const tableColumns = await prepareTermFrequencies(input, settings)
            const sample = await sampleRecords(session, input, maxPairs, seed)
            created.push(sample.picks, sample.table)
            const sides = blockingSides(input, sample.table)
            const pairs = await pairsOf(created, input, sides, ["1=1"])
            const vectors = await readComparisonVectors(session, input, settings, tableColumns, pairs, withIds === true)
            return { ...vectors, sampledRecords: sample.recordCount }
          })
        ),

      labelledPairVectors: (input, settings, { labels, blockingRules }) =>
        operation("cannot compare the labelled pairs", () =>
          withTables(async (created) => {
            const rules = blockingRules ?? settings.blocking_rules_to_generate_predictions ?? []
            await checkComparisons(input, settings)
            await checkRules(input, rules)
            const tableColumns = await prepareTermFrequencies(input, settings)
            let labelled
            try {
              labelled = await createLabelledPairsTable(session, input, labels, rules)
            } catch (error) {
              if (!(error instanceof LinkageInputError)) await diagnoseBlockingRules(session, blockingSides(input), ruleSqls(rules))
              throw error
            }
            created.push(labelled.table)
            const vectors = await readComparisonVectors(session, input, settings, tableColumns, labelled, true)
            const extras = await readLabelExtras(session, labelled.table, labelled.pairCount)
            return { vectors, ...extras, unmatchedLabels: labelled.unmatchedLabels }
          })
        ),

      pairValues: (input, settings, pairs) =>
        operation("cannot read the pairs' values", async () => {
          await checkComparisons(input, settings)
          await prepareTermFrequencies(input, settings)
          return pairValues(session, input, settings, pairs)
        }),

      recordIds: (input) =>
        operation("cannot read the record ids", async () => {
          const id = `CAST(${quoteIdentifier(input.uniqueIdColumn)} AS VARCHAR)`
          const source = input.sourceDatasetColumn === undefined ? "" : `, CAST(${quoteIdentifier(input.sourceDatasetColumn)} AS VARCHAR)`
          const rows = await session.rows(`SELECT ${id} AS unique_id${source === "" ? "" : `${source} AS source_dataset`} FROM ${quoteIdentifier(input.table)}`)
          return rows.map((row) =>
            input.sourceDatasetColumn === undefined
              ? { uniqueId: String(row["unique_id"]) }
              : { uniqueId: String(row["unique_id"]), sourceDataset: String(row["source_dataset"]) }
          )
        }),
      termFrequencies: (input, column) =>
        operation("cannot compute term frequencies", async () => {
          const actual = input.columns.find((candidate) => candidate.name.toLowerCase() === column.toLowerCase())
          if (actual === undefined) throw new LinkageInputError({ message: `${dataSource(input).name} has no column "${column}"` })
          const rows = await session.rows(`SELECT value, tf FROM (${termFrequencyTableSql(input.table, actual.name)}) ORDER BY tf DESC, value`)
          return rows.map((row) => ({
            value: typeof row["value"] === "bigint" ? Number(row["value"]) : (row["value"] as string | number),
            tf: Number(row["tf"])
          }))
        })
    }
    return service
  })

/**
 * Seeded random records for u estimation: how many per group as splink's estimate_u.py (one group,
 * or one per source dataset for link_only), which ones by position within the group.
 */
const sampleRecords = async (
  session: DuckDbSession,
  input: Input,
  maxPairs: number,
  seed: number
): Promise<{ readonly table: string; readonly picks: string; readonly recordCount: number }> => {
  const byDataset = input.linkType === "link_only"
  const groups = byDataset ? input.sourceDatasets.map((dataset) => dataset.name) : [""]
  const counts = byDataset ? input.sourceDatasets.map((dataset) => dataset.recordCount) : [input.recordCount]
  const sizes = sampleSizes(input.linkType, counts, maxPairs)
  const random = seededRandom(seed)

  const picks = session.freshTable("picks")
  await session.run(`CREATE TABLE ${quoteIdentifier(picks)} (__linkage_grp VARCHAR, __linkage_pos INTEGER)`)
  const appender = await session.connection.createAppender(picks)
  try {
    for (const [index, group] of groups.entries()) {
      for (const position of choosePositions(counts[index]!, sizes[index]!, random)) {
        appender.appendVarchar(group)
        appender.appendInteger(position)
        appender.endRow()
      }
    }
  } finally {
    appender.closeSync()
  }

  const table = session.freshTable("sample")
  const group = byDataset ? `CAST(${quoteIdentifier(input.sourceDatasetColumn!)} AS VARCHAR)` : "''"
  await session.run(
    `CREATE TABLE ${quoteIdentifier(table)} AS SELECT numbered.* EXCLUDE (__linkage_grp, __linkage_pos) FROM (` +
      `SELECT *, ${group} AS __linkage_grp, CAST(row_number() OVER (PARTITION BY ${group} ORDER BY ${ROW}) - 1 AS INTEGER) AS __linkage_pos ` +
      `FROM ${quoteIdentifier(input.table)}) AS numbered SEMI JOIN ${quoteIdentifier(picks)} AS picks USING (__linkage_grp, __linkage_pos) ORDER BY ${ROW}`
  )
  return { table, picks, recordCount: await session.count(`SELECT count(*) FROM ${quoteIdentifier(table)}`) }
}
